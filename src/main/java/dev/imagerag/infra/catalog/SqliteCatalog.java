package dev.imagerag.infra.catalog;

import dev.imagerag.domain.ImageFormat;
import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.ImageRecord;
import dev.imagerag.domain.Skip;
import dev.imagerag.domain.SkipReason;
import dev.imagerag.domain.StageState;
import dev.imagerag.domain.StageStatus;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.catalog.PathEntry;
import dev.imagerag.logic.catalog.SkippedFile;
import dev.imagerag.logic.catalog.ImageSort;
import dev.imagerag.logic.catalog.ImageSummary;
import dev.imagerag.logic.catalog.StageResult;
import dev.imagerag.logic.catalog.StoredVector;
import dev.imagerag.logic.catalog.Tags;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.sqlite.SQLiteConfig;

/**
 * The catalog in one SQLite file (WAL journal: a crash loses at most uncommitted work, readers in
 * other processes see committed data). One connection, serialised by {@link Db}.
 */
public final class SqliteCatalog implements Catalog {
  private final Db db;
  private final StageTable stages;

  private SqliteCatalog(Db db) {
    this.db = db;
    this.stages = new StageTable(db);
  }

  /** Opens or creates the catalog at {@code file} and migrates it to the latest schema. */
  public static SqliteCatalog open(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (java.io.IOException e) {
      throw CatalogException.io("create the library folder " + file.getParent(), e);
    }
    return checked(new SqliteCatalog(connect(file, false)), CatalogSchema::migrate);
  }

  /** Opens an existing catalog for reading only (another process may be writing it). */
  public static SqliteCatalog openReadOnly(Path file) {
    if (!Files.isRegularFile(file)) {
      throw CatalogException.io(
          "open the catalog", new java.io.FileNotFoundException("no catalog at " + file));
    }
    return checked(new SqliteCatalog(connect(file, true)),
        db -> db.transaction("check the catalog version", () -> {
          CatalogSchema.requireCurrent(db);
          return null;
        }));
  }

