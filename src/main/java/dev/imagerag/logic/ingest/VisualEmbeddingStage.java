package dev.imagerag.logic.ingest;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.catalog.StageResult;
import dev.imagerag.logic.embed.ImageEmbedder;
import dev.imagerag.logic.jobs.JobContext;
import dev.imagerag.logic.store.VectorNames;
import dev.imagerag.support.Deadline;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Embeds images with the visual (CLIP-family) model and stores the vectors in the catalog under
 * {@code visual}. Images are decoded at full resolution up to a pixel budget, so the model sees
 * what a reference processor would. A file that cannot be decoded fails alone; a model that cannot
 * run throws, which stops the stage and leaves the batch pending.
 */
public final class VisualEmbeddingStage implements Stage {
  public static final String NAME = "visual";
  /** Bump when preprocessing changes in a way that changes the vectors. */
  private static final String PREPROCESSING_VERSION = "p1";
  /** Full-resolution decode up to this many pixels; bigger images are reduced while decoding. */
  static final long PIXEL_BUDGET = 24_000_000L;

  private final Catalog catalog;
  private final ImageDecoder decoder;
  private final ImageEmbedder embedder;
  private final ImportSettings settings;
  private final int batchSize;

  public VisualEmbeddingStage(
      Catalog catalog, ImageDecoder decoder, ImageEmbedder embedder, ImportSettings settings, int batchSize) {
    this.catalog = catalog;
    this.decoder = decoder;
    this.embedder = embedder;
    this.settings = settings;
    this.batchSize = batchSize;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return embedder.modelId() + "/" + PREPROCESSING_VERSION;
  }

  @Override
  public Set<String> dependsOn() {
    return Set.of();
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  /**
   * Two workers: while one runs the model (which takes the cores), the other decodes and
   * preprocesses its next batch, so decoding hides behind inference.
   */
  @Override
  public int threads() {
    return 2;
  }

  @Override
  public List<StageResult> process(List<ImageId> batch, JobContext context) {
    List<StageResult> results = new ArrayList<>(batch.size());
    List<ImageId> decodedIds = new ArrayList<>(batch.size());
    List<BufferedImage> images = new ArrayList<>(batch.size());
    for (ImageId id : batch) {
      if (context.isCancelled()) {
        return results;
      }
      Path file = catalog.paths(id).stream().map(Path::of).filter(Files::isRegularFile).findFirst().orElse(null);
      if (file == null) {
        results.add(StageResult.failed(id, "none of the image's files exists any more"));
        continue;
      }
      try {
        images.add(decoder.decodeWithin(file, PIXEL_BUDGET, Deadline.after(settings.perFileTimeout())).pixels());
        decodedIds.add(id);
      } catch (DecodeException e) {
        results.add(StageResult.failed(id, e.skip().toString()));
      }
    }
    List<float[]> vectors = embedder.embedImages(images);
    for (int i = 0; i < decodedIds.size(); i++) {
      catalog.putVector(decodedIds.get(i), VectorNames.VISUAL, embedder.modelId(), vectors.get(i));
      results.add(StageResult.done(decodedIds.get(i)));
    }
    return results;
  }
}
