package dev.imagerag.ui.gallery;

import dev.imagerag.ui.common.UiTasks;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Reloads at most every so often while changes keep coming: the pause grows with the time a load
 * takes (four times it, at least {@link #MIN_PAUSE}), so a 50,000-image library is not listed
 * again and again during an import while a small one updates almost live. UI thread only.
 */
final class LoadThrottle {
  static final Duration MIN_PAUSE = Duration.ofMillis(400);

  private final UiTasks tasks;
  private final Runnable load;
  private final LongSupplier clock;
  private boolean loading;
  private boolean pending;
  private long startedAt;
  private long lastDuration;
  private long finishedAt;
  private UiTasks.Cancellable scheduled = UiTasks.Cancellable.NONE;

  /** @param clock milliseconds, as {@link System#currentTimeMillis()} */
  LoadThrottle(UiTasks tasks, Runnable load, LongSupplier clock) {
    this.tasks = tasks;
    this.load = load;
    this.clock = clock;
  }

  /** Loads as soon as the running load (if any) ends, ignoring the pause. */
  void now() {
    scheduled.cancel();
    if (loading) {
      pending = true;
      finishedAt = 0;
      return;
    }
    start();
  }

  /** Loads when the pause since the last load has passed. */
  void request() {
    if (loading) {
      pending = true;
      return;
    }
    long wait = pause() - (clock.getAsLong() - finishedAt);
    if (wait <= 0) {
      start();
    } else {
      pending = true;
      scheduled.cancel();
      scheduled = tasks.after(Duration.ofMillis(wait), this::startIfPending);
    }
  }

  /** The load ended (with or without success). */
  void done() {
    loading = false;
    finishedAt = clock.getAsLong();
    lastDuration = finishedAt - startedAt;
    if (pending) {
      request();
    }
  }

  void cancel() {
    pending = false;
    scheduled.cancel();
  }

  private void startIfPending() {
    if (pending && !loading) {
      start();
    }
  }

  private void start() {
    pending = false;
    loading = true;
    startedAt = clock.getAsLong();
    load.run();
  }

  private long pause() {
    return Math.max(MIN_PAUSE.toMillis(), 4 * lastDuration);
  }
}
