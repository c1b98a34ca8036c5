package dev.imagerag.logic.chat;

import java.time.Instant;
import java.util.Objects;

/**
 * A conversation in a list: what it is about and when it was last used.
 *
 * @param title the first question, shortened, unless renamed
 * @param turns how many questions it holds
 */
public record ConversationSummary(long id, String title, Instant createdAt, Instant updatedAt, int turns) {
  public ConversationSummary {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
