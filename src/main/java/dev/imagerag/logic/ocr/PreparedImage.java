package dev.imagerag.logic.ocr;

import java.util.Objects;

/**
 * An image made ready for the OCR engine.
 *
 * @param gray dark text on a light background, enlarged by {@code scale}
 * @param scale how much larger than the decoded image it is (1 or more)
 * @param inverted whether light text on a dark background was turned into dark on light
 * @param photo whether the image looks like a photo (little flat background) rather than a
 *     screenshot or document; photos are denoised and their unsure words dropped
 * @param lineHeight the estimated height of a line of text in the decoded image in pixels, 0 when
 *     unknown
 */
public record PreparedImage(GrayImage gray, double scale, boolean inverted, boolean photo, int lineHeight) {
  public PreparedImage {
    Objects.requireNonNull(gray, "gray");
    if (!(scale >= 1)) {
      throw new IllegalArgumentException("scale must be at least 1, got " + scale);
    }
  }
}
