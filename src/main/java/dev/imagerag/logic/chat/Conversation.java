package dev.imagerag.logic.chat;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A conversation with all its turns, oldest first. */
public record Conversation(ConversationSummary summary, List<ChatTurn> turns) {
  public Conversation {
    Objects.requireNonNull(summary, "summary");
    turns = List.copyOf(turns);
  }

  public long id() {
    return summary.id();
  }

  public Optional<ChatTurn> lastTurn() {
    return turns.isEmpty() ? Optional.empty() : Optional.of(turns.get(turns.size() - 1));
  }
}
