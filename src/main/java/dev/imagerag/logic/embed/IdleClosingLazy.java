package dev.imagerag.logic.embed;

import dev.imagerag.support.NamedThreadFactory;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A resource created on first use, once, behind a lock, and closed again after it has been idle
 * for a while (models hold hundreds of megabytes). Callers use it concurrently, so the resource
 * must be thread-safe; it is never closed while a caller uses it (a native session freed under a
 * running inference crashes the JVM), and once {@link #close}d it refuses new work. Thread-safe.
 *
 * @param <T> the resource
 */
public final class IdleClosingLazy<T extends AutoCloseable> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IdleClosingLazy.class);
  private static final ScheduledExecutorService JANITOR =
      Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("model-janitor"));

  /** Creates the resource; may throw to report why it cannot be created. */
  @FunctionalInterface
  public interface Loader<T> {
    T load() throws Exception;
  }

  private final Loader<T> loader;
  private final Duration idle;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition unused = lock.newCondition();
  private T resource;
  private boolean closed;
  private final ScheduledFuture<?> janitor;
  private int users;
  private long lastUsed;
  private int loads;

  public IdleClosingLazy(Loader<T> loader, Duration idle) {
    this.loader = loader;
    this.idle = idle;
    long period = Math.max(250, Math.min(idle.toMillis() / 2, 60_000));
    janitor = JANITOR.scheduleWithFixedDelay(this::closeIfIdle, period, period, TimeUnit.MILLISECONDS);
  }

  /**
   * Runs {@code work} with the resource, loading it first if needed (loading is serialised; the
   * work is not).
   *
   * @throws IllegalStateException when this has been closed
   * @throws Exception whatever loading or the work throws
   */
  public <R> R with(Function<T, R> work) throws Exception {
    T current;
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the model has been closed (its library was closed)");
      }
      if (resource == null) {
        resource = loader.load();
        loads++;
      }
      current = resource;
      users++;
    } finally {
      lock.unlock();
    }
    try {
      return work.apply(current);
    } finally {
      lock.lock();
      try {
        users--;
        lastUsed = System.nanoTime();
        if (users == 0) {
          unused.signalAll();
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /** Whether the resource is loaded right now. */
  public boolean isLoaded() {
    lock.lock();
    try {
      return resource != null;
    } finally {
      lock.unlock();
    }
  }

  /** How many times the resource has been created (for tests and status). */
  public int loadCount() {
    lock.lock();
    try {
      return loads;
    } finally {
      lock.unlock();
    }
  }

  private void closeIfIdle() {
    if (!lock.tryLock()) {
      return;
    }
    try {
      if (resource != null && users == 0 && System.nanoTime() - lastUsed > idle.toNanos()) {
        closeResource();
      }
    } finally {
      lock.unlock();
    }
  }

  private void closeResource() {
    T current = resource;
    resource = null;
    try {
      current.close();
    } catch (Exception e) {
      // Closing native sessions only frees memory; a failure there must not break the caller.
      LOG.warn("Could not unload a model cleanly", e);
    }
  }

  /** Closes the resource; callers still using it finish first (the close waits for them). */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      janitor.cancel(false);
      while (users > 0) {
        unused.awaitUninterruptibly();
      }
      if (resource != null) {
        closeResource();
      }
    } finally {
      lock.unlock();
    }
  }
}
