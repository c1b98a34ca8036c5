package dev.imagerag.logic.chat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a library keeps its conversations. Implementations are thread-safe and every method is
 * atomic; they may block on disk I/O. Conversations outlive the images they mention: a turn
 * remembers each image's id and path even after the image leaves the library.
 */
public interface ConversationStore {

  /** False when the library is open read-only (another process writes it): nothing can be saved. */
  boolean writable();

  /** Starts an empty conversation. */
  ConversationSummary create(String title, Instant at);

  /** The most recently used conversations first, at most {@code limit}. */
  List<ConversationSummary> list(int limit);

  Optional<Conversation> load(long id);

  /**
   * Adds a turn at the end (its {@code seq} is assigned: one more than the last) and marks the
   * conversation as used at the turn's time.
   *
   * @return the turn as stored
   * @throws java.util.NoSuchElementException when there is no such conversation
   */
  ChatTurn append(long conversationId, ChatTurn turn);

  /** @return false when there is no such conversation */
  boolean rename(long id, String title);

  /** Deletes the conversation and its turns; @return false when there was none */
  boolean delete(long id);
}
