package dev.imagerag.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl+C for a long command: a shutdown hook runs {@code cancel} (a job control's cancel, a chat
 * answer's stop) and holds the JVM until the command has closed what it holds (at most
 * {@code waitSeconds}), so the library, a download's {@code .part} file, a migration's checkpoint
 * or a conversation are left consistent. Open it before the
 * resources it protects, in the same try-with-resources, so it closes after them.
 */
final class CancelOnInterrupt implements AutoCloseable {
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread hook;

  CancelOnInterrupt(Runnable cancel, long waitSeconds) {
    hook = new Thread(() -> {
      cancel.run();
      try {
        closed.await(waitSeconds, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "imagerag-cancel");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  @Override
  public void close() {
    closed.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is exiting because of Ctrl+C; the hook has cancelled the work
    }
  }
}
