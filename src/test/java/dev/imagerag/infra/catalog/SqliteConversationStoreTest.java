package dev.imagerag.infra.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.logic.caption.TokenUsage;
import dev.imagerag.logic.chat.AnswerStatus;
import dev.imagerag.logic.chat.ChatTurn;
import dev.imagerag.logic.chat.ConversationStore;
import dev.imagerag.logic.chat.ConversationStoreContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on a real SQLite file, plus what only the catalog-backed store does. */
class SqliteConversationStoreTest extends ConversationStoreContract {
  @TempDir Path dir;
  private SqliteCatalog catalog;
  private SqliteConversationStore store;

  @BeforeEach
  void open() {
    catalog = SqliteCatalog.open(dir.resolve("catalog.db"));
    store = SqliteConversationStore.of(catalog);
  }

  @AfterEach
  void close() {
    catalog.close();
  }

  @Override
  protected ConversationStore store() {
    return store;
  }

  private static ChatTurn turn(String question) {
    return new ChatTurn(0, question, "answer", true, AnswerStatus.COMPLETE, List.of(), TokenUsage.NONE, "m", null,
        Instant.ofEpochMilli(1_700_000_000_000L));
  }

  @Test
  void conversationsSurviveClosingAndReopeningTheCatalog() {
    long id = store.create("Totals", Instant.ofEpochMilli(1_700_000_000_000L)).id();
    store.append(id, turn("What is the total?"));
    catalog.close();

    catalog = SqliteCatalog.open(dir.resolve("catalog.db"));
    store = SqliteConversationStore.of(catalog);

    assertThat(store.load(id).orElseThrow().turns()).extracting(ChatTurn::question)
        .containsExactly("What is the total?");
  }

  @Test
  void aCatalogOpenedReadOnlyListsConversationsButCannotSaveThem() {
    long id = store.create("Totals", Instant.ofEpochMilli(1_700_000_000_000L)).id();
    store.append(id, turn("q"));

    try (SqliteCatalog reader = SqliteCatalog.openReadOnly(dir.resolve("catalog.db"))) {
      SqliteConversationStore readOnly = SqliteConversationStore.of(reader);
      assertThat(readOnly.writable()).isFalse();
      assertThat(readOnly.load(id).orElseThrow().turns()).hasSize(1);
    }
    assertThat(store.writable()).isTrue();
  }

  @Test
  void aVersionOneCatalogIsMigratedWithItsImagesKept() throws Exception {
    catalog.close();
    Path old = dir.resolve("old.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old)) {
      CatalogSchema.migrate(new Db(c), 1);
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO images VALUES ('" + "c".repeat(64) + "', 1, 2, 3, 'png', 4, NULL, 5)");
      }
    }
    assertThat(tables(old)).contains("images").doesNotContain("conversations");

    catalog = SqliteCatalog.open(old);
    store = SqliteConversationStore.of(catalog);

    assertThat(catalog.schemaVersion()).isEqualTo(2);
    assertThat(catalog.imageCount()).isEqualTo(1);
    assertThat(tables(old)).contains("conversations", "conversation_turns", "turn_images");
    long id = store.create("t", Instant.ofEpochMilli(1)).id();
    assertThat(store.append(id, turn("q")).seq()).isEqualTo(1);
  }

  private static List<String> tables(Path file) throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names;
  }
}
