package dev.imagerag.logic.jobs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Observable progress of a pipeline run, per stage. Workers update it from any thread; the GUI and
 * the CLI read {@link #snapshot()} (polling) or subscribe with {@link #addListener}. Listeners run on
 * the updating thread and must return quickly. Thread-safe.
 */
public final class Progress {
  private static final int MAX_ERRORS = 200;

  private final Map<String, Counter> stages = new LinkedHashMap<>();
  private final Deque<ProgressSnapshot.ProgressError> errors = new ArrayDeque<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  public Progress(List<String> stageNames) {
    for (String name : stageNames) {
      stages.put(name, new Counter());
    }
  }

  public void addListener(Runnable onChange) {
    listeners.add(onChange);
  }

  public void removeListener(Runnable onChange) {
    listeners.remove(onChange);
  }

  public void queued(String stage, long count) {
    counter(stage).total.addAndGet(count);
    changed();
  }

  public void started(String stage, String item) {
    counter(stage).current = item == null ? "" : item;
    changed();
  }

  public void done(String stage) {
    counter(stage).done.incrementAndGet();
    changed();
  }

  public void skipped(String stage) {
    counter(stage).skipped.incrementAndGet();
    changed();
  }

  public void failed(String stage, String item, String message) {
    counter(stage).failed.incrementAndGet();
    synchronized (errors) {
      errors.addLast(new ProgressSnapshot.ProgressError(stage, item, message));
      while (errors.size() > MAX_ERRORS) {
        errors.removeFirst();
      }
    }
    changed();
  }

  /** Marks the stage as receiving no more work in this run. */
  public void finished(String stage) {
    Counter c = counter(stage);
    c.active = false;
    c.current = "";
    changed();
  }

  public ProgressSnapshot snapshot() {
    List<StageProgress> list = new ArrayList<>(stages.size());
    stages.forEach(
        (name, c) ->
            list.add(
                new StageProgress(
                    name, c.total.get(), c.done.get(), c.failed.get(), c.skipped.get(), c.current,
                    c.active)));
    List<ProgressSnapshot.ProgressError> errorList;
    synchronized (errors) {
      errorList = new ArrayList<>(errors);
    }
    return new ProgressSnapshot(list, errorList);
  }

  private Counter counter(String stage) {
    Counter c = stages.get(stage);
    if (c == null) {
      throw new IllegalArgumentException("unknown stage: " + stage + " (known: " + stages.keySet() + ")");
    }
    return c;
  }

  private void changed() {
    for (Runnable listener : listeners) {
      listener.run();
    }
  }

  private static final class Counter {
    final AtomicLong total = new AtomicLong();
    final AtomicLong done = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    volatile String current = "";
    volatile boolean active = true;
  }
}