  /**
   * Opens a catalog on read-only media (a read-only mount, a backup disc): SQLite cannot create the
   * write-ahead log's shared-memory file there, so the file is opened as immutable. Nothing may
   * write it meanwhile.
   */
  public static SqliteCatalog openImmutable(Path file) {
    if (!Files.isRegularFile(file)) {
      throw CatalogException.io(
          "open the catalog", new java.io.FileNotFoundException("no catalog at " + file));
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setOpenMode(org.sqlite.SQLiteOpenMode.OPEN_URI);
    Db db;
    try {
      db = new Db(DriverManager.getConnection("jdbc:sqlite:file:" + file.toAbsolutePath() + "?immutable=1",
          config.toProperties()));
    } catch (SQLException e) {
      throw CatalogException.of("open the catalog " + file, e);
    }
    return checked(new SqliteCatalog(db), d -> d.transaction("check the catalog version", () -> {
      CatalogSchema.requireCurrent(d);
      return null;
    }));
  }

  /** Runs {@code check} on a fresh catalog; a refused catalog is closed so its file is not held open. */
  private static SqliteCatalog checked(SqliteCatalog catalog, Consumer<Db> check) {
    try {
      check.accept(catalog.db);
      return catalog;
    } catch (RuntimeException e) {
      try {
        catalog.close();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  private static Db connect(Path file, boolean readOnly) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(10_000);
    config.setReadOnly(readOnly);
    try {
      return new Db(DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties()), file);
    } catch (SQLException e) {
      throw CatalogException.of("open the catalog " + file, e);
    }
  }

  /** The connection, for stores that share the catalog's file (conversations); closed with the catalog. */
  Db db() {
    return db;
  }

  @Override
  public int schemaVersion() {
    return db.transaction("read the catalog version", () -> (int) db.queryLong("PRAGMA user_version"));
  }

  // ---- paths and images ------------------------------------------------------------------

  @Override
  public Optional<PathEntry> findPath(String path) {
    return db.transaction("look up " + path, () -> db.queryOne(
        "SELECT path, image_id, size, mtime FROM paths WHERE path = ?",
        row -> new PathEntry(row.getString(1), new ImageId(row.getString(2)), row.getLong(3), row.getLong(4)),
        path));
  }

  @Override
  public Optional<SkippedFile> findSkipped(String path) {
    return db.transaction("look up " + path, () -> db.queryOne(
        "SELECT path, size, mtime, reason, detail, at FROM skipped WHERE path = ?",
        SqliteCatalog::skippedFile, path));
  }

  @Override
  public boolean hasImage(ImageId id) {
    return db.transaction("look up an image", () -> db.queryLong(
        "SELECT COUNT(*) FROM images WHERE id = ?", id.hex()) > 0);
  }

  @Override
  public Optional<ImageRecord> image(ImageId id) {
    return db.transaction("read an image", () -> db.queryOne(
        "SELECT id, size, width, height, format, file_time, captured_at, added_at FROM images WHERE id = ?",
        SqliteCatalog::imageRecord, id.hex()));
  }

  @Override
  public List<String> paths(ImageId id) {
    return db.transaction("read the paths of an image", () -> db.query(
        "SELECT path FROM paths WHERE image_id = ? ORDER BY seen_at DESC, path",
        row -> row.getString(1), id.hex()));
  }

  @Override
  public List<ImageId> findByIdPrefix(String prefix, int limit) {
    String low = prefix.toLowerCase(java.util.Locale.ROOT);
    return db.transaction("find images by id", () -> db.query(
        "SELECT id FROM images WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
        row -> new ImageId(row.getString(1)), low, low + "g", limit));
  }

  @Override
  public boolean recordImport(
      ImageRecord image, PathEntry path, Collection<String> pendingStages, Map<String, String> doneStages) {
    if (!image.id().equals(path.imageId())) {
      throw new IllegalArgumentException("path " + path.path() + " belongs to " + path.imageId() + ", not " + image.id());
    }
    long now = System.currentTimeMillis();
    return db.transaction("record " + path.path(), () -> {
      int inserted = db.update(
          "INSERT OR IGNORE INTO images (id, size, width, height, format, file_time, captured_at, added_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          image.id().hex(), image.sizeBytes(), image.width(), image.height(), image.format().id(),
          image.fileTime().toEpochMilli(),
          image.capturedAt() == null ? null : image.capturedAt().toEpochMilli(),
          image.addedAt().toEpochMilli());
      if (inserted > 0) {
        List<Object[]> rows = new ArrayList<>();
        for (String stage : pendingStages) {
          rows.add(new Object[] {image.id().hex(), stage, StageState.PENDING.id(), null, now});
        }
        doneStages.forEach((stage, version) ->
            rows.add(new Object[] {image.id().hex(), stage, StageState.DONE.id(), version, now}));
        db.updateEach(
            "INSERT OR REPLACE INTO stages (image_id, stage, state, version, updated_at) VALUES (?, ?, ?, ?, ?)",
            rows);
        db.update("DELETE FROM tombstones WHERE image_id = ?", image.id().hex());
      }
      linkPathInTransaction(path, now);
      return inserted > 0;
    });
  }

  @Override
  public boolean linkPath(PathEntry path) {
    long now = System.currentTimeMillis();
    return db.transaction("record " + path.path(), () -> {
      if (db.queryLong("SELECT COUNT(*) FROM images WHERE id = ?", path.imageId().hex()) == 0) {
        return false;
      }
      linkPathInTransaction(path, now);
      return true;
    });
  }

  private void linkPathInTransaction(PathEntry path, long now) throws SQLException {
    Optional<ImageId> previous = db.queryOne(
        "SELECT image_id FROM paths WHERE path = ?", row -> new ImageId(row.getString(1)), path.path());
    db.update(
        "INSERT INTO paths (path, image_id, size, mtime, seen_at) VALUES (?, ?, ?, ?, ?)"
            + " ON CONFLICT(path) DO UPDATE SET image_id = excluded.image_id, size = excluded.size,"
            + " mtime = excluded.mtime, seen_at = excluded.seen_at",
        path.path(), path.imageId().hex(), path.size(), path.modifiedMillis(), now);
    db.update("DELETE FROM skipped WHERE path = ?", path.path());
    if (previous.isEmpty() || !previous.get().equals(path.imageId())) {
      stages.requeue(INDEX_STAGE, List.of(path.imageId()), now);
    }
    // The previous image's indexed payload still lists this path: drop it or reindex it.
    if (previous.isPresent() && !previous.get().equals(path.imageId()) && !dropIfOrphaned(previous.get(), now)) {
      stages.requeue(INDEX_STAGE, List.of(previous.get()), now);
    }
  }

  @Override
  public void recordSkipped(SkippedFile skipped) {
    long now = System.currentTimeMillis();
    db.transaction("record the skipped file " + skipped.path(), () -> {
      unlinkInTransaction(List.of(skipped.path()), now);
      db.update(
          "INSERT OR REPLACE INTO skipped (path, size, mtime, reason, detail, at) VALUES (?, ?, ?, ?, ?, ?)",
          skipped.path(), skipped.size(), skipped.modifiedMillis(), skipped.skip().reason().id(),
          skipped.skip().detail(), skipped.at().toEpochMilli());
      return null;
    });
  }

  @Override
  public List<String> pathsUnder(String folder) {
    return db.transaction("list paths under " + folder, () -> db.query(
        "SELECT path FROM paths WHERE path = ? OR (path >= ? AND path < ?)",
        row -> row.getString(1), folder, childPrefix(folder), upperBound(folder)));
  }

  @Override
  public List<String> skippedUnder(String folder) {
    return db.transaction("list skipped files under " + folder, () -> db.query(
        "SELECT path FROM skipped WHERE path = ? OR (path >= ? AND path < ?)",
        row -> row.getString(1), folder, childPrefix(folder), upperBound(folder)));
  }

  /** "folder/", or the folder itself when it already ends with a separator (a root such as "/"). */
  private static String childPrefix(String folder) {
    return folder.endsWith(File.separator) ? folder : folder + File.separator;
  }

  /** The smallest string above every "folder/..." path: the prefix with the separator's successor. */
  private static String upperBound(String folder) {
    String prefix = childPrefix(folder);
    return prefix.substring(0, prefix.length() - 1) + (char) (File.separatorChar + 1);
  }

  @Override
  public List<ImageId> removePaths(Collection<String> paths) {
    long now = System.currentTimeMillis();
    return db.transaction("remove paths", () -> {
      db.updateEach("DELETE FROM skipped WHERE path = ?", paths.stream().map(p -> new Object[] {p}).toList());
      return unlinkInTransaction(paths, now);
    });
  }

  /** Unlinks paths; requeues the index of images that keep other paths; drops the others. */
  private List<ImageId> unlinkInTransaction(Collection<String> paths, long now) throws SQLException {
    List<ImageId> dropped = new ArrayList<>();
    for (String path : paths) {
      Optional<ImageId> owner = db.queryOne(
          "SELECT image_id FROM paths WHERE path = ?", row -> new ImageId(row.getString(1)), path);
      if (owner.isEmpty()) {
        continue;
      }
      db.update("DELETE FROM paths WHERE path = ?", path);
      if (dropIfOrphaned(owner.get(), now)) {
        dropped.add(owner.get());
      } else {
        stages.requeue(INDEX_STAGE, List.of(owner.get()), now);
      }
    }
    return dropped;
  }

  private boolean dropIfOrphaned(ImageId id, long now) throws SQLException {
    if (db.queryLong("SELECT COUNT(*) FROM paths WHERE image_id = ?", id.hex()) > 0) {
      return false;
    }
    db.update("DELETE FROM images WHERE id = ?", id.hex());
    db.update("INSERT OR REPLACE INTO tombstones (image_id, at) VALUES (?, ?)", id.hex(), now);
    return true;
  }

  @Override
  public List<ImageId> tombstones() {
    return db.transaction("read removed images", () -> db.query(
        "SELECT image_id FROM tombstones", row -> new ImageId(row.getString(1))));
  }

  @Override
  public void clearTombstones(Collection<ImageId> ids) {
    db.transaction("forget removed images", () -> db.updateEach(
        "DELETE FROM tombstones WHERE image_id = ?", ids.stream().map(id -> new Object[] {id.hex()}).toList()));
  }

  @Override
  public List<ImageSummary> listImages(ImageSort sort, String folder, int offset, int limit) {
    String order = switch (sort) {
      case DATE_NEWEST -> "COALESCE(i.captured_at, i.file_time) DESC, i.id";
      case DATE_OLDEST -> "COALESCE(i.captured_at, i.file_time) ASC, i.id";
      case NAME -> "p.name COLLATE NOCASE, i.id";
      case ADDED -> "i.added_at DESC, i.id";
    };
    // One row per image: its most recently seen path, and its unfinished / failed stage counts.
    String sql = "SELECT i.id, p.path, i.width, i.height, i.format, i.size,"
        + " COALESCE(i.captured_at, i.file_time), i.added_at,"
        + " (SELECT COUNT(*) FROM stages s WHERE s.image_id = i.id AND s.state IN ('pending', 'running')),"
        + " (SELECT COUNT(*) FROM stages s WHERE s.image_id = i.id AND s.state = 'failed')"
        + " FROM images i JOIN (SELECT image_id, path, MAX(seen_at),"
        + "   replace(path, rtrim(path, replace(path, '" + File.separator + "', '')), '') AS name"
        + "   FROM paths " + (folder == null ? "" : "WHERE path = ? OR (path >= ? AND path < ?) ")
        + "   GROUP BY image_id) p ON p.image_id = i.id"
        + " ORDER BY " + order + " LIMIT ? OFFSET ?";
    List<Object> args = new ArrayList<>();
    if (folder != null) {
      args.add(folder);
      args.add(childPrefix(folder));
      args.add(upperBound(folder));
    }
    args.add(limit);
    args.add(offset);
    return db.transaction("list images", () -> db.query(sql, row -> new ImageSummary(
        new ImageId(row.getString(1)), row.getString(2), row.getInt(3), row.getInt(4),
        ImageFormat.fromId(row.getString(5)), row.getLong(6), Instant.ofEpochMilli(row.getLong(7)),
        Instant.ofEpochMilli(row.getLong(8)), row.getInt(9), row.getInt(10)), args.toArray()));
  }

  @Override
  public long imageCount() {
    return db.transaction("count images", () -> db.queryLong("SELECT COUNT(*) FROM images"));
  }

  @Override
  public long pathCount() {
    return db.transaction("count paths", () -> db.queryLong("SELECT COUNT(*) FROM paths"));
  }

  @Override
  public void forEachImageId(Consumer<ImageId> action) {
    // Collect in pages so the lock is not held while the caller works.
    String after = "";
    while (true) {
      String from = after;
      List<ImageId> page = db.transaction("list images", () -> db.query(
          "SELECT id FROM images WHERE id > ? ORDER BY id LIMIT 10000", row -> new ImageId(row.getString(1)), from));
      if (page.isEmpty()) {
        return;
      }
      page.forEach(action);
      after = page.get(page.size() - 1).hex();
    }
  }

  // ---- stages ---------------------------------------------------------------------------

  @Override
  public int registerStage(String stage, String version) {
    return db.transaction("register the stage " + stage, () -> stages.register(stage, version));
  }

  @Override
  public int resetRunning() {
    return db.transaction("resume interrupted work", stages::resetRunning);
  }

  @Override
  public int requeue(String stage, Set<StageState> from) {
    return db.transaction("requeue " + stage, () -> stages.requeue(stage, from));
  }

  @Override
  public int requeueImages(String stage, Collection<ImageId> ids) {
    return db.transaction("requeue " + stage, () -> stages.requeue(stage, ids, System.currentTimeMillis()));
  }

  @Override
  public List<ImageId> claimPending(String stage, Set<String> dependencies, int limit) {
    return db.transaction("claim work for " + stage, () -> stages.claim(stage, dependencies, limit));
  }

  @Override
  public Map<String, Integer> finishStage(
      String stage, String version, List<StageResult> results, Set<String> dependents) {
    return db.transaction("record results of " + stage, () -> stages.finish(stage, version, results, dependents));
  }

  @Override
  public List<StageStatus> stages(ImageId id) {
    return db.transaction("read stage states", () -> stages.of(id));
  }

  @Override
  public Map<String, Map<StageState, Long>> stageCounts() {
    return db.transaction("count stage states", stages::counts);
  }

  @Override
  public long count(String stage, StageState state) {
    return db.transaction("count stage states", () -> db.queryLong(
        "SELECT COUNT(*) FROM stages WHERE stage = ? AND state = ?", stage, state.id()));
  }

  // ---- extracted content ----------------------------------------------------------------

  @Override
  public void putVector(ImageId id, String name, String model, float[] vector) {
    db.transaction("store the " + name + " vector", () -> db.update(
        "INSERT OR REPLACE INTO vectors (image_id, name, model, dim, data) VALUES (?, ?, ?, ?, ?)",
        id.hex(), name, model, vector.length, VectorCodec.encode(vector)));
  }

  @Override
  public Map<String, float[]> vectors(ImageId id) {
    return db.transaction("read vectors", () -> {
      Map<String, float[]> result = new TreeMap<>();
      db.forEach("SELECT name, data FROM vectors WHERE image_id = ?", row -> {
        result.put(row.getString(1), VectorCodec.decode(row.getBytes(2)));
        return null;
      }, id.hex());
      return result;
    });
  }

  @Override
  public Map<String, StoredVector> storedVectors(ImageId id) {
    return db.transaction("read vectors", () -> {
      Map<String, StoredVector> result = new TreeMap<>();
      db.forEach("SELECT name, model, data FROM vectors WHERE image_id = ?", row -> {
        result.put(row.getString(1), new StoredVector(row.getString(2), VectorCodec.decode(row.getBytes(3))));
        return null;
      }, id.hex());
      return result;
    });
  }

  @Override
  public void removeVector(ImageId id, String name) {
    db.transaction("remove the " + name + " vector", () -> db.update(
        "DELETE FROM vectors WHERE image_id = ? AND name = ?", id.hex(), name));
  }

  @Override
  public void putText(ImageId id, String field, String model, String text) {
    db.transaction("store the " + field + " text", () -> db.update(
        "INSERT OR REPLACE INTO texts (image_id, field, model, text) VALUES (?, ?, ?, ?)",
        id.hex(), field, model, text));
  }

  @Override
  public Map<String, String> texts(ImageId id) {
    return db.transaction("read texts", () -> {
      Map<String, String> result = new TreeMap<>();
      db.forEach("SELECT field, text FROM texts WHERE image_id = ?", row -> {
        result.put(row.getString(1), row.getString(2));
        return null;
      }, id.hex());
      return result;
    });
  }

  @Override
  public Map<String, Long> tagCounts() {
    Map<String, Long> counts = new TreeMap<>();
    forEachTagSet((id, tags) -> tags.forEach(tag -> counts.merge(tag, 1L, Long::sum)));
    return counts;
  }

  @Override
  public Set<ImageId> imagesTagged(String tag) {
    String wanted = tag.strip().toLowerCase(java.util.Locale.ROOT);
    Set<ImageId> ids = new java.util.HashSet<>();
    forEachTagSet((id, tags) -> {
      if (tags.contains(wanted)) {
        ids.add(new ImageId(id));
      }
    });
    return ids;
  }

  /** Calls {@code action} with each image's id and its distinct tags, from one ordered scan. */
  private void forEachTagSet(java.util.function.BiConsumer<String, Set<String>> action) {
    List<String[]> rows = db.transaction("read tags", () -> db.query(
        "SELECT image_id, text FROM texts WHERE field IN ('tags', 'caption.tags') ORDER BY image_id",
        row -> new String[] {row.getString(1), row.getString(2)}));
    String current = null;
    Set<String> tags = new java.util.LinkedHashSet<>();
    for (String[] row : rows) {
      if (!row[0].equals(current)) {
        if (current != null) {
          action.accept(current, tags);
        }
        current = row[0];
        tags = new java.util.LinkedHashSet<>();
      }
      Tags.split(row[1], tags);
    }
    if (current != null) {
      action.accept(current, tags);
    }
  }

  @Override
  public Set<ImageId> imagesWithText(String field) {
    return db.transaction("find images with text", () -> new java.util.HashSet<>(db.query(
        "SELECT image_id FROM texts WHERE field = ? AND length(trim(text)) > 0",
        row -> new ImageId(row.getString(1)), field)));
  }

  // ---- skipped files and roots -----------------------------------------------------------

  @Override
  public Map<SkipReason, Long> skippedCounts() {
    return db.transaction("count skipped files", () -> {
      Map<SkipReason, Long> counts = new EnumMap<>(SkipReason.class);
      db.forEach("SELECT reason, COUNT(*) FROM skipped GROUP BY reason", row -> {
        counts.put(SkipReason.fromId(row.getString(1)), row.getLong(2));
        return null;
      });
      return counts;
    });
  }

  @Override
  public List<SkippedFile> skipped(int limit) {
    return db.transaction("list skipped files", () -> db.query(
        "SELECT path, size, mtime, reason, detail, at FROM skipped ORDER BY path LIMIT ?",
        SqliteCatalog::skippedFile, limit));
  }

  @Override
  public void addRoot(String path) {
    db.transaction("remember " + path, () -> db.update(
        "INSERT OR IGNORE INTO roots (path, added_at) VALUES (?, ?)", path, System.currentTimeMillis()));
  }

  @Override
  public List<String> roots() {
    return db.transaction("list imported folders", () -> db.query(
        "SELECT path FROM roots ORDER BY path", row -> row.getString(1)));
  }

  @Override
  public void removeRoots(String folder) {
    db.transaction("forget imported folders", () -> db.update(
        "DELETE FROM roots WHERE path = ? OR (path >= ? AND path < ?)",
        folder, childPrefix(folder), upperBound(folder)));
  }

  @Override
  public void close() {
    db.close();
  }

  private static ImageRecord imageRecord(ResultSet row) throws SQLException {
    long captured = row.getLong(7);
    boolean hasCapture = !row.wasNull();
    return new ImageRecord(
        new ImageId(row.getString(1)), row.getLong(2), row.getInt(3), row.getInt(4),
        ImageFormat.fromId(row.getString(5)), Instant.ofEpochMilli(row.getLong(6)),
        hasCapture ? Instant.ofEpochMilli(captured) : null, Instant.ofEpochMilli(row.getLong(8)));
  }

  private static SkippedFile skippedFile(ResultSet row) throws SQLException {
    return new SkippedFile(
        row.getString(1), row.getLong(2), row.getLong(3),
        Skip.of(SkipReason.fromId(row.getString(4)), row.getString(5)), Instant.ofEpochMilli(row.getLong(6)));
  }

}
