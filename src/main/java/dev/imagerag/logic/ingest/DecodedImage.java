package dev.imagerag.logic.ingest;

import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.Objects;

/**
 * A decoded first frame, upright (EXIF orientation applied), possibly reduced in size while
 * decoding; 8-bit RGB unless the decoder says otherwise.
 *
 * @param pixels the decoded pixels; at least the requested long side unless the image is smaller
 * @param width full width of the upright image
 * @param height full height of the upright image
 * @param capturedAt EXIF capture time, or null
 */
public record DecodedImage(BufferedImage pixels, int width, int height, Instant capturedAt) {
  public DecodedImage {
    Objects.requireNonNull(pixels, "pixels");
  }
}
