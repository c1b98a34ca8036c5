package dev.imagerag.logic.chat;

import java.util.Objects;

/**
 * One earlier message of the conversation, as text (earlier images are not sent again as history;
 * when a follow-up reuses them they come with the new question).
 */
public record ChatMessage(Role role, String text) {
  public enum Role { USER, ASSISTANT }

  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(text, "text");
  }

  public static ChatMessage user(String text) {
    return new ChatMessage(Role.USER, text);
  }

  public static ChatMessage assistant(String text) {
    return new ChatMessage(Role.ASSISTANT, text);
  }
}
