package dev.imagerag.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.ui.common.UiTasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class TokenBatchesTest {
  /** A UI thread that is busy: what is handed to it waits until the test runs it. */
  private static final class BusyUi implements UiTasks {
    final List<Runnable> queued = new ArrayList<>();

    @Override
    public <T> Cancellable run(Callable<T> work, Consumer<? super T> onSuccess,
        Consumer<? super Throwable> onFailure) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <T> Cancellable runLong(String name, Callable<T> work, Consumer<? super T> onSuccess,
        Consumer<? super Throwable> onFailure) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Cancellable after(Duration delay, Runnable action) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void onUi(Runnable action) {
      queued.add(action);
    }

    void runQueued() {
      List<Runnable> now = new ArrayList<>(queued);
      queued.clear();
      now.forEach(Runnable::run);
    }
  }

  @Test
  void piecesArrivingWhileTheUiIsBusyGoOverAsOneBatchInOrder() {
    BusyUi ui = new BusyUi();
    List<String> batches = new ArrayList<>();
    TokenBatches tokens = new TokenBatches(ui, batches::add);

    tokens.add("Invoice ");
    tokens.add("201 ");
    tokens.add("is paid.");

    assertThat(ui.queued).hasSize(1);
    ui.runQueued();
    assertThat(batches).containsExactly("Invoice 201 is paid.");

    tokens.add(" [Image 1]");
    ui.runQueued();

    assertThat(batches).containsExactly("Invoice 201 is paid.", " [Image 1]");
  }

  @Test
  void flushingAtTheEndHandsOverWhatIsPendingAndTheQueuedUpdateThenDoesNothing() {
    BusyUi ui = new BusyUi();
    List<String> batches = new ArrayList<>();
    TokenBatches tokens = new TokenBatches(ui, batches::add);
    tokens.add("last words");

    tokens.flush();
    ui.runQueued();

    assertThat(batches).containsExactly("last words");
  }
}
