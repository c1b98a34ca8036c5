package dev.imagerag.logic.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Conversations kept in memory only: for view-model tests, and for a session whose library
 * cannot be written. Thread-safe.
 */
public final class InMemoryConversationStore implements ConversationStore {
  private final Map<Long, ConversationSummary> summaries = new LinkedHashMap<>();
  private final Map<Long, List<ChatTurn>> turns = new LinkedHashMap<>();
  private long nextId = 1;

  @Override
  public boolean writable() {
    return true;
  }

  @Override
  public synchronized ConversationSummary create(String title, Instant at) {
    ConversationSummary summary = new ConversationSummary(nextId++, title, at, at, 0);
    summaries.put(summary.id(), summary);
    turns.put(summary.id(), new ArrayList<>());
    return summary;
  }

  @Override
  public synchronized List<ConversationSummary> list(int limit) {
    return summaries.values().stream()
        .sorted(Comparator.comparing(ConversationSummary::updatedAt).thenComparing(ConversationSummary::id).reversed())
        .limit(limit).toList();
  }

  @Override
  public synchronized Optional<Conversation> load(long id) {
    ConversationSummary summary = summaries.get(id);
    return summary == null ? Optional.empty() : Optional.of(new Conversation(summary, turns.get(id)));
  }

  @Override
  public synchronized ChatTurn append(long conversationId, ChatTurn turn) {
    ConversationSummary summary = summaries.get(conversationId);
    if (summary == null) {
      throw new NoSuchElementException("no conversation " + conversationId);
    }
    List<ChatTurn> list = turns.get(conversationId);
    ChatTurn stored = turn.withSeq(list.isEmpty() ? 1 : list.get(list.size() - 1).seq() + 1);
    list.add(stored);
    Instant updated = turn.at().isAfter(summary.updatedAt()) ? turn.at() : summary.updatedAt();
    summaries.put(conversationId, new ConversationSummary(conversationId, summary.title(), summary.createdAt(),
        updated, list.size()));
    return stored;
  }

  @Override
  public synchronized boolean rename(long id, String title) {
    ConversationSummary summary = summaries.get(id);
    if (summary == null) {
      return false;
    }
    summaries.put(id, new ConversationSummary(id, title, summary.createdAt(), summary.updatedAt(), summary.turns()));
    return true;
  }

  @Override
  public synchronized boolean delete(long id) {
    turns.remove(id);
    return summaries.remove(id) != null;
  }
}
