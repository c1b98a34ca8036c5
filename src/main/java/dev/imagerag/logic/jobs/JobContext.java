package dev.imagerag.logic.jobs;

import java.util.concurrent.CancellationException;

/**
 * What a running job can ask of whoever started it: whether to stop, and whether to wait. The UI
 * adapts this to {@code javafx.concurrent.Task}; the CLI and tests use {@link JobControl} directly.
 * Thread-safe.
 */
public interface JobContext {

  boolean isCancelled();

  /**
   * Blocks while the job is paused; returns at once otherwise.
   *
   * @throws CancellationException when the job is cancelled (also while paused)
   */
  void awaitResumed() throws InterruptedException;

  /** Throws {@link CancellationException} when cancelled; call between items. */
  default void checkCancelled() {
    if (isCancelled()) {
      throw new CancellationException("cancelled");
    }
  }
}
