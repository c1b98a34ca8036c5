package dev.imagerag.logic.ingest;

/** Wakes stage runners when new work may be claimable. */
final class WorkSignal {
  private long generation;

  synchronized void notifyWork() {
    generation++;
    notifyAll();
  }

  /** Waits until the next {@link #notifyWork} or the timeout, whichever comes first. */
  synchronized void await(long timeoutMillis) throws InterruptedException {
    long seen = generation;
    long end = System.currentTimeMillis() + timeoutMillis;
    while (generation == seen) {
      long left = end - System.currentTimeMillis();
      if (left <= 0) {
        return;
      }
      wait(left);
    }
  }
}
