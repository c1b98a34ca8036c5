package dev.imagerag.ui.chat;

import dev.imagerag.ui.common.UiTasks;
import java.util.function.Consumer;

/**
 * Hands pieces of a streaming answer from the thread that receives them to the UI thread in
 * batches: whatever arrived while the UI thread was busy goes over as one string, so a fast model
 * costs one UI update per frame rather than one per token. Thread-safe.
 */
final class TokenBatches {
  private final UiTasks tasks;
  private final Consumer<String> onUi;
  private final StringBuilder pending = new StringBuilder();
  private boolean scheduled;

  /** @param onUi receives each batch, on the UI thread, in order */
  TokenBatches(UiTasks tasks, Consumer<String> onUi) {
    this.tasks = tasks;
    this.onUi = onUi;
  }

  /** Any thread. */
  void add(String piece) {
    boolean schedule;
    synchronized (this) {
      pending.append(piece);
      schedule = !scheduled;
      scheduled = true;
    }
    if (schedule) {
      tasks.onUi(this::flush);
    }
  }

  /** UI thread: hands over what is pending now (also run when the answer ends, before its result). */
  void flush() {
    String batch;
    synchronized (this) {
      batch = pending.toString();
      pending.setLength(0);
      scheduled = false;
    }
    if (!batch.isEmpty()) {
      onUi.accept(batch);
    }
  }
}
