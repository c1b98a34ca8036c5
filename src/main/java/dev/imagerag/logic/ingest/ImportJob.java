package dev.imagerag.logic.ingest;

import dev.imagerag.domain.ImageRagException;
import dev.imagerag.domain.Skip;
import dev.imagerag.logic.jobs.BoundedExecutors;
import dev.imagerag.logic.jobs.JobControl;
import dev.imagerag.logic.jobs.Progress;
import dev.imagerag.logic.catalog.Catalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scans roots and imports the files on a bounded pool of named workers, then sweeps: paths under a
 * scanned folder that were not seen and no longer exist are removed from the library (mark and
 * sweep), so moved and deleted files are noticed by scanning again.
 */
final class ImportJob {
  static final String STAGE = "import";
  private static final Logger LOG = LoggerFactory.getLogger(ImportJob.class);

  private final Catalog catalog;
  private final FileImporter importer;
  private final FileScanner scanner;
  private final int workers;
  private final Progress progress;
  private final Collection<String> queuedStages;
  private final WorkSignal signal;

  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<ImportOutcome> skipped = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
  private final LongAdder added = new LongAdder();
  private final LongAdder changed = new LongAdder();
  private final LongAdder unchanged = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder ignored = new LongAdder();
  private final AtomicReference<RuntimeException> fatal = new AtomicReference<>();
  private long removed;

  ImportJob(
      Catalog catalog, FileImporter importer, FileScanner scanner, int workers, Progress progress,
      Collection<String> queuedStages, WorkSignal signal) {
    this.catalog = catalog;
    this.importer = importer;
    this.scanner = scanner;
    this.workers = workers;
    this.progress = progress;
    this.queuedStages = List.copyOf(queuedStages);
    this.signal = signal;
  }

  /** Imports everything under {@code roots}; rethrows a catalog failure after stopping cleanly. */
  void run(List<Path> roots, JobControl control) throws InterruptedException {
    ExecutorService pool = BoundedExecutors.create("import", workers, workers * 4);
    List<Path> scannedFolders = new ArrayList<>();
    try {
      for (Path root : roots) {
        if (control.isCancelled() || fatal.get() != null) {
          break;
        }
        catalog.addRoot(root.toString());
        if (scan(root, pool, control) && Files.isDirectory(root)) {
          scannedFolders.add(root);
        }
      }
    } finally {
      pool.shutdown();
      while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
        // wait for files in flight; each is bounded by the per-file deadline
      }
      progress.finished(STAGE);
    }
    if (fatal.get() != null) {
      throw fatal.get();
    }
    if (!control.isCancelled()) {
      sweep(scannedFolders);
      for (Path root : roots) {
        if (!Files.exists(root)) {
          sweep(List.of(root));
        }
      }
    }
  }

  private boolean scan(Path root, ExecutorService pool, JobControl control) {
    try {
      boolean found = scanner.walk(root, control, new FileScanner.Listener() {
        @Override
        public void candidate(Path file, BasicFileAttributes attrs) {
          seen.add(file.toString());
          progress.queued(STAGE, 1);
          pool.execute(() -> importOne(file, attrs, control));
        }

        @Override
        public void skipped(Path path, Skip skip) {
          seen.add(path.toString());
          progress.queued(STAGE, 1);
          catalog.recordSkipped(Catalog.skippedNow(path.toString(), 0, 0, skip));
          ImportJob.this.skipped.add(ImportOutcome.skipped(path.toString(), skip));
          progress.skipped(STAGE);
        }

        @Override
        public void ignored(Path file) {
          ignored.increment();
        }

        @Override
        public void folderFailed(Path folder, String message) {
          errors.add("Could not read the folder " + folder + ": " + message);
        }
      });
      if (!found) {
        errors.add("No such file or folder: " + root);
      }
      return found;
    } catch (IOException e) {
      errors.add("Could not scan " + root + ": " + e.getMessage());
      return false;
    } catch (ImageRagException e) {
      fatal.compareAndSet(null, e);
      control.cancel();
      return false;
    }
  }

  private void importOne(Path file, BasicFileAttributes attrs, JobControl control) {
    if (fatal.get() != null) {
      return;
    }
    try {
      control.awaitResumed();
      progress.started(STAGE, file.getFileName() == null ? file.toString() : file.getFileName().toString());
      tally(importer.importFile(file, attrs));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (CancellationException e) {
      // the run was cancelled before this file was taken; it is picked up by the next scan
    } catch (ImageRagException e) {
      // The catalog cannot be written (disk full, read-only): stop instead of failing every file.
      if (fatal.compareAndSet(null, e)) {
        LOG.error("Import stopped at {}", file, e);
      }
      control.cancel();
    } catch (RuntimeException e) {
      LOG.error("Unexpected error importing {}", file, e);
      errors.add("Unexpected error importing " + file + ": " + e);
      progress.failed(STAGE, file.toString(), String.valueOf(e.getMessage()));
    }
  }

  private void tally(ImportOutcome outcome) {
    switch (outcome.kind()) {
      case ADDED, CHANGED -> {
        (outcome.kind() == ImportOutcome.Kind.ADDED ? added : changed).increment();
        for (String stage : queuedStages) {
          progress.queued(stage, 1);
        }
        signal.notifyWork();
        progress.done(STAGE);
      }
      case UNCHANGED -> {
        unchanged.increment();
        progress.done(STAGE);
      }
      case DUPLICATE -> {
        duplicates.increment();
        signal.notifyWork();
        progress.done(STAGE);
      }
      default -> {
        skipped.add(outcome);
        progress.skipped(STAGE);
      }
    }
  }

  /** Removes catalog paths under the folders that were not seen in this scan and are gone. */
  private void sweep(List<Path> folders) {
    for (Path folder : folders) {
      Set<String> candidates = new HashSet<>(catalog.pathsUnder(folder.toString()));
      Set<String> knownPaths = new HashSet<>(candidates);
      candidates.addAll(catalog.skippedUnder(folder.toString()));
      candidates.removeAll(seen);
      List<String> gone = candidates.stream().filter(p -> !Files.exists(Path.of(p))).toList();
      if (!gone.isEmpty()) {
        catalog.removePaths(gone);
        removed += gone.stream().filter(knownPaths::contains).count();
      }
    }
  }

  ImportSummary summary(
      java.util.Map<String, ImportSummary.StageCount> stages, List<String> runErrors, boolean cancelled,
      java.time.Duration elapsed) {
    List<String> allErrors = new ArrayList<>(errors);
    allErrors.addAll(runErrors);
    return new ImportSummary(
        added.sum(), changed.sum(), unchanged.sum(), duplicates.sum(),
        skipped.stream().sorted(java.util.Comparator.comparing(ImportOutcome::path)).toList(),
        ignored.sum(), removed, stages, allErrors, cancelled, elapsed);
  }
}
