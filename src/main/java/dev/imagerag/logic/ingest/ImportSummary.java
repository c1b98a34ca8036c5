package dev.imagerag.logic.ingest;

import dev.imagerag.domain.SkipReason;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of one run: counts per outcome, every skipped file with its reason, files removed
 * from the library because they vanished from disk, and whether the run was cancelled.
 *
 * @param ignored files in scanned folders without an image extension (not examined)
 * @param removed paths dropped because their files no longer exist
 * @param stages per pipeline stage, how many images it processed in this run and how many failed
 */
public record ImportSummary(
    long added,
    long changed,
    long unchanged,
    long duplicates,
    List<ImportOutcome> skipped,
    long ignored,
    long removed,
    Map<String, StageCount> stages,
    List<String> errors,
    boolean cancelled,
    Duration elapsed) {

  public ImportSummary {
    skipped = List.copyOf(skipped);
    stages = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stages));
    errors = List.copyOf(errors);
  }

  public long examined() {
    return added + changed + unchanged + duplicates + skipped.size();
  }

  public Map<SkipReason, Long> skippedByReason() {
    Map<SkipReason, Long> counts = new EnumMap<>(SkipReason.class);
    for (ImportOutcome outcome : skipped) {
      counts.merge(outcome.skip().reason(), 1L, Long::sum);
    }
    return counts;
  }

  /** Work a stage did in this run. */
  public record StageCount(long done, long failed, long skipped, long pending) {}
}
