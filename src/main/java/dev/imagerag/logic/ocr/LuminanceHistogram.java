package dev.imagerag.logic.ocr;

/** How many pixels of a gray image have each value, with the few statistics OCR preparation needs. */
final class LuminanceHistogram {
  /** Half-width of the band around the most common value that counts as "background". */
  private static final int BACKGROUND_BAND = 12;

  private final long[] counts = new long[256];
  private final long total;

  LuminanceHistogram(GrayImage image) {
    for (byte value : image.pixels()) {
      counts[value & 0xFF]++;
    }
    this.total = image.pixels().length;
  }

  /** The middle value: half the pixels are darker. */
  int median() {
    long half = (total + 1) / 2;
    long seen = 0;
    for (int v = 0; v < 256; v++) {
      seen += counts[v];
      if (seen >= half) {
        return v;
      }
    }
    return 255;
  }

  /** The centre of the most populated band of values: the background of a document or screenshot. */
  int background() {
    long best = -1;
    int centre = 0;
    for (int v = 0; v < 256; v++) {
      long inBand = band(v);
      if (inBand > best) {
        best = inBand;
        centre = v;
      }
    }
    return centre;
  }

  /**
   * The share of pixels close to the background value, 0 to 1: high for flat backgrounds
   * (screenshots, documents, terminals), low for photos.
   */
  double backgroundShare() {
    return (double) band(background()) / total;
  }

  private long band(int centre) {
    long sum = 0;
    for (int v = Math.max(0, centre - BACKGROUND_BAND); v <= Math.min(255, centre + BACKGROUND_BAND); v++) {
      sum += counts[v];
    }
    return sum;
  }

  /** Otsu's threshold: values at or below it are one class (ink on a light page), above the other. */
  int otsuThreshold() {
    double sumAll = 0;
    for (int v = 0; v < 256; v++) {
      sumAll += (double) v * counts[v];
    }
    double sumBelow = 0;
    long below = 0;
    double bestVariance = -1;
    int threshold = 127;
    for (int v = 0; v < 256; v++) {
      below += counts[v];
      if (below == 0) {
        continue;
      }
      long above = total - below;
      if (above == 0) {
        break;
      }
      sumBelow += (double) v * counts[v];
      double meanBelow = sumBelow / below;
      double meanAbove = (sumAll - sumBelow) / above;
      double variance = (double) below * above * (meanBelow - meanAbove) * (meanBelow - meanAbove);
      if (variance > bestVariance) {
        bestVariance = variance;
        threshold = v;
      }
    }
    return threshold;
  }
}
