package dev.imagerag.logic.ocr;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.catalog.StageResult;
import dev.imagerag.logic.ingest.DecodeException;
import dev.imagerag.logic.ingest.DecodedImage;
import dev.imagerag.logic.ingest.ImageDecoder;
import dev.imagerag.logic.ingest.ImportSettings;
import dev.imagerag.logic.ingest.IndexStage;
import dev.imagerag.logic.ingest.Stage;
import dev.imagerag.logic.jobs.JobContext;
import dev.imagerag.support.Deadline;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Recognises the text in images and stores it in the catalog: the text under {@code ocr} (indexed
 * for keyword search and embedded by the text stage) and the word boxes as JSON under
 * {@code ocr.words} ({@link OcrWordsJson}). Images are decoded at full resolution up to a pixel
 * budget; boxes are in pixels of the original upright image.
 *
 * <p>An image without text is done with empty text. An image that no longer decodes, or whose
 * reading takes longer than {@link OcrSettings#perImageBudget()}, or that the engine refuses, fails
 * alone with the reason. An
 * engine that cannot start or breaks throws {@link OcrException}, which stops the stage and leaves
 * its images pending.
 *
 * <p>{@link OcrSettings#threads()} workers, each with its own engine, kept for the life of the
 * stage: close the stage with the library.
 */
public final class OcrStage implements Stage, AutoCloseable {
  public static final String NAME = "ocr";
  /** Catalog text fields this stage writes. */
  public static final String TEXT = IndexStage.OCR;
  public static final String WORDS = "ocr.words";
  /** Full-resolution decode up to this many pixels; bigger images are reduced while decoding. */
  static final long PIXEL_BUDGET = 24_000_000L;

  private final Catalog catalog;
  private final ImageDecoder decoder;
  private final OcrSettings settings;
  private final ImportSettings imports;
  private final OcrEnginePool pool;
  private final OcrReader reader = new OcrReader();
  private final String version;

  /**
   * @param engines must be available ({@link OcrEngines#availability()}); check before building
   *     the stage and tell the user why OCR is off otherwise
   * @param imports for the per-file decode timeout
   */
  public OcrStage(
      Catalog catalog, ImageDecoder decoder, OcrEngines engines, OcrSettings settings, ImportSettings imports) {
    this.catalog = catalog;
    this.decoder = decoder;
    this.settings = settings;
    this.imports = imports;
    this.pool = new OcrEnginePool(engines);
    this.version = engines.engineVersion() + "/" + engines.languages() + "/" + OcrPreparation.VERSION;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Engine and version, languages and preparation, e.g. "tesseract 5.3.0/eng/p1". */
  @Override
  public String version() {
    return version;
  }

  @Override
  public Set<String> dependsOn() {
    return Set.of();
  }

  /** One image at a time: each takes a fraction of a second to seconds, so claims stay cheap. */
  @Override
  public int batchSize() {
    return 1;
  }

  @Override
  public int threads() {
    return settings.threads();
  }

  @Override
  public List<StageResult> process(List<ImageId> batch, JobContext context) {
    List<StageResult> results;
    OcrEngine engine = pool.borrow();
    try {
      results = Stage.eachImage(batch, context, id -> read(id, engine));
    } catch (RuntimeException e) {
      // The engine may be broken; never hand it to the next worker.
      engine.close();
      throw e;
    }
    pool.giveBack(engine);
    return results;
  }

  private StageResult read(ImageId id, OcrEngine engine) {
    Path file = catalog.existingFile(id).orElse(null);
    if (file == null) {
      return StageResult.fileGone(id);
    }
    DecodedImage decoded;
    try {
      decoded = decoder.decodeWithin(file, PIXEL_BUDGET, Deadline.after(imports.perFileTimeout()));
    } catch (DecodeException e) {
      return StageResult.failed(id, e.skip().toString());
    }
    OcrResult result;
    try {
      result = reader.read(decoded.pixels(), decoded.width(), decoded.height(), engine,
          Deadline.after(settings.perImageBudget()));
    } catch (OcrImageException e) {
      return StageResult.failed(id, e.getMessage());
    }
    catalog.putText(id, TEXT, version, result.text());
    catalog.putText(id, WORDS, version, OcrWordsJson.write(result.words()));
    return StageResult.done(id);
  }

  /** Closes the engines; a worker still reading closes its engine when it finishes. */
  @Override
  public void close() {
    pool.close();
  }
}
