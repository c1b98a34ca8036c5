package dev.imagerag.logic.ingest;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.jobs.JobContext;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.catalog.StageResult;
import dev.imagerag.support.Deadline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Writes thumbnails. Import already writes them while it has the pixels; this stage redoes the ones
 * that failed (e.g. disk full) and all of them when the thumbnail size changes.
 */
public final class ThumbnailStage implements Stage {
  public static final String NAME = "thumbnail";

  private final Catalog catalog;
  private final ImageDecoder decoder;
  private final ThumbnailStore thumbnails;
  private final ImportSettings settings;

  public ThumbnailStage(Catalog catalog, ImageDecoder decoder, ThumbnailStore thumbnails, ImportSettings settings) {
    this.catalog = catalog;
    this.decoder = decoder;
    this.thumbnails = thumbnails;
    this.settings = settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return "jpeg-" + thumbnails.size() + "px-v1";
  }

  @Override
  public Set<String> dependsOn() {
    return Set.of();
  }

  @Override
  public int batchSize() {
    return 8;
  }

  @Override
  public List<StageResult> process(List<ImageId> batch, JobContext context) {
    return Stage.eachImage(batch, context, this::processOne);
  }

  private StageResult processOne(ImageId id) {
    Path file = catalog.existingFile(id).orElse(null);
    if (file == null) {
      return StageResult.fileGone(id);
    }
    try {
      DecodedImage decoded = decoder.decode(file, thumbnails.size(), Deadline.after(settings.perFileTimeout()));
      thumbnails.write(id, decoded.pixels());
      return StageResult.done(id);
    } catch (DecodeException e) {
      return StageResult.failed(id, e.skip().toString());
    } catch (IOException e) {
      return StageResult.failed(id, "could not write the thumbnail: " + e.getMessage());
    }
  }
}
