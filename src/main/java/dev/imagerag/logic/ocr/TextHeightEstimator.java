package dev.imagerag.logic.ocr;

import java.util.Arrays;
import java.util.OptionalInt;

/**
 * Estimates how tall the lines of text in an image are, without recognising anything: the image is
 * cut into narrow vertical strips, and in each strip the runs of consecutive rows that hold ink
 * (pixels darker than the threshold) are measured. For text, a run is one line from its highest
 * ascender to its lowest descender, which is about the font size in pixels; the median run over the
 * image is the estimate. Pure and thread-safe.
 */
final class TextHeightEstimator {
  /** Strips are an eighth of the image wide, within these bounds, so small images get several. */
  private static final int MIN_STRIP = 32;
  private static final int MAX_STRIP = 128;
  /** Runs shorter than this are noise, rules or dots rather than lines of text. */
  private static final int MIN_RUN = 4;
  /** Too few runs say nothing about text. */
  private static final int MIN_RUNS = 3;

  private TextHeightEstimator() {}

  /**
   * The median height in pixels of the ink runs, or empty when the image shows too few of them.
   *
   * @param image dark ink on a light background
   * @param threshold values at or below it are ink
   */
  static OptionalInt medianLineHeight(GrayImage image, int threshold) {
    int width = image.width();
    int height = image.height();
    int maxRun = Math.max(MIN_RUN, height / 2);
    byte[] pixels = image.pixels();
    int[] runs = new int[64];
    int count = 0;
    int strip = Math.max(MIN_STRIP, Math.min(MAX_STRIP, width / 8));
    for (int x0 = 0; x0 < width; x0 += strip) {
      int x1 = Math.min(width, x0 + strip);
      int run = 0;
      for (int y = 0; y <= height; y++) {
        boolean ink = y < height && rowHasInk(pixels, y * width, x0, x1, threshold);
        if (ink) {
          run++;
          continue;
        }
        if (run >= MIN_RUN && run <= maxRun) {
          if (count == runs.length) {
            runs = Arrays.copyOf(runs, count * 2);
          }
          runs[count++] = run;
        }
        run = 0;
      }
    }
    if (count < MIN_RUNS) {
      return OptionalInt.empty();
    }
    Arrays.sort(runs, 0, count);
    return OptionalInt.of(runs[count / 2]);
  }

  private static boolean rowHasInk(byte[] pixels, int rowStart, int x0, int x1, int threshold) {
    for (int x = x0; x < x1; x++) {
      if ((pixels[rowStart + x] & 0xFF) <= threshold) {
        return true;
      }
    }
    return false;
  }
}
