package dev.imagerag.support;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads named {@code imagerag-<pool>-<n>} so thread dumps and logs say who is who. */
public final class NamedThreadFactory implements ThreadFactory {
  private final String prefix;
  private final AtomicInteger counter = new AtomicInteger();

  public NamedThreadFactory(String pool) {
    this.prefix = "imagerag-" + Checks.requireNonBlank(pool, "pool") + "-";
  }

  @Override
  public Thread newThread(Runnable task) {
    Thread thread = new Thread(task, prefix + counter.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  }
}
