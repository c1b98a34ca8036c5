package dev.imagerag.logic.ingest;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.jobs.JobControl;
import dev.imagerag.logic.jobs.Progress;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.catalog.StageResult;
import dev.imagerag.logic.store.StoreUnavailableException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one stage until nothing is left for it: claims pending images whose inputs are finished,
 * processes them in batches, records the results and requeues dependent stages. A batch that throws
 * goes back to pending and stops the runner (the cause is systemic: a full disk, a wrong key), so
 * nothing is marked failed for a reason that is not the image's; an unreachable index server is
 * waited for instead.
 */
final class StageRunner implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(StageRunner.class);
  private static final long IDLE_WAIT_MILLIS = 200;
  private static final long LINGER_MILLIS = 750;
  static final long FIRST_RETRY_MILLIS = 2_000;
  static final long LAST_RETRY_MILLIS = 60_000;
  private static final long SLEEP_STEP_MILLIS = 250;

  private final Stage stage;
  private final Catalog catalog;
  private final Supplier<Set<String>> dependencies;
  private final Set<String> dependents;
  private final BooleanSupplier upstreamFinished;
  private final WorkSignal signal;
  private final JobControl control;
  private final Progress progress;
  private final Consumer<String> onError;

  StageRunner(
      Stage stage, Catalog catalog, Supplier<Set<String>> dependencies, Set<String> dependents,
      BooleanSupplier upstreamFinished, WorkSignal signal, JobControl control, Progress progress,
      Consumer<String> onError) {
    this.stage = stage;
    this.catalog = catalog;
    this.dependencies = dependencies;
    this.dependents = dependents;
    this.upstreamFinished = upstreamFinished;
    this.signal = signal;
    this.control = control;
    this.progress = progress;
    this.onError = onError;
  }

  @Override
  public void run() {
    try {
      loop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (CancellationException e) {
      // cancelled while paused: nothing to record, running rows go back to pending
    } catch (RuntimeException e) {
      LOG.error("The {} stage stopped", stage.name(), e);
      onError.accept("The " + stage.name() + " stage stopped: " + e.getMessage());
    }
  }

  private void loop() throws InterruptedException {
    long lastBatch = 0;
    while (!control.isCancelled()) {
      control.awaitResumed();
      // Read before claiming: if upstream was finished and nothing is claimable, nothing can come.
      boolean upstreamDone = upstreamFinished.getAsBoolean();
      if (!upstreamDone && stage.batchSize() > 16 && System.currentTimeMillis() - lastBatch < LINGER_MILLIS) {
        signal.await(LINGER_MILLIS);
        continue;
      }
      List<ImageId> batch = catalog.claimPending(stage.name(), dependencies.get(), stage.batchSize());
      if (batch.isEmpty()) {
        if (upstreamDone) {
          return;
        }
        signal.await(IDLE_WAIT_MILLIS);
        continue;
      }
      lastBatch = System.currentTimeMillis();
      if (!processBatch(batch)) {
        return;
      }
      signal.notifyWork();
    }
  }

  /** Returns false when the stage must stop. */
  private boolean processBatch(List<ImageId> batch) throws InterruptedException {
    progress.started(stage.name(), label(batch));
    List<StageResult> results;
    try {
      results = processWaitingForTheStore(batch);
    } catch (CancellationException | InterruptedException e) {
      catalog.requeueImages(stage.name(), batch);
      throw e;
    } catch (Exception e) {
      catalog.requeueImages(stage.name(), batch);
      LOG.error("The {} stage failed on a batch of {} images", stage.name(), batch.size(), e);
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      onError.accept("The " + stage.name() + " stage stopped: " + message);
      progress.failed(stage.name(), batch.size() + " images", message);
      return false;
    }
    catalog.finishStage(stage.name(), stage.version(), results, dependents)
        .forEach((dependent, count) -> progress.queued(dependent, count));
    for (StageResult result : results) {
      switch (result.state()) {
        case DONE -> progress.done(stage.name());
        case SKIPPED -> progress.skipped(stage.name());
        default -> progress.failed(stage.name(), result.id().shortHex(), result.reason());
      }
    }
    return true;
  }

  /** What the batch is called while it runs: "IMG_0042.jpg +15", or the image's short hash when it has no path. */
  private String label(List<ImageId> batch) {
    ImageId first = batch.get(0);
    String name = catalog.paths(first).stream().findFirst()
        .map(p -> {
          java.nio.file.Path file = java.nio.file.Path.of(p).getFileName();
          return file == null ? p : file.toString();
        })
        .orElse(first.shortHex());
    return name + (batch.size() > 1 ? " +" + (batch.size() - 1) : "");
  }

  /**
   * Processes the batch; while the index server is unreachable, keeps the batch and tries again
   * after a growing pause (2 s doubling to a minute), so a server restart or a network blip
   * delays indexing instead of stopping it. Cancelling or pausing the job still works meanwhile.
   */
  private List<StageResult> processWaitingForTheStore(List<ImageId> batch) throws Exception {
    long pause = FIRST_RETRY_MILLIS;
    while (true) {
      try {
        return stage.process(batch, control);
      } catch (StoreUnavailableException e) {
        if (pause == FIRST_RETRY_MILLIS) {
          LOG.warn("The {} stage waits for the index server: {}", stage.name(), e.getMessage());
        }
        progress.started(stage.name(), "waiting for the index server");
        sleepUnlessCancelled(pause);
        pause = Math.min(pause * 2, LAST_RETRY_MILLIS);
        progress.started(stage.name(), label(batch));
      }
    }
  }

  private void sleepUnlessCancelled(long millis) throws InterruptedException {
    long end = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < end) {
      control.awaitResumed();
      if (control.isCancelled()) {
        throw new CancellationException("cancelled while waiting for the index server");
      }
      Thread.sleep(Math.min(SLEEP_STEP_MILLIS, Math.max(1, end - System.currentTimeMillis())));
    }
  }
}
