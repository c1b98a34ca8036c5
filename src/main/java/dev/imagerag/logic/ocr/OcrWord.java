package dev.imagerag.logic.ocr;

import java.util.Objects;

/**
 * One recognised word and where it is.
 *
 * @param text the word, never blank
 * @param x left edge in pixels
 * @param y top edge in pixels (y grows downwards)
 * @param width width in pixels, at least 1
 * @param height height in pixels, at least 1
 * @param confidence how sure the engine is, from 0 to 1
 */
public record OcrWord(String text, int x, int y, int width, int height, double confidence) {
  public OcrWord {
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("a word must not be blank");
    }
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("a word box must be at least 1×1, got " + width + "×" + height);
    }
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be in [0, 1], got " + confidence);
    }
  }

  public int right() {
    return x + width;
  }

  public int bottom() {
    return y + height;
  }

  public double centerX() {
    return x + width / 2.0;
  }

  public double centerY() {
    return y + height / 2.0;
  }

  /** The same word at another place. */
  public OcrWord at(int newX, int newY, int newWidth, int newHeight) {
    return new OcrWord(text, newX, newY, Math.max(1, newWidth), Math.max(1, newHeight), confidence);
  }
}
