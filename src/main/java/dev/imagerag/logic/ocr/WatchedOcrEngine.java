package dev.imagerag.logic.ocr;

import dev.imagerag.support.Deadline;
import dev.imagerag.support.NamedThreadFactory;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes the time budget hard. The engine's calls run on a thread of their own while the caller
 * waits at most until the deadline plus {@link #GRACE_MILLIS}. Tesseract checks its deadline only
 * between words; its page layout analysis never looks at it (measured: a noisy, enlarged photo ran
 * 94 s against a 60 s deadline). When the wait runs out, the image fails as too slow at once, and
 * the engine still busy in native code is abandoned: it is closed on its thread when the call
 * returns, and a fresh engine serves the next image. Not thread-safe, like any engine.
 */
final class WatchedOcrEngine implements OcrEngine {
  /** How long past the deadline to wait for an engine that honours it by itself. */
  static final long GRACE_MILLIS = 1000;

  private final OcrEngines engines;
  private OcrEngine engine;
  private ExecutorService thread;
  private boolean detectsOrientation;

  /** @throws OcrException when the first engine cannot be created */
  WatchedOcrEngine(OcrEngines engines) {
    this.engines = engines;
    start();
  }

  private void start() {
    engine = engines.create();
    detectsOrientation = engine.detectsOrientation();
    thread = Executors.newSingleThreadExecutor(new NamedThreadFactory("ocr-engine"));
  }

  @Override
  public OcrResult recognise(GrayImage image, Deadline deadline) throws OcrImageException {
    OcrEngine current = current();
    return call(() -> current.recognise(image, deadline), deadline);
  }

  @Override
  public boolean detectsOrientation() {
    return detectsOrientation;
  }

  @Override
  public OptionalInt detectRotation(GrayImage image, Deadline deadline) throws OcrTimeoutException {
    OcrEngine current = current();
    try {
      return call(() -> current.detectRotation(image, deadline), deadline);
    } catch (OcrTimeoutException e) {
      throw e;
    } catch (OcrImageException e) {
      // detectRotation declares only timeouts; anything else is the engine's fault.
      throw new OcrException(e.getMessage());
    }
  }

  private OcrEngine current() {
    if (engine == null) {
      start();
    }
    return engine;
  }

  private <T> T call(Callable<T> work, Deadline deadline) throws OcrImageException {
    Future<T> result = thread.submit(work);
    try {
      return result.get(deadline.remainingMillis() + GRACE_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      abandon();
      throw new OcrTimeoutException(deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abandon();
      throw new OcrException("Text recognition was interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof OcrImageException image) {
        throw image;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new OcrException("Text recognition failed: " + cause, cause);
    }
  }

  /** Leaves the busy engine to finish on its thread, which then closes it and ends. */
  private void abandon() {
    OcrEngine busy = engine;
    thread.execute(busy::close);
    thread.shutdown();
    engine = null;
    thread = null;
  }

  /** Closes the engine on its thread, waiting a moment for that (never for an abandoned one). */
  @Override
  public void close() {
    if (engine == null) {
      return;
    }
    OcrEngine last = engine;
    ExecutorService lastThread = thread;
    engine = null;
    thread = null;
    lastThread.execute(last::close);
    lastThread.shutdown();
    try {
      lastThread.awaitTermination(GRACE_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
