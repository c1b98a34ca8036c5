package dev.imagerag.testing;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.catalog.StageResult;
import dev.imagerag.logic.ingest.Stage;
import dev.imagerag.logic.jobs.JobContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A content stage for pipeline tests: records which images it saw, stores an OCR-like text per
 * image in the catalog, and answers each image with what {@code behaviour} says.
 */
public final class RecordingStage implements Stage {
  private final String name;
  private final String version;
  private final Catalog catalog;
  private final Function<ImageId, StageResult> behaviour;
  public final List<ImageId> seen = Collections.synchronizedList(new ArrayList<>());
  public volatile RuntimeException throwOnBatch;
  public volatile long delayMillis;

  public RecordingStage(String name, String version, Catalog catalog, Function<ImageId, StageResult> behaviour) {
    this.name = name;
    this.version = version;
    this.catalog = catalog;
    this.behaviour = behaviour;
  }

  /** Stores the text "words <version>" as the image's OCR text and succeeds. */
  public static RecordingStage writingText(String name, String version, Catalog catalog) {
    return new RecordingStage(name, version, catalog, id -> {
      catalog.putText(id, "ocr", version, "recognised words " + version);
      return StageResult.done(id);
    });
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public Set<String> dependsOn() {
    return Set.of();
  }

  @Override
  public int batchSize() {
    return 4;
  }

  @Override
  public List<StageResult> process(List<ImageId> batch, JobContext context) throws Exception {
    if (throwOnBatch != null) {
      throw throwOnBatch;
    }
    List<StageResult> results = new ArrayList<>();
    for (ImageId id : batch) {
      if (context.isCancelled()) {
        break;
      }
      if (delayMillis > 0) {
        Thread.sleep(delayMillis);
      }
      seen.add(id);
      results.add(behaviour.apply(id));
    }
    return results;
  }
}
