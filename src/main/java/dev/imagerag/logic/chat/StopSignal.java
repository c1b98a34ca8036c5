package dev.imagerag.logic.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The Stop button of one answer: whoever streams registers what to do when the user stops it
 * (abandon the request), and the UI or CLI calls {@link #stop()} from any thread. One-shot:
 * once stopped it stays stopped. Thread-safe.
 */
public final class StopSignal {
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final List<Runnable> actions = new ArrayList<>();

  /** A signal that nobody stops. */
  public static StopSignal never() {
    return new StopSignal();
  }

  /** Stops: runs each registered action once, on this thread; later calls do nothing. */
  public void stop() {
    List<Runnable> toRun;
    synchronized (actions) {
      if (stopped.getCount() == 0) {
        return;
      }
      stopped.countDown();
      toRun = List.copyOf(actions);
      actions.clear();
    }
    toRun.forEach(Runnable::run);
  }

  public boolean isStopped() {
    return stopped.getCount() == 0;
  }

  /**
   * Runs {@code action} when the signal is stopped (at once, on this thread, when it already is).
   * Closing the returned handle unregisters it.
   */
  public Registration onStop(Runnable action) {
    synchronized (actions) {
      if (stopped.getCount() != 0) {
        actions.add(action);
        return () -> {
          synchronized (actions) {
            actions.remove(action);
          }
        };
      }
    }
    action.run();
    return () -> { };
  }

  /**
   * Waits up to {@code timeout} for the signal.
   *
   * @return true when stopped (then at once), false when the time passed
   */
  public boolean await(Duration timeout) {
    try {
      return stopped.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return isStopped();
    }
  }

  /** Unregisters a stop action; never throws. */
  @FunctionalInterface
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }
}
