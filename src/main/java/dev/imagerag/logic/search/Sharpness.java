package dev.imagerag.logic.search;

import java.awt.image.BufferedImage;

/** How sharp an image looks: the variance of its Laplacian on luminance (higher is sharper). */
public final class Sharpness {
  private Sharpness() {}

  public static double of(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    if (w < 3 || h < 3) {
      return 0;
    }
    int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
    double[] luma = new double[rgb.length];
    for (int i = 0; i < rgb.length; i++) {
      int p = rgb[i];
      luma[i] = 0.299 * ((p >> 16) & 0xFF) + 0.587 * ((p >> 8) & 0xFF) + 0.114 * (p & 0xFF);
    }
    double sum = 0;
    double sumSq = 0;
    int n = 0;
    for (int y = 1; y < h - 1; y++) {
      for (int x = 1; x < w - 1; x++) {
        int i = y * w + x;
        double lap = luma[i - 1] + luma[i + 1] + luma[i - w] + luma[i + w] - 4 * luma[i];
        sum += lap;
        sumSq += lap * lap;
        n++;
      }
    }
    double mean = sum / n;
    return sumSq / n - mean * mean;
  }
}
