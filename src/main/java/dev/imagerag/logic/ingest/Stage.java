package dev.imagerag.logic.ingest;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.jobs.JobContext;
import dev.imagerag.logic.catalog.StageResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One background step of the pipeline, applied per image (thumbnail, visual embedding, OCR,
 * caption, tags, text embedding, index). The pipeline tracks a state per (image, stage) in the
 * catalog, so a stage is resumable and re-runs only where its {@link #version()} changed.
 */
public interface Stage {

  /** Stable name stored in the catalog, e.g. "ocr". */
  String name();

  /**
   * What produced the results, e.g. a model id and revision. When it changes, images done by
   * another version are processed again.
   */
  String version();

  /** Stages whose results this stage reads; it waits until they are finished for an image. */
  Set<String> dependsOn();

  /** How many images {@link #process} takes at once. */
  int batchSize();

  /** How many threads run this stage in parallel. */
  default int threads() {
    return 1;
  }

  /**
   * Processes a batch and returns one result per image (any order). An item's failure is a failed
   * result with a reason, never an exception; an exception fails the whole batch with its message.
   * Implementations check {@code context} between items and may return early when cancelled (items
   * without a result go back to pending).
   */
  List<StageResult> process(List<ImageId> batch, JobContext context) throws Exception;

  /**
   * The usual body of {@link #process} for a stage that handles one image at a time: {@code work}
   * for each image of the batch in turn, stopping early when the job is cancelled.
   */
  static List<StageResult> eachImage(List<ImageId> batch, JobContext context, Function<ImageId, StageResult> work) {
    List<StageResult> results = new ArrayList<>(batch.size());
    for (ImageId id : batch) {
      if (context.isCancelled()) {
        break;
      }
      results.add(work.apply(id));
    }
    return results;
  }
}
