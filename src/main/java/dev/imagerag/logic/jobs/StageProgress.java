package dev.imagerag.logic.jobs;

/**
 * Progress of one stage in the current run.
 *
 * @param total items queued for this stage in this run so far (grows while files are discovered)
 * @param done items finished successfully
 * @param failed items that failed (reason recorded in the catalog)
 * @param skipped items skipped (reason recorded in the catalog)
 * @param current what the stage works on now (a file name), or empty
 * @param active true while the stage may still receive work
 */
public record StageProgress(
    String stage, long total, long done, long failed, long skipped, String current,
    boolean active) {

  public long finished() {
    return done + failed + skipped;
  }

  /** 0..1; 1 when nothing is queued. */
  public double fraction() {
    return total <= 0 ? 1.0 : Math.min(1.0, (double) finished() / total);
  }
}
