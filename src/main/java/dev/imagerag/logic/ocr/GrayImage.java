package dev.imagerag.logic.ocr;

import dev.imagerag.support.Checks;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * An 8-bit grayscale raster: one byte per pixel, 0 black to 255 white, row-major without padding.
 * The array is shared, not copied: treat it as read-only. Thread-safe when nobody writes to it.
 */
public final class GrayImage {
  private final int width;
  private final int height;
  private final byte[] pixels;

  public GrayImage(int width, int height, byte[] pixels) {
    this.width = Checks.requirePositive(width, "width");
    this.height = Checks.requirePositive(height, "height");
    if (pixels.length != (long) width * height) {
      throw new IllegalArgumentException(
          "pixels must hold width × height = " + (long) width * height + " bytes, got " + pixels.length);
    }
    this.pixels = pixels;
  }

  /**
   * The luminance of any decoded image (BT.601 weights). Transparent pixels are composed over
   * white, because screenshots with an alpha channel usually mean "no background" behind dark text.
   */
  public static GrayImage of(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    if (image.getType() == BufferedImage.TYPE_BYTE_GRAY
        && image.getRaster().getDataBuffer() instanceof DataBufferByte) {
      byte[] gray = new byte[w * h];
      image.getRaster().getDataElements(0, 0, w, h, gray);
      return new GrayImage(w, h, gray);
    }
    byte[] gray = new byte[Math.multiplyExact(w, h)];
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      // Row by row: a whole-image getRGB of a 24-megapixel scan would need another 96 MB.
      image.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        gray[y * w + x] = (byte) luminance(row[x]);
      }
    }
    return new GrayImage(w, h, gray);
  }

  private static int luminance(int argb) {
    int a = argb >>> 24;
    int r = argb >> 16 & 0xFF;
    int g = argb >> 8 & 0xFF;
    int b = argb & 0xFF;
    int y = (77 * r + 150 * g + 29 * b + 128) >> 8;
    return a == 255 ? y : (y * a + 255 * (255 - a) + 127) / 255;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The pixels themselves (not a copy). */
  public byte[] pixels() {
    return pixels;
  }

  /** The value at (x, y), 0 to 255. */
  public int at(int x, int y) {
    return pixels[y * width + x] & 0xFF;
  }

  /** Light becomes dark and dark becomes light. */
  public GrayImage inverted() {
    byte[] out = new byte[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      out[i] = (byte) ~pixels[i];
    }
    return new GrayImage(width, height, out);
  }

  /** The rectangle at (x, y), copied; it must lie inside the image. */
  public GrayImage crop(int x, int y, int w, int h) {
    if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > width || y + h > height) {
      throw new IllegalArgumentException("crop " + w + "×" + h + " at (" + x + ", " + y + ") is outside "
          + width + "×" + height);
    }
    if (x == 0 && y == 0 && w == width && h == height) {
      return this;
    }
    byte[] out = new byte[w * h];
    for (int row = 0; row < h; row++) {
      System.arraycopy(pixels, (y + row) * width + x, out, row * w, w);
    }
    return new GrayImage(w, h, out);
  }

  /** Turned clockwise by 0, 90, 180 or 270 degrees. */
  public GrayImage rotatedClockwise(int degrees) {
    switch (degrees) {
      case 0:
        return this;
      case 180: {
        byte[] out = new byte[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
          out[pixels.length - 1 - i] = pixels[i];
        }
        return new GrayImage(width, height, out);
      }
      case 90:
      case 270: {
        // The result is height wide and width high; source (x, y) lands at (h-1-y, x) for 90°.
        byte[] out = new byte[pixels.length];
        int outWidth = height;
        for (int y = 0; y < height; y++) {
          for (int x = 0; x < width; x++) {
            int ox = degrees == 90 ? height - 1 - y : y;
            int oy = degrees == 90 ? x : width - 1 - x;
            out[oy * outWidth + ox] = pixels[y * width + x];
          }
        }
        return new GrayImage(height, width, out);
      }
      default:
        throw new IllegalArgumentException("degrees must be 0, 90, 180 or 270, got " + degrees);
    }
  }

  /**
   * Each pixel replaced by the median of its 3×3 neighbourhood (edges repeat): removes the speckle
   * noise of photos, which Tesseract would otherwise take for thousands of tiny glyphs.
   */
  public GrayImage median3() {
    byte[] out = new byte[pixels.length];
    int[] v = new int[9];
    for (int y = 0; y < height; y++) {
      int up = Math.max(0, y - 1) * width;
      int row = y * width;
      int down = Math.min(height - 1, y + 1) * width;
      for (int x = 0; x < width; x++) {
        int left = Math.max(0, x - 1);
        int right = Math.min(width - 1, x + 1);
        v[0] = pixels[up + left] & 0xFF;
        v[1] = pixels[up + x] & 0xFF;
        v[2] = pixels[up + right] & 0xFF;
        v[3] = pixels[row + left] & 0xFF;
        v[4] = pixels[row + x] & 0xFF;
        v[5] = pixels[row + right] & 0xFF;
        v[6] = pixels[down + left] & 0xFF;
        v[7] = pixels[down + x] & 0xFF;
        v[8] = pixels[down + right] & 0xFF;
        out[row + x] = (byte) median9(v);
      }
    }
    return new GrayImage(width, height, out);
  }

  /** The median of nine values by partial insertion sort (the array is reordered). */
  private static int median9(int[] v) {
    for (int i = 1; i < 9; i++) {
      int value = v[i];
      int j = i - 1;
      while (j >= 0 && v[j] > value) {
        v[j + 1] = v[j];
        j--;
      }
      v[j + 1] = value;
    }
    return v[4];
  }

  /**
   * Enlarged by {@code factor} (1 to 8) with bilinear interpolation; the result is
   * round(width × factor) by round(height × factor).
   */
  public GrayImage upscaled(double factor) {
    if (!(factor >= 1 && factor <= 8)) {
      throw new IllegalArgumentException("factor must be in [1, 8], got " + factor);
    }
    int w = (int) Math.round(width * factor);
    int h = (int) Math.round(height * factor);
    if (w == width && h == height) {
      return this;
    }
    byte[] out = new byte[Math.multiplyExact(w, h)];
    double sx = (double) width / w;
    double sy = (double) height / h;
    int[] x0 = new int[w];
    int[] fx = new int[w];
    for (int x = 0; x < w; x++) {
      double src = Math.max(0, (x + 0.5) * sx - 0.5);
      x0[x] = Math.min((int) src, width - 1);
      fx[x] = (int) ((src - x0[x]) * 256);
    }
    for (int y = 0; y < h; y++) {
      double src = Math.max(0, (y + 0.5) * sy - 0.5);
      int y0 = Math.min((int) src, height - 1);
      int y1 = Math.min(y0 + 1, height - 1);
      int fy = (int) ((src - y0) * 256);
      int row0 = y0 * width;
      int row1 = y1 * width;
      for (int x = 0; x < w; x++) {
        int xa = x0[x];
        int xb = Math.min(xa + 1, width - 1);
        int top = (pixels[row0 + xa] & 0xFF) * (256 - fx[x]) + (pixels[row0 + xb] & 0xFF) * fx[x];
        int bottom = (pixels[row1 + xa] & 0xFF) * (256 - fx[x]) + (pixels[row1 + xb] & 0xFF) * fx[x];
        out[y * w + x] = (byte) ((top * (256 - fy) + bottom * fy + 32768) >> 16);
      }
    }
    return new GrayImage(w, h, out);
  }
}
