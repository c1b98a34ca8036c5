package dev.imagerag.logic.jobs;

import dev.imagerag.support.NamedThreadFactory;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Named thread pools with bounded queues; a full queue makes the submitter wait (back-pressure). */
public final class BoundedExecutors {
  private BoundedExecutors() {}

  /**
   * A pool of {@code threads} named threads whose queue holds {@code queueCapacity} tasks; when it
   * is full, {@code execute} blocks until there is room, so a fast producer cannot flood memory.
   */
  public static ExecutorService create(String name, int threads, int queueCapacity) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueCapacity),
            new NamedThreadFactory(name),
            (task, executor) -> {
              if (executor.isShutdown()) {
                throw new java.util.concurrent.RejectedExecutionException(name + " is shut down");
              }
              try {
                executor.getQueue().put(task);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.RejectedExecutionException("interrupted", e);
              }
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
