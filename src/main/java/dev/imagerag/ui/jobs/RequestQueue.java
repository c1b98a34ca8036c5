package dev.imagerag.ui.jobs;

import dev.imagerag.logic.ingest.ImportRequest;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Pipeline requests waiting for the running one. Taken all at once, merged: their roots together,
 * failed stages retried if any asked, all stages if any asked for all. Thread-safe.
 */
final class RequestQueue {
  private final Deque<ImportRequest> queue = new ArrayDeque<>();

  synchronized void add(ImportRequest request) {
    queue.add(request);
  }

  synchronized boolean isEmpty() {
    return queue.isEmpty();
  }

  synchronized void clear() {
    queue.clear();
  }

  /** Everything queued as one request, or null when nothing is. */
  synchronized ImportRequest takeMerged() {
    if (queue.isEmpty()) {
      return null;
    }
    Set<Path> roots = new LinkedHashSet<>();
    boolean retry = false;
    boolean allStages = false;
    Set<String> only = new LinkedHashSet<>();
    while (!queue.isEmpty()) {
      ImportRequest next = queue.poll();
      roots.addAll(next.roots());
      retry |= next.retryFailed();
      allStages |= next.onlyStages().isEmpty();
      only.addAll(next.onlyStages());
    }
    return new ImportRequest(List.copyOf(roots), true, retry, allStages ? Set.of() : only);
  }
}
