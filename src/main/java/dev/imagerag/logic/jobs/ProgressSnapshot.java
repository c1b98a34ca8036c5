package dev.imagerag.logic.jobs;

import java.util.List;

/**
 * An immutable view of a run: one entry per stage in pipeline order, and the latest errors
 * (bounded; the catalog keeps all of them).
 */
public record ProgressSnapshot(List<StageProgress> stages, List<ProgressError> recentErrors) {
  public ProgressSnapshot {
    stages = List.copyOf(stages);
    recentErrors = List.copyOf(recentErrors);
  }

  public long totalWork() {
    return stages.stream().mapToLong(StageProgress::total).sum();
  }

  public long finishedWork() {
    return stages.stream().mapToLong(StageProgress::finished).sum();
  }

  /** One error: which stage, which file or image, and the user-readable message. */
  public record ProgressError(String stage, String item, String message) {}
}
