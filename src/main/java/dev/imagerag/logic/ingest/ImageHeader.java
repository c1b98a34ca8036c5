package dev.imagerag.logic.ingest;

import dev.imagerag.domain.ImageFormat;

/** What an image file's header claims, read without decoding pixels (before EXIF orientation). */
public record ImageHeader(ImageFormat format, int width, int height) {
  public long pixels() {
    return (long) width * height;
  }
}
