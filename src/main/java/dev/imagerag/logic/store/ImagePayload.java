package dev.imagerag.logic.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The searchable, filterable data an index keeps beside an image's vectors. Text fields are empty
 * strings when unknown, never null.
 *
 * @param paths absolute file paths of the image (never empty)
 * @param date capture time when known, else file time; used by date filters
 * @param format lower-case format id, e.g. "jpeg"
 */
public record ImagePayload(
    List<String> paths,
    String caption,
    String ocrText,
    List<String> tags,
    Instant date,
    int width,
    int height,
    long sizeBytes,
    String format) {

  public ImagePayload {
    paths = List.copyOf(paths);
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("payload needs at least one path");
    }
    caption = caption == null ? "" : caption;
    ocrText = ocrText == null ? "" : ocrText;
    tags = List.copyOf(tags);
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(format, "format");
  }

  /** True when OCR found text in the image. */
  public boolean hasText() {
    return !ocrText.isBlank();
  }
}
