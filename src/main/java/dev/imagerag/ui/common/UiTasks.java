package dev.imagerag.ui.common;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * How view models get work off the UI thread and results back onto it. The application runs the
 * work on named background threads and the callbacks on the JavaFX thread; tests run everything
 * synchronously and fire timers by hand, so view models are tested without a window.
 */
public interface UiTasks {

  /**
   * Runs short work (a catalog query, a search) on a background thread, then exactly one of the
   * callbacks on the UI thread, unless the returned handle was cancelled before.
   */
  <T> Cancellable run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure);

  /** Like {@link #run}, on a thread of its own: for work that takes minutes (imports, downloads). */
  <T> Cancellable runLong(String name, Callable<T> work, Consumer<? super T> onSuccess,
      Consumer<? super Throwable> onFailure);

  /** Runs {@code action} on the UI thread after {@code delay}, unless cancelled first. */
  Cancellable after(Duration delay, Runnable action);

  /** Runs {@code action} on the UI thread soon (from any thread). */
  void onUi(Runnable action);

  /** A handle that drops a pending callback; the work itself may still finish in the background. */
  @FunctionalInterface
  interface Cancellable {
    Cancellable NONE = () -> { };

    void cancel();
  }
}
