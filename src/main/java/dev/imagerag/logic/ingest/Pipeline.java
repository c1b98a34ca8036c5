package dev.imagerag.logic.ingest;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.ImageRagException;
import dev.imagerag.domain.StageState;
import dev.imagerag.logic.jobs.JobControl;
import dev.imagerag.logic.jobs.Progress;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.store.VectorStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.imagerag.support.NamedThreadFactory;

/**
 * The import pipeline: scanning and importing files, then every enabled {@link Stage} on its own
 * named threads, concurrently, each image flowing on as soon as its inputs are finished. State is
 * in the catalog, so a run that is cancelled or killed resumes where it stopped. One run at a time.
 */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private final Catalog catalog;
  private final VectorStore store;
  private final ImageDecoder decoder;
  private final ThumbnailStore thumbnails;
  private final ImportSettings settings;
  private final List<Stage> stages;
  private final Path libraryRoot;
  private final ReentrantLock running = new ReentrantLock();

  public Pipeline(
      Catalog catalog, VectorStore store, ImageDecoder decoder, ThumbnailStore thumbnails,
      ImportSettings settings, List<Stage> stages, Path libraryRoot) {
    this.catalog = catalog;
    this.store = store;
    this.decoder = decoder;
    this.thumbnails = thumbnails;
    this.settings = settings;
    this.stages = List.copyOf(stages);
    this.libraryRoot = libraryRoot;
    Set<String> names = new HashSet<>();
    for (Stage stage : stages) {
      if (!names.add(stage.name()) || stage.name().equals(ImportJob.STAGE)) {
        throw new IllegalArgumentException("duplicate stage name: " + stage.name());
      }
    }
  }

  /** "import" followed by the stage names, in order. */
  public List<String> progressNames() {
    List<String> names = new ArrayList<>();
    names.add(ImportJob.STAGE);
    stages.forEach(s -> names.add(s.name()));
    return names;
  }

  public Progress newProgress() {
    return new Progress(progressNames());
  }

  public ImportSettings settings() {
    return settings;
  }

  /**
   * Runs the request to completion or cancellation, reporting to {@code progress}.
   *
   * @throws ImageRagException when the library cannot be written (e.g. disk full); what was
   *     recorded before stays
   * @throws IllegalStateException when another run is in progress
   */
  public ImportSummary run(ImportRequest request, JobControl control, Progress progress)
      throws InterruptedException {
    if (!running.tryLock()) {
      throw new IllegalStateException("an import is already running in this library");
    }
    long start = System.nanoTime();
    try {
      return runLocked(request, control, progress, start);
    } finally {
      running.unlock();
    }
  }

  private ImportSummary runLocked(ImportRequest request, JobControl control, Progress progress, long start)
      throws InterruptedException {
    List<Stage> active = stages.stream()
        .filter(s -> request.onlyStages().isEmpty() || request.onlyStages().contains(s.name())).toList();
    Set<String> enabled = active.stream().map(Stage::name).collect(Collectors.toSet());
    for (Stage stage : active) {
      catalog.registerStage(stage.name(), stage.version());
      if (request.retryFailed()) {
        catalog.requeue(stage.name(), EnumSet.of(StageState.FAILED));
      }
    }
    for (Stage stage : active) {
      progress.queued(stage.name(), catalog.count(stage.name(), StageState.PENDING));
    }
    WorkSignal signal = new WorkSignal();
    ImportJob job = new ImportJob(
        catalog,
        new FileImporter(catalog, decoder, thumbnails, settings,
            stages.stream().map(Stage::name).toList(), thumbnailVersion()),
        new FileScanner(libraryRoot), settings.workers(), progress,
        active.stream().map(Stage::name).filter(n -> !n.equals(ThumbnailStage.NAME)).toList(), signal);

    CountDownLatch importDone = new CountDownLatch(1);
    Map<String, CountDownLatch> stageDone = new LinkedHashMap<>();
    ConcurrentLinkedQueue<String> runErrors = new ConcurrentLinkedQueue<>();
    Set<String> stopped = java.util.concurrent.ConcurrentHashMap.newKeySet();
    List<ExecutorService> pools = new ArrayList<>();
    if (request.runStages()) {
      for (Stage stage : active) {
        stageDone.put(stage.name(), new CountDownLatch(stage.threads()));
      }
      for (Stage stage : active) {
        pools.add(startRunners(stage, enabled, importDone, stageDone, signal, control, progress, runErrors, stopped));
      }
    }
    RuntimeException fatal = null;
    try {
      job.run(request.roots(), control);
    } catch (RuntimeException e) {
      fatal = e;
      control.cancel();
    } finally {
      importDone.countDown();
      signal.notifyWork();
      for (ExecutorService pool : pools) {
        pool.shutdown();
      }
      for (CountDownLatch latch : stageDone.values()) {
        latch.await();
      }
    }
    for (Stage stage : stages) {
      progress.finished(stage.name());
    }
    if (control.isCancelled()) {
      try {
        catalog.resetRunning();
      } catch (RuntimeException e) {
        // The next open resets them anyway; the first failure is the one to report.
        if (fatal == null) {
          throw e;
        }
        fatal.addSuppressed(e);
      }
    }
    if (fatal != null) {
      throw fatal;
    }
    sweepTombstones();
    Map<String, ImportSummary.StageCount> counts = stageCounts(progress);
    return job.summary(counts, new ArrayList<>(runErrors), control.isCancelled(),
        Duration.ofNanos(System.nanoTime() - start));
  }

  private ExecutorService startRunners(
      Stage stage, Set<String> enabled, CountDownLatch importDone, Map<String, CountDownLatch> stageDone,
      WorkSignal signal, JobControl control, Progress progress, ConcurrentLinkedQueue<String> runErrors,
      Set<String> stopped) {
    Set<String> declared = stage.dependsOn().stream().filter(enabled::contains).collect(Collectors.toSet());
    // A stage that stopped (model missing, server gone) no longer holds its dependents back.
    Supplier<Set<String>> dependencies = () -> declared.stream()
        .filter(d -> !stopped.contains(d)).collect(Collectors.toSet());
    Set<String> dependents = stages.stream().filter(s -> s.dependsOn().contains(stage.name()))
        .map(Stage::name).collect(Collectors.toSet());
    CountDownLatch mine = stageDone.get(stage.name());
    StageRunner runner = new StageRunner(
        stage, catalog, dependencies, dependents,
        () -> importDone.getCount() == 0
            && declared.stream().allMatch(d -> stageDone.get(d).getCount() == 0),
        signal, control, progress, message -> {
          stopped.add(stage.name());
          runErrors.add(message);
          signal.notifyWork();
        });
    ExecutorService pool = Executors.newFixedThreadPool(stage.threads(), new NamedThreadFactory("stage-" + stage.name()));
    for (int i = 0; i < stage.threads(); i++) {
      pool.execute(() -> {
        try {
          runner.run();
        } finally {
          mine.countDown();
          signal.notifyWork();
        }
      });
    }
    return pool;
  }

  private Map<String, ImportSummary.StageCount> stageCounts(Progress progress) {
    Map<String, ImportSummary.StageCount> counts = new LinkedHashMap<>();
    progress.snapshot().stages().stream().filter(s -> !s.stage().equals(ImportJob.STAGE)).forEach(s ->
        counts.put(s.stage(), new ImportSummary.StageCount(s.done(), s.failed(), s.skipped(),
            catalog.count(s.stage(), StageState.PENDING))));
    return counts;
  }

  String thumbnailVersion() {
    return stages.stream().filter(s -> s.name().equals(ThumbnailStage.NAME)).map(Stage::version)
        .findFirst().orElse("none");
  }

  /**
   * Deletes index entries and thumbnails of images removed from the catalog, then forgets the
   * tombstones. Safe to repeat: the catalog is updated last.
   */
  public int sweepTombstones() {
    List<ImageId> gone = catalog.tombstones().stream().filter(id -> !catalog.hasImage(id)).toList();
    if (gone.isEmpty()) {
      return 0;
    }
    store.delete(gone);
    for (ImageId id : gone) {
      try {
        thumbnails.delete(id);
      } catch (IOException e) {
        LOG.warn("Could not delete the thumbnail of removed image {}: {}", id.shortHex(), e.toString());
      }
    }
    catalog.clearTombstones(gone);
    return gone.size();
  }

  /**
   * Brings the index and the thumbnails back in line with the catalog: index entries of unknown
   * images are deleted, images missing from the index are queued for the index stage, leftover
   * temporary files and thumbnails of unknown images are deleted.
   */
  public RecoveryReport reconcile() {
    Set<ImageId> inStore = new HashSet<>();
    store.forEachId(inStore::add);
    List<ImageId> missing = new ArrayList<>();
    catalog.forEachImageId(id -> {
      if (!inStore.remove(id)) {
        missing.add(id);
      }
    });
    if (!inStore.isEmpty()) {
      store.delete(inStore);
    }
    int requeued = missing.isEmpty() ? 0 : catalog.requeueImages(Catalog.INDEX_STAGE, missing);
    int orphans;
    try {
      orphans = thumbnails.removeOrphans(catalog::hasImage);
    } catch (IOException e) {
      LOG.warn("Could not clean the thumbnail folder: {}", e.toString());
      orphans = 0;
    }
    return new RecoveryReport(inStore.size(), requeued, orphans);
  }

  /**
   * Makes sure the index can take the vectors the configured models produce: when it holds a named
   * vector of another dimension (the model changed), the index is emptied and every image queued
   * for indexing; vectors of the old model stay out of it until re-embedded.
   *
   * @param expected per vector name, the dimension of the configured model
   * @return a message for the user when the index was reset, else empty
   */
  public java.util.Optional<String> alignIndexDimensions(Map<String, Integer> expected) {
    Map<String, Integer> actual = store.info().dimensions();
    for (Map.Entry<String, Integer> entry : expected.entrySet()) {
      Integer current = actual.get(entry.getKey());
      if (current != null && !current.equals(entry.getValue())) {
        prepareReindex();
        return java.util.Optional.of("The " + entry.getKey() + " model changed (" + current + " → "
            + entry.getValue() + " dimensions), so the index is being rebuilt; "
            + entry.getKey() + " search covers images again as they are re-embedded.");
      }
    }
    return java.util.Optional.empty();
  }

  /** Queues every image for the index stage and empties the index; the next run rebuilds it. */
  public void prepareReindex() {
    // Catalog first: a crash after this line leaves pending rows that the next run redoes.
    catalog.requeue(Catalog.INDEX_STAGE, EnumSet.allOf(StageState.class));
    store.deleteAll();
  }

  /**
   * What {@link #reconcile} repaired.
   *
   * @param extraEntriesDeleted index entries without a catalog image
   * @param missingRequeued images queued again because the index lacked them
   * @param orphanFilesDeleted stray thumbnails and temporary files
   */
  public record RecoveryReport(int extraEntriesDeleted, int missingRequeued, int orphanFilesDeleted) {}
}
