package dev.imagerag.logic.ingest;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.catalog.StageResult;
import dev.imagerag.logic.catalog.TileVectors;
import dev.imagerag.logic.embed.ImageEmbedder;
import dev.imagerag.logic.embed.TilePlanner;
import dev.imagerag.logic.embed.TileRect;
import dev.imagerag.logic.embed.TileSettings;
import dev.imagerag.logic.jobs.JobContext;
import dev.imagerag.logic.store.VectorNames;
import dev.imagerag.support.Deadline;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Embeds images with the visual (CLIP-family) model and stores the vectors in the catalog under
 * {@code visual}. Images are decoded at full resolution up to a pixel budget, so the model sees
 * what a reference processor would. A file that cannot be decoded fails alone; a model that cannot
 * run throws, which stops the stage and leaves the batch pending.
 *
 * <p>A very large image ({@link TilePlanner}, as {@link TileSettings} say) is also embedded tile by tile: each tile is cut from
 * the same decoded pixels (a view, not a copy) and preprocessed like a whole image, and the tile
 * vectors are stored together under {@link TileVectors#NAME}; an image without tiles has that
 * vector removed. Tiles are cut from the decode at the pixel budget: an image above it is reduced by
 * a whole factor while decoding, which still leaves the tiles of plans and photos 800 to 1,200
 * decoded pixels a side (and those of images within the budget at full resolution) against the
 * model's 224, so nothing is decoded at full size for the tiles' sake. Whole images and tiles go
 * through the model together, at most {@code batchSize} per call.
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
  private final TileSettings tiling;

  /**
   * @param tiling which images get tile vectors; a change applies to images embedded from then on
   *     (the stage's version does not change, so existing images keep theirs until {@code reprocess
   *     --stage visual})
   */
  public VisualEmbeddingStage(Catalog catalog, ImageDecoder decoder, ImageEmbedder embedder, ImportSettings settings,
      int batchSize, TileSettings tiling) {
    this.catalog = catalog;
    this.decoder = decoder;
    this.embedder = embedder;
    this.settings = settings;
    this.batchSize = batchSize;
    this.tiling = java.util.Objects.requireNonNull(tiling, "tiling");
  }

  /** With the default tiling. */
  public VisualEmbeddingStage(
      Catalog catalog, ImageDecoder decoder, ImageEmbedder embedder, ImportSettings settings, int batchSize) {
    this(catalog, decoder, embedder, settings, batchSize, TileSettings.DEFAULTS);
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
    List<Integer> tileCounts = new ArrayList<>(batch.size());
    List<BufferedImage> inputs = new ArrayList<>(batch.size());
    for (ImageId id : batch) {
      if (context.isCancelled()) {
        return results;
      }
      Path file = catalog.existingFile(id).orElse(null);
      if (file == null) {
        results.add(StageResult.fileGone(id));
        continue;
      }
      try {
        DecodedImage decoded = decoder.decodeWithin(file, PIXEL_BUDGET, Deadline.after(settings.perFileTimeout()));
        List<BufferedImage> tiles = tiles(decoded);
        inputs.add(decoded.pixels());
        inputs.addAll(tiles);
        decodedIds.add(id);
        tileCounts.add(tiles.size());
      } catch (DecodeException e) {
        results.add(StageResult.failed(id, e.skip().toString()));
      }
    }
    List<float[]> vectors = embed(inputs);
    int next = 0;
    for (int i = 0; i < decodedIds.size(); i++) {
      ImageId id = decodedIds.get(i);
      catalog.putVector(id, VectorNames.VISUAL, embedder.modelId(), vectors.get(next++));
      int tiles = tileCounts.get(i);
      if (tiles == 0) {
        catalog.removeVector(id, TileVectors.NAME);
      } else {
        catalog.putVector(id, TileVectors.NAME, embedder.modelId(), TileVectors.join(vectors.subList(next, next + tiles)));
      }
      next += tiles;
      results.add(StageResult.done(id));
    }
    return results;
  }

  /** The tiles of a very large image as views of its decoded pixels; none for other images. */
  private List<BufferedImage> tiles(DecodedImage decoded) {
    BufferedImage pixels = decoded.pixels();
    List<BufferedImage> tiles = new ArrayList<>();
    for (TileRect tile : TilePlanner.plan(decoded.width(), decoded.height(), embedder.inputSize(), tiling)) {
      TileRect cut = tile.scaled(decoded.width(), decoded.height(), pixels.getWidth(), pixels.getHeight());
      tiles.add(pixels.getSubimage(cut.x(), cut.y(), cut.width(), cut.height()));
    }
    return tiles;
  }

  /** One model call per {@code batchSize} inputs: tiles add calls, never a larger one. */
  private List<float[]> embed(List<BufferedImage> inputs) {
    List<float[]> vectors = new ArrayList<>(inputs.size());
    for (int from = 0; from < inputs.size(); from += batchSize) {
      vectors.addAll(embedder.embedImages(inputs.subList(from, Math.min(inputs.size(), from + batchSize))));
    }
    return vectors;
  }
}
