package dev.imagerag.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What the catalog knows about one image's pixels, independent of where its files are.
 *
 * @param width width in pixels after EXIF orientation is applied
 * @param height height in pixels after EXIF orientation is applied
 * @param fileTime last-modified time of the file it was first imported from
 * @param capturedAt EXIF capture time, or null when the image carries none
 */
public record ImageRecord(
    ImageId id,
    long sizeBytes,
    int width,
    int height,
    ImageFormat format,
    Instant fileTime,
    Instant capturedAt,
    Instant addedAt) {

  public ImageRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(fileTime, "fileTime");
    Objects.requireNonNull(addedAt, "addedAt");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("dimensions must be positive, got " + width + "x" + height);
    }
  }

  /** Capture time when known, else file time: what "the date of this image" means in filters. */
  public Instant date() {
    return capturedAt != null ? capturedAt : fileTime;
  }
}
