package dev.imagerag.logic.ocr;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Engines (each {@link WatchedOcrEngine watched} for the time budget) kept between images and
 * between imports: a worker borrows one, uses it alone, and gives it back. At most as many engines
 * exist as workers ever ran at once, so each worker effectively keeps its own long-lived engine
 * without tying engines to threads, which die at the end of each import. Thread-safe.
 */
final class OcrEnginePool implements AutoCloseable {
  private final OcrEngines engines;
  private final Deque<OcrEngine> idle = new ArrayDeque<>();
  private boolean closed;

  OcrEnginePool(OcrEngines engines) {
    this.engines = engines;
  }

  /**
   * An idle engine, or a new one.
   *
   * @throws OcrException when no engine can be created
   * @throws IllegalStateException when the pool is closed
   */
  OcrEngine borrow() {
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the OCR stage is closed");
      }
      OcrEngine engine = idle.pollFirst();
      if (engine != null) {
        return engine;
      }
    }
    return new WatchedOcrEngine(engines);
  }

  /** Returns an engine for the next worker; after {@link #close()} it is closed instead. */
  void giveBack(OcrEngine engine) {
    synchronized (this) {
      if (!closed) {
        idle.addFirst(engine);
        return;
      }
    }
    engine.close();
  }

  /** How many engines wait for work (for tests). */
  synchronized int idleCount() {
    return idle.size();
  }

  @Override
  public void close() {
    Deque<OcrEngine> toClose;
    synchronized (this) {
      closed = true;
      toClose = new ArrayDeque<>(idle);
      idle.clear();
    }
    toClose.forEach(OcrEngine::close);
  }
}
