package dev.imagerag.infra.catalog;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.caption.TokenUsage;
import dev.imagerag.logic.chat.AnswerStatus;
import dev.imagerag.logic.chat.ChatTurn;
import dev.imagerag.logic.chat.Conversation;
import dev.imagerag.logic.chat.ConversationStore;
import dev.imagerag.logic.chat.ConversationSummary;
import dev.imagerag.logic.chat.TurnImage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Conversations in the catalog's SQLite file (tables of schema version 2), through the catalog's
 * own connection: one file to back up, one migration sequence, and writes serialised with the
 * catalog's. Times are stored in epoch milliseconds. Closed with the catalog; thread-safe.
 */
public final class SqliteConversationStore implements ConversationStore {
  private static final String SUMMARY = "SELECT c.id, c.title, c.created_at, c.updated_at,"
      + " (SELECT COUNT(*) FROM conversation_turns t WHERE t.conversation_id = c.id) FROM conversations c";

  private final Db db;
  private final boolean writable;

  private SqliteConversationStore(Db db) {
    this.db = db;
    this.writable = !db.transaction("check the catalog's access", () -> db.connection().isReadOnly());
  }

  /** The conversations of {@code catalog}'s library (read-only when the catalog is). */
  public static SqliteConversationStore of(SqliteCatalog catalog) {
    return new SqliteConversationStore(catalog.db());
  }

  @Override
  public boolean writable() {
    return writable;
  }

  @Override
  public ConversationSummary create(String title, Instant at) {
    return db.transaction("start a conversation", () -> {
      db.update("INSERT INTO conversations (title, created_at, updated_at) VALUES (?, ?, ?)",
          title, at.toEpochMilli(), at.toEpochMilli());
      long id = db.queryLong("SELECT last_insert_rowid()");
      return new ConversationSummary(id, title, millis(at), millis(at), 0);
    });
  }

  @Override
  public List<ConversationSummary> list(int limit) {
    return db.transaction("list conversations", () -> db.query(
        SUMMARY + " ORDER BY c.updated_at DESC, c.id DESC LIMIT ?", SqliteConversationStore::summary, limit));
  }

  @Override
  public Optional<Conversation> load(long id) {
    return db.transaction("read conversation " + id, () -> {
      Optional<ConversationSummary> summary = db.queryOne(SUMMARY + " WHERE c.id = ?",
          SqliteConversationStore::summary, id);
      if (summary.isEmpty()) {
        return Optional.empty();
      }
      Map<Integer, List<TurnImage>> images = new HashMap<>();
      db.forEach("SELECT seq, number, image_id, path, score, cited FROM turn_images WHERE conversation_id = ?"
          + " ORDER BY seq, number", row -> {
            images.computeIfAbsent(row.getInt(1), s -> new ArrayList<>()).add(new TurnImage(row.getInt(2),
                new ImageId(row.getString(3)), row.getString(4), row.getDouble(5), row.getInt(6) != 0));
            return null;
          }, id);
      List<ChatTurn> turns = db.query("SELECT seq, question, answer, generated, status, model, error, prompt_tokens,"
          + " completion_tokens, at FROM conversation_turns WHERE conversation_id = ? ORDER BY seq",
          row -> turn(row, images.getOrDefault(row.getInt(1), List.of())), id);
      return Optional.of(new Conversation(summary.get(), turns));
    });
  }

  @Override
  public ChatTurn append(long conversationId, ChatTurn turn) {
    return db.transaction("save a chat answer", () -> {
      if (db.queryLong("SELECT COUNT(*) FROM conversations WHERE id = ?", conversationId) == 0) {
        throw new NoSuchElementException("no conversation " + conversationId);
      }
      int seq = (int) db.queryLong(
          "SELECT COALESCE(MAX(seq), 0) + 1 FROM conversation_turns WHERE conversation_id = ?", conversationId);
      db.update("INSERT INTO conversation_turns (conversation_id, seq, question, answer, generated, status, model,"
          + " error, prompt_tokens, completion_tokens, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          conversationId, seq, turn.question(), turn.answer(), turn.generated() ? 1 : 0, turn.status().id(),
          turn.model(), turn.error(), turn.usage().promptTokens(), turn.usage().completionTokens(),
          turn.at().toEpochMilli());
      List<Object[]> rows = new ArrayList<>();
      for (TurnImage image : turn.images()) {
        rows.add(new Object[] {conversationId, seq, image.number(), image.id().hex(), image.path(), image.score(),
            image.cited() ? 1 : 0});
      }
      db.updateEach("INSERT INTO turn_images (conversation_id, seq, number, image_id, path, score, cited)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)", rows);
      db.update("UPDATE conversations SET updated_at = MAX(updated_at, ?) WHERE id = ?", turn.at().toEpochMilli(),
          conversationId);
      return new ChatTurn(seq, turn.question(), turn.answer(), turn.generated(), turn.status(), turn.images(),
          turn.usage(), turn.model(), turn.error(), millis(turn.at()));
    });
  }

  @Override
  public boolean rename(long id, String title) {
    return db.transaction("rename conversation " + id,
        () -> db.update("UPDATE conversations SET title = ? WHERE id = ?", title, id) > 0);
  }

  @Override
  public boolean delete(long id) {
    return db.transaction("delete conversation " + id,
        () -> db.update("DELETE FROM conversations WHERE id = ?", id) > 0);
  }

  private static ConversationSummary summary(ResultSet row) throws SQLException {
    return new ConversationSummary(row.getLong(1), row.getString(2), Instant.ofEpochMilli(row.getLong(3)),
        Instant.ofEpochMilli(row.getLong(4)), row.getInt(5));
  }

  private static ChatTurn turn(ResultSet row, List<TurnImage> images) throws SQLException {
    return new ChatTurn(row.getInt(1), row.getString(2), row.getString(3), row.getInt(4) != 0,
        AnswerStatus.fromId(row.getString(5)), images, new TokenUsage(row.getLong(8), row.getLong(9)),
        row.getString(6), row.getString(7), Instant.ofEpochMilli(row.getLong(10)));
  }

  private static Instant millis(Instant at) {
    return Instant.ofEpochMilli(at.toEpochMilli());
  }
}
