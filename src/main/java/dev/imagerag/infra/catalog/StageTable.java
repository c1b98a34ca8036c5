package dev.imagerag.infra.catalog;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.StageState;
import dev.imagerag.domain.StageStatus;
import dev.imagerag.logic.catalog.StageResult;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The {@code stages} table: one state per (image, stage). Callers hold a {@link Db} transaction. */
final class StageTable {
  private static final String PENDING = StageState.PENDING.id();
  private static final String RUNNING = StageState.RUNNING.id();

  private final Db db;

  StageTable(Db db) {
    this.db = db;
  }

  int register(String stage, String version) throws SQLException {
    long now = System.currentTimeMillis();
    int added = db.update(
        "INSERT INTO stages (image_id, stage, state, updated_at)"
            + " SELECT id, ?, ?, ? FROM images i"
            + " WHERE NOT EXISTS (SELECT 1 FROM stages s WHERE s.image_id = i.id AND s.stage = ?)",
        stage, PENDING, now, stage);
    int stale = db.update(
        "UPDATE stages SET state = ?, reason = NULL, updated_at = ?"
            + " WHERE stage = ? AND state IN ('done', 'failed', 'skipped')"
            + " AND (version IS NULL OR version <> ?)",
        PENDING, now, stage, version);
    return added + stale;
  }

  int resetRunning() throws SQLException {
    return db.update("UPDATE stages SET state = ?, updated_at = ? WHERE state = ?",
        PENDING, System.currentTimeMillis(), RUNNING);
  }

  int requeue(String stage, Set<StageState> from) throws SQLException {
    if (from.isEmpty()) {
      return 0;
    }
    String states = from.stream().map(s -> "'" + s.id() + "'").collect(Collectors.joining(", "));
    return db.update(
        "UPDATE stages SET state = ?, reason = NULL, updated_at = ? WHERE stage = ? AND state IN (" + states + ")",
        PENDING, System.currentTimeMillis(), stage);
  }

  int requeue(String stage, Collection<ImageId> ids, long now) throws SQLException {
    List<Object[]> rows = new ArrayList<>(ids.size());
    for (ImageId id : ids) {
      rows.add(new Object[] {PENDING, now, id.hex(), stage, PENDING});
    }
    return db.updateEach(
        "UPDATE stages SET state = ?, reason = NULL, updated_at = ? WHERE image_id = ? AND stage = ? AND state <> ?",
        rows);
  }

  List<ImageId> claim(String stage, Set<String> dependencies, int limit) throws SQLException {
    List<Object> args = new ArrayList<>();
    args.add(stage);
    args.add(PENDING);
    StringBuilder sql = new StringBuilder("SELECT s.image_id FROM stages s WHERE s.stage = ? AND s.state = ?");
    if (!dependencies.isEmpty()) {
      sql.append(" AND NOT EXISTS (SELECT 1 FROM stages d WHERE d.image_id = s.image_id AND d.stage IN (")
          .append(placeholders(dependencies.size()))
          .append(") AND d.state IN (?, ?))");
      args.addAll(dependencies);
      args.add(PENDING);
      args.add(RUNNING);
    }
    sql.append(" LIMIT ?");
    args.add(limit);
    List<ImageId> ids = db.query(sql.toString(), row -> new ImageId(row.getString(1)), args.toArray());
    long now = System.currentTimeMillis();
    List<Object[]> rows = new ArrayList<>(ids.size());
    for (ImageId id : ids) {
      rows.add(new Object[] {RUNNING, now, id.hex(), stage});
    }
    db.updateEach("UPDATE stages SET state = ?, updated_at = ? WHERE image_id = ? AND stage = ?", rows);
    return ids;
  }

  Map<String, Integer> finish(String stage, String version, List<StageResult> results, Set<String> dependents)
      throws SQLException {
    long now = System.currentTimeMillis();
    Map<String, Integer> requeued = new LinkedHashMap<>();
    for (StageResult result : results) {
      int changed = db.update(
          "UPDATE stages SET state = ?, version = ?, reason = ?, updated_at = ?"
              + " WHERE image_id = ? AND stage = ? AND state = ?",
          result.state().id(), version, result.reason(), now, result.id().hex(), stage, RUNNING);
      if (changed == 0 || result.state() != StageState.DONE) {
        continue;
      }
      for (String dependent : dependents) {
        int n = db.update(
            "UPDATE stages SET state = ?, reason = NULL, updated_at = ? WHERE image_id = ? AND stage = ? AND state <> ?",
            PENDING, now, result.id().hex(), dependent, PENDING);
        requeued.merge(dependent, n, Integer::sum);
      }
    }
    return requeued;
  }

  List<StageStatus> of(ImageId id) throws SQLException {
    return db.query(
        "SELECT stage, state, version, reason, updated_at FROM stages WHERE image_id = ? ORDER BY stage",
        row -> new StageStatus(row.getString(1), StageState.fromId(row.getString(2)), row.getString(3),
            row.getString(4), Instant.ofEpochMilli(row.getLong(5))),
        id.hex());
  }

  Map<String, Map<StageState, Long>> counts() throws SQLException {
    Map<String, Map<StageState, Long>> counts = new LinkedHashMap<>();
    db.forEach("SELECT stage, state, COUNT(*) FROM stages GROUP BY stage, state ORDER BY stage", row -> {
      counts.computeIfAbsent(row.getString(1), k -> new EnumMap<>(StageState.class))
          .put(StageState.fromId(row.getString(2)), row.getLong(3));
      return null;
    });
    return counts;
  }

  private static String placeholders(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }
}
