package dev.imagerag.cli;

import dev.imagerag.logic.jobs.JobControl;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl+C for a long command: a shutdown hook cancels the command's {@link JobControl} and holds the
 * JVM until the command has closed what it holds (at most {@code waitSeconds}), so the library, a
 * download's {@code .part} file or a migration's checkpoint are left consistent. Open it before the
 * resources it protects, in the same try-with-resources, so it closes after them.
 */
final class CancelOnInterrupt implements AutoCloseable {
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread hook;

  CancelOnInterrupt(JobControl control, long waitSeconds) {
    hook = new Thread(() -> {
      control.cancel();
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
