package dev.imagerag.ui.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * {@link UiTasks} for view-model tests: work and callbacks run at once on the calling thread;
 * timers wait until the test fires them with {@link #fireTimers()}.
 */
public final class ImmediateUiTasks implements UiTasks {
  private final List<Timer> timers = new ArrayList<>();
  private final List<Throwable> failures = new ArrayList<>();
  private final List<Runnable> held = new ArrayList<>();
  private boolean holding;

  private static final class Timer {
    final Duration delay;
    final Runnable action;
    boolean cancelled;

    Timer(Duration delay, Runnable action) {
      this.delay = delay;
      this.action = action;
    }
  }

  @Override
  public <T> Cancellable run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
    if (holding) {
      boolean[] cancelled = {false};
      held.add(() -> {
        if (!cancelled[0]) {
          complete(work, onSuccess, onFailure);
        }
      });
      return () -> cancelled[0] = true;
    }
    return complete(work, onSuccess, onFailure);
  }

  private <T> Cancellable complete(Callable<T> work, Consumer<? super T> onSuccess,
      Consumer<? super Throwable> onFailure) {
    T result;
    try {
      result = work.call();
    } catch (Exception e) {
      failures.add(e);
      onFailure.accept(e);
      return Cancellable.NONE;
    }
    onSuccess.accept(result);
    return Cancellable.NONE;
  }

  @Override
  public <T> Cancellable runLong(String name, Callable<T> work, Consumer<? super T> onSuccess,
      Consumer<? super Throwable> onFailure) {
    return run(work, onSuccess, onFailure);
  }

  @Override
  public Cancellable after(Duration delay, Runnable action) {
    Timer timer = new Timer(delay, action);
    timers.add(timer);
    return () -> timer.cancelled = true;
  }

  @Override
  public void onUi(Runnable action) {
    action.run();
  }

  /** From now on, short work waits until {@link #release()} (to test answers arriving late). */
  public void hold() {
    holding = true;
  }

  /** Completes held work in the order it was submitted, and stops holding. */
  public void release() {
    holding = false;
    List<Runnable> now = new ArrayList<>(held);
    held.clear();
    now.forEach(Runnable::run);
  }

  /** Runs every pending timer (and timers they start), in order. */
  public void fireTimers() {
    int guard = 0;
    while (!timers.isEmpty() && guard++ < 1_000) {
      Timer next = timers.remove(0);
      if (!next.cancelled) {
        next.action.run();
      }
    }
  }

  /** Runs the timers pending now, in order; timers they start wait for the next call (repeating checks). */
  public void fireTimersOnce() {
    List<Timer> now = new ArrayList<>(timers);
    timers.clear();
    now.stream().filter(t -> !t.cancelled).forEach(t -> t.action.run());
  }

  /** Timers waiting, not cancelled. */
  public long pendingTimers() {
    return timers.stream().filter(t -> !t.cancelled).count();
  }

  /** Failures background work reported (the view model showed them, or dropped them). */
  public List<Throwable> failures() {
    return failures;
  }
}
