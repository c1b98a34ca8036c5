package dev.imagerag.logic.chat;

import java.util.List;
import java.util.Objects;

/**
 * Everything one request sends: the system instruction, earlier turns as text (oldest first), and
 * the new user message made of text and image parts.
 *
 * @param maxAnswerTokens the longest answer the model may give, in tokens
 */
public record ChatPrompt(String system, List<ChatMessage> history, List<ChatPart> message, int maxAnswerTokens) {
  public ChatPrompt {
    Objects.requireNonNull(system, "system");
    history = List.copyOf(history);
    message = List.copyOf(message);
    if (message.isEmpty()) {
      throw new IllegalArgumentException("a prompt needs a message");
    }
    if (maxAnswerTokens < 1) {
      throw new IllegalArgumentException("maxAnswerTokens must be > 0, got " + maxAnswerTokens);
    }
  }

  /** The image parts of the message, in order. */
  public List<EncodedImage> images() {
    return message.stream().filter(p -> p instanceof ChatPart.Image).map(p -> ((ChatPart.Image) p).image()).toList();
  }
}
