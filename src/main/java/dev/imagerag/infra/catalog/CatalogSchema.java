package dev.imagerag.infra.catalog;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The catalog's versioned schema. The version lives in SQLite's {@code user_version}; each
 * migration moves it up by one inside one transaction, so a crash mid-migration leaves the old
 * version intact. Add a migration to the end of {@link #MIGRATIONS}; never edit a released one.
 */
final class CatalogSchema {
  private static final List<String[]> MIGRATIONS =
      List.<String[]>of(
          // 1: images, their paths, per-stage states, extracted text and vectors, skips, removals
          new String[] {
            """
            CREATE TABLE images (
              id          TEXT PRIMARY KEY,
              size        INTEGER NOT NULL,
              width       INTEGER NOT NULL,
              height      INTEGER NOT NULL,
              format      TEXT NOT NULL,
              file_time   INTEGER NOT NULL,
              captured_at INTEGER,
              added_at    INTEGER NOT NULL
            ) WITHOUT ROWID""",
            """
            CREATE TABLE paths (
              path     TEXT PRIMARY KEY,
              image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
              size     INTEGER NOT NULL,
              mtime    INTEGER NOT NULL,
              seen_at  INTEGER NOT NULL
            )""",
            "CREATE INDEX paths_by_image ON paths(image_id)",
            """
            CREATE TABLE stages (
              image_id   TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
              stage      TEXT NOT NULL,
              state      TEXT NOT NULL,
              version    TEXT,
              reason     TEXT,
              updated_at INTEGER NOT NULL,
              PRIMARY KEY (image_id, stage)
            ) WITHOUT ROWID""",
            "CREATE INDEX stages_by_state ON stages(stage, state)",
            """
            CREATE TABLE vectors (
              image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
              name     TEXT NOT NULL,
              model    TEXT NOT NULL,
              dim      INTEGER NOT NULL,
              data     BLOB NOT NULL,
              PRIMARY KEY (image_id, name)
            ) WITHOUT ROWID""",
            """
            CREATE TABLE texts (
              image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
              field    TEXT NOT NULL,
              model    TEXT NOT NULL,
              text     TEXT NOT NULL,
              PRIMARY KEY (image_id, field)
            ) WITHOUT ROWID""",
            """
            CREATE TABLE skipped (
              path   TEXT PRIMARY KEY,
              size   INTEGER NOT NULL,
              mtime  INTEGER NOT NULL,
              reason TEXT NOT NULL,
              detail TEXT NOT NULL,
              at     INTEGER NOT NULL
            )""",
            "CREATE TABLE tombstones (image_id TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID",
            "CREATE TABLE roots (path TEXT PRIMARY KEY, added_at INTEGER NOT NULL)"
          },
          // 2: chat conversations (SqliteConversationStore). A turn is a question with its answer;
          // its images keep their id and path without a foreign key to images, so a conversation
          // outlives the removal of an image it cites. AUTOINCREMENT: a deleted conversation's id
          // is never reused, so an old `ask --conversation N` cannot continue someone else's.
          new String[] {
            """
            CREATE TABLE conversations (
              id         INTEGER PRIMARY KEY AUTOINCREMENT,
              title      TEXT NOT NULL,
              created_at INTEGER NOT NULL,
              updated_at INTEGER NOT NULL
            )""",
            "CREATE INDEX conversations_by_use ON conversations(updated_at)",
            """
            CREATE TABLE conversation_turns (
              conversation_id   INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
              seq               INTEGER NOT NULL,
              question          TEXT NOT NULL,
              answer            TEXT NOT NULL,
              generated         INTEGER NOT NULL,
              status            TEXT NOT NULL,
              model             TEXT,
              error             TEXT,
              prompt_tokens     INTEGER NOT NULL,
              completion_tokens INTEGER NOT NULL,
              at                INTEGER NOT NULL,
              PRIMARY KEY (conversation_id, seq)
            ) WITHOUT ROWID""",
            """
            CREATE TABLE turn_images (
              conversation_id INTEGER NOT NULL,
              seq             INTEGER NOT NULL,
              number          INTEGER NOT NULL,
              image_id        TEXT NOT NULL,
              path            TEXT NOT NULL,
              score           REAL NOT NULL,
              cited           INTEGER NOT NULL,
              PRIMARY KEY (conversation_id, seq, number),
              FOREIGN KEY (conversation_id, seq)
                REFERENCES conversation_turns(conversation_id, seq) ON DELETE CASCADE
            ) WITHOUT ROWID"""
          });

  private CatalogSchema() {}

  static int latestVersion() {
    return MIGRATIONS.size();
  }

  /** Applies every migration above the database's version; refuses a database from the future. */
  static void migrate(Db db) {
    migrate(db, latestVersion());
  }

  /** Applies the migrations up to version {@code upTo} (tests build older catalogs with it). */
  static void migrate(Db db, int upTo) {
    int current = db.transaction("read the catalog version", () -> (int) db.queryLong("PRAGMA user_version"));
    if (current > latestVersion()) {
      throw CatalogException.newerSchema(current, latestVersion());
    }
    for (int version = current + 1; version <= upTo; version++) {
      String[] statements = MIGRATIONS.get(version - 1);
      int target = version;
      db.transaction(
          "upgrade the catalog to version " + target,
          () -> {
            try (Statement statement = db.connection().createStatement()) {
              for (String sql : statements) {
                statement.execute(sql);
              }
              statement.execute("PRAGMA user_version = " + target);
            }
            return null;
          });
    }
  }

  static void requireCurrent(Db db) throws SQLException {
    long version = db.queryLong("PRAGMA user_version");
    if (version > latestVersion()) {
      throw CatalogException.newerSchema((int) version, latestVersion());
    }
    if (version != latestVersion()) {
      throw new SQLException("catalog schema version " + version + ", expected " + latestVersion());
    }
  }
}
