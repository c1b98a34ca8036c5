package dev.imagerag.ui.common;

import dev.imagerag.support.NamedThreadFactory;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link UiTasks} on the JavaFX thread: short work on a small named pool, long work on a named
 * thread each, timers on one scheduler thread, callbacks through {@link Platform#runLater}.
 */
public final class FxUiTasks implements UiTasks, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FxUiTasks.class);

  private final ExecutorService shortWork = Executors.newFixedThreadPool(3, new NamedThreadFactory("ui-work"));
  private final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("ui-timer"));

  @Override
  public <T> Cancellable run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
    AtomicBoolean cancelled = new AtomicBoolean();
    shortWork.execute(() -> complete(work, onSuccess, onFailure, cancelled));
    return () -> cancelled.set(true);
  }

  @Override
  public <T> Cancellable runLong(String name, Callable<T> work, Consumer<? super T> onSuccess,
      Consumer<? super Throwable> onFailure) {
    AtomicBoolean cancelled = new AtomicBoolean();
    new NamedThreadFactory(name).newThread(() -> complete(work, onSuccess, onFailure, cancelled)).start();
    return () -> cancelled.set(true);
  }

  private static <T> void complete(Callable<T> work, Consumer<? super T> onSuccess,
      Consumer<? super Throwable> onFailure, AtomicBoolean cancelled) {
    T result;
    try {
      result = work.call();
    } catch (Throwable e) { // the task boundary: every failure reaches the UI as a message
      if (!(e instanceof RuntimeException) || e.getCause() != null) {
        LOG.debug("Background work failed", e);
      }
      Platform.runLater(() -> {
        if (!cancelled.get()) {
          onFailure.accept(e);
        }
      });
      return;
    }
    Platform.runLater(() -> {
      if (!cancelled.get()) {
        onSuccess.accept(result);
      }
    });
  }

  @Override
  public Cancellable after(Duration delay, Runnable action) {
    AtomicBoolean cancelled = new AtomicBoolean();
    timers.schedule(() -> Platform.runLater(() -> {
      if (!cancelled.get()) {
        action.run();
      }
    }), delay.toMillis(), TimeUnit.MILLISECONDS);
    return () -> cancelled.set(true);
  }

  @Override
  public void onUi(Runnable action) {
    if (Platform.isFxApplicationThread()) {
      action.run();
    } else {
      Platform.runLater(action);
    }
  }

  @Override
  public void close() {
    shortWork.shutdownNow();
    timers.shutdownNow();
  }
}
