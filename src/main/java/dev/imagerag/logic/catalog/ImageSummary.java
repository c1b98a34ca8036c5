package dev.imagerag.logic.catalog;

import dev.imagerag.domain.ImageFormat;
import dev.imagerag.domain.ImageId;
import java.time.Instant;
import java.util.Objects;

/**
 * What a gallery needs to show one image without loading anything else.
 *
 * @param path the image's most recently seen path
 * @param date capture time when known, else file time
 * @param unfinished stages still pending or running for it
 * @param failed stages that failed for it
 */
public record ImageSummary(
    ImageId id, String path, int width, int height, ImageFormat format, long sizeBytes, Instant date,
    Instant addedAt, int unfinished, int failed) {

  public ImageSummary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(path, "path");
  }

  public String fileName() {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return slash < 0 ? path : path.substring(slash + 1);
  }
}
