package dev.imagerag.logic.ingest;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One pipeline run.
 *
 * @param roots files and folders to import (recursively); empty to only resume pending work
 * @param runStages false to import and queue the later stages without running them
 * @param retryFailed true to queue failed stage results again
 * @param onlyStages the stages to run; empty for all
 */
public record ImportRequest(List<Path> roots, boolean runStages, boolean retryFailed, Set<String> onlyStages) {
  public ImportRequest {
    roots = roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    onlyStages = Set.copyOf(onlyStages);
  }

  public static ImportRequest of(List<Path> roots) {
    return new ImportRequest(roots, true, false, Set.of());
  }

  /** Processes whatever is pending, imports nothing new. */
  public static ImportRequest resume() {
    return new ImportRequest(List.of(), true, false, Set.of());
  }

  /** Runs only the named stages on what is pending for them. */
  public static ImportRequest stagesOnly(Set<String> stages) {
    return new ImportRequest(List.of(), true, false, stages);
  }
}
