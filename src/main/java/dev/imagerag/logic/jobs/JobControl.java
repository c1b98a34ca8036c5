package dev.imagerag.logic.jobs;

import java.util.concurrent.CancellationException;

/** The handle that starts, pauses, resumes and cancels a job; also its {@link JobContext}. */
public final class JobControl implements JobContext {
  private final Object lock = new Object();
  private boolean cancelled;
  private boolean paused;

  public void cancel() {
    synchronized (lock) {
      cancelled = true;
      lock.notifyAll();
    }
  }

  public void pause() {
    synchronized (lock) {
      paused = true;
    }
  }

  public void resume() {
    synchronized (lock) {
      paused = false;
      lock.notifyAll();
    }
  }

  public boolean isPaused() {
    synchronized (lock) {
      return paused;
    }
  }

  @Override
  public boolean isCancelled() {
    synchronized (lock) {
      return cancelled;
    }
  }

  @Override
  public void awaitResumed() throws InterruptedException {
    synchronized (lock) {
      while (paused && !cancelled) {
        lock.wait();
      }
      if (cancelled) {
        throw new CancellationException("cancelled");
      }
    }
  }
}
