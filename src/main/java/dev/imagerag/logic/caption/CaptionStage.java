package dev.imagerag.logic.caption;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.catalog.StageResult;
import dev.imagerag.logic.ingest.DecodeException;
import dev.imagerag.logic.ingest.ImageDecoder;
import dev.imagerag.logic.ingest.ImportSettings;
import dev.imagerag.logic.ingest.IndexStage;
import dev.imagerag.logic.ingest.Stage;
import dev.imagerag.logic.jobs.JobContext;
import dev.imagerag.support.Deadline;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Captions images with a vision model and stores the answer's parts as catalog texts: the
 * description under {@code caption} and the tags under {@code caption.tags} (read by the index and
 * text stages), plus elements, visible text, category and the raw answer.
 *
 * <p>One image per batch and {@code maxConcurrency} threads, so that many requests are in flight.
 * An image the server refuses, or one that no longer decodes, fails alone with the reason; any
 * other {@link CaptionException} (bad key, unknown model, server down, rate limit, timeout) is
 * thrown, which stops the stage and leaves its images pending for the next run.
 */
public final class CaptionStage implements Stage {
  public static final String NAME = "caption";
  /** Catalog text fields this stage writes. */
  public static final String DESCRIPTION = IndexStage.CAPTION;
  public static final String ELEMENTS = "caption.elements";
  public static final String TEXT = "caption.text";
  public static final String TAGS = IndexStage.CAPTION_TAGS;
  public static final String CATEGORY = "caption.category";
  public static final String RAW = "caption.raw";

  private final Catalog catalog;
  private final ImageDecoder decoder;
  private final Captioner captioner;
  private final CaptionSettings settings;
  private final ImportSettings imports;
  private final CostMeter costs;

  /**
   * @param imports for the per-file decode timeout
   * @param costs receives the token usage of every caption made
   */
  public CaptionStage(
      Catalog catalog, ImageDecoder decoder, Captioner captioner, CaptionSettings settings, ImportSettings imports,
      CostMeter costs) {
    this.catalog = catalog;
    this.decoder = decoder;
    this.captioner = captioner;
    this.settings = settings;
    this.imports = imports;
    this.costs = costs;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return captioner.model() + "/" + captioner.promptVersion();
  }

  @Override
  public Set<String> dependsOn() {
    return Set.of();
  }

  @Override
  public int batchSize() {
    return 1;
  }

  @Override
  public int threads() {
    return settings.maxConcurrency();
  }

  @Override
  public List<StageResult> process(List<ImageId> batch, JobContext context) {
    return Stage.eachImage(batch, context, this::caption);
  }

  private StageResult caption(ImageId id) {
    Path file = catalog.existingFile(id).orElse(null);
    if (file == null) {
      return StageResult.fileGone(id);
    }
    BufferedImage pixels;
    try {
      pixels = decoder.decode(file, settings.imageMaxSide(), Deadline.after(imports.perFileTimeout())).pixels();
    } catch (DecodeException e) {
      return StageResult.failed(id, e.skip().toString());
    }
    Caption caption;
    try {
      caption = captioner.caption(pixels);
    } catch (ImageRejectedException e) {
      return StageResult.failed(id, e.getMessage());
    }
    costs.add(caption.usage());
    store(id, caption);
    return StageResult.done(id);
  }

  private void store(ImageId id, Caption caption) {
    String model = captioner.model();
    catalog.putText(id, DESCRIPTION, model, caption.description());
    catalog.putText(id, ELEMENTS, model, String.join("\n", caption.elements()));
    catalog.putText(id, TEXT, model, caption.text());
    catalog.putText(id, TAGS, model, String.join(", ", caption.tags()));
    catalog.putText(id, CATEGORY, model, caption.category());
    catalog.putText(id, RAW, model, caption.raw());
  }
}
