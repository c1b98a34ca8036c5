package dev.imagerag.logic.embed;

import dev.imagerag.support.Checks;
import java.util.Arrays;
import java.util.Objects;

/**
 * Pillow's {@code Image.resize(size, Image.BICUBIC)} for 8-bit RGB, ported from {@code
 * libImaging/Resample.c} so that the output is byte-identical: the reference image processors of
 * CLIP and SigLIP resize with Pillow, and the embeddings only match theirs when the pixels do.
 *
 * <p>What that takes: a separable convolution, always horizontal first into an intermediate image
 * that holds only the source rows the vertical pass will read; the bicubic kernel with a = -0.5;
 * the kernel stretched by the downscale factor (Pillow's antialiasing); per-pixel coefficients
 * normalised to sum 1 and then turned into 22-bit fixed point; integer accumulation from a
 * rounding offset of one half, and rounding plus clipping to 0..255 after <em>each</em> pass. The
 * box is the whole source and there is no {@code reducing_gap} pre-reduction, as with Hugging
 * Face's processors. A pass whose size does not change is skipped, as Pillow does.
 *
 * <p>Stateless and thread-safe.
 */
public final class PillowResize {
  /** 8 bits of result, 2 bits of headroom for kernels whose partial sums leave [0, 1]. */
  private static final int PRECISION_BITS = 32 - 8 - 2;
  private static final double BICUBIC_SUPPORT = 2.0;
  private static final double BICUBIC_A = -0.5;

  private PillowResize() {}

  /**
   * Supplies the source image one row at a time, so callers can convert from any pixel layout
   * without first copying the whole image.
   */
  @FunctionalInterface
  public interface RowSource {
    /**
     * Writes row {@code y} into {@code rgb[0, 3 * width)} as R, G, B bytes. Rows are requested in
     * increasing order, each at most once; rows no output pixel depends on are never requested.
     */
    void readRow(int y, byte[] rgb);
  }

  /**
   * Resizes interleaved RGB bytes ({@code 3 * width * height}, row-major) to {@code newWidth ×
   * newHeight}, returning interleaved RGB bytes.
   */
  public static byte[] resize(byte[] rgb, int width, int height, int newWidth, int newHeight) {
    Objects.requireNonNull(rgb, "rgb");
    if (rgb.length != 3 * width * height) {
      throw new IllegalArgumentException(
          "expected " + 3 * width * height + " bytes for " + width + "x" + height + ", got " + rgb.length);
    }
    RowSource rows = (y, row) -> System.arraycopy(rgb, 3 * width * y, row, 0, 3 * width);
    return resize(rows, width, height, newWidth, newHeight);
  }

  /** Resizes a streamed RGB image to {@code newWidth × newHeight}, returning interleaved RGB bytes. */
  public static byte[] resize(RowSource rows, int width, int height, int newWidth, int newHeight) {
    return resizeWindow(rows, width, height, newWidth, newHeight, 0, 0, newWidth, newHeight);
  }

  /**
   * The {@code windowWidth × windowHeight} part at ({@code left}, {@code top}) of what {@link
   * #resize} would return, computing only that part: every output pixel depends on the source
   * alone, so cropping afterwards gives the same bytes, just slower.
   */
  public static byte[] resizeWindow(RowSource rows, int width, int height, int newWidth, int newHeight,
      int left, int top, int windowWidth, int windowHeight) {
    Objects.requireNonNull(rows, "rows");
    Checks.requirePositive(width, "width");
    Checks.requirePositive(height, "height");
    Checks.requirePositive(newWidth, "new width");
    Checks.requirePositive(newHeight, "new height");
    Checks.requirePositive(windowWidth, "window width");
    Checks.requirePositive(windowHeight, "window height");
    if (left < 0 || top < 0 || left + windowWidth > newWidth || top + windowHeight > newHeight) {
      throw new IllegalArgumentException("window " + windowWidth + "x" + windowHeight + " at (" + left + ", "
          + top + ") leaves the " + newWidth + "x" + newHeight + " output");
    }
    boolean needVertical = newHeight != height;
    Kernel vertical = needVertical ? Kernel.of(height, newHeight) : null;
    int firstRow = needVertical ? vertical.start[top] : top;
    int lastRow = needVertical
        ? vertical.start[top + windowHeight - 1] + vertical.count[top + windowHeight - 1]
        : top + windowHeight;
    byte[] temp = horizontalPass(rows, width, newWidth, left, windowWidth, firstRow, lastRow);
    return needVertical ? verticalPass(temp, vertical, windowWidth, top, windowHeight, firstRow) : temp;
  }

  /** Rows {@code [firstRow, lastRow)} of the source, resized horizontally: Pillow's imTemp. */
  private static byte[] horizontalPass(
      RowSource rows, int width, int newWidth, int left, int windowWidth, int firstRow, int lastRow) {
    byte[] row = new byte[3 * width];
    byte[] out = new byte[3 * windowWidth * (lastRow - firstRow)];
    Kernel kernel = newWidth != width ? Kernel.of(width, newWidth) : null;
    int o = 0;
    for (int y = firstRow; y < lastRow; y++) {
      rows.readRow(y, row);
      if (kernel == null) {
        System.arraycopy(row, 3 * left, out, o, 3 * windowWidth);
        o += 3 * windowWidth;
        continue;
      }
      for (int xx = left; xx < left + windowWidth; xx++) {
        int start = kernel.start[xx];
        int count = kernel.count[xx];
        int k0 = xx * kernel.ksize;
        int r = 1 << (PRECISION_BITS - 1);
        int g = r;
        int b = r;
        for (int x = 0, s = 3 * start; x < count; x++, s += 3) {
          int k = kernel.fixed[k0 + x];
          r += (row[s] & 0xFF) * k;
          g += (row[s + 1] & 0xFF) * k;
          b += (row[s + 2] & 0xFF) * k;
        }
        out[o++] = clip8(r);
        out[o++] = clip8(g);
        out[o++] = clip8(b);
      }
    }
    return out;
  }

  /**
   * Output rows {@code [top, top + windowHeight)} from the horizontally resized rows, which start
   * at source row {@code firstRow}. Accumulates tap by tap over whole rows: integer sums do not
   * depend on the order, and this order streams through memory.
   */
  private static byte[] verticalPass(
      byte[] temp, Kernel kernel, int windowWidth, int top, int windowHeight, int firstRow) {
    int rowBytes = 3 * windowWidth;
    byte[] out = new byte[rowBytes * windowHeight];
    int[] acc = new int[rowBytes];
    for (int yy = top; yy < top + windowHeight; yy++) {
      Arrays.fill(acc, 1 << (PRECISION_BITS - 1));
      int k0 = yy * kernel.ksize;
      for (int y = 0; y < kernel.count[yy]; y++) {
        int k = kernel.fixed[k0 + y];
        int base = (kernel.start[yy] + y - firstRow) * rowBytes;
        for (int i = 0; i < rowBytes; i++) {
          acc[i] += (temp[base + i] & 0xFF) * k;
        }
      }
      int o = (yy - top) * rowBytes;
      for (int i = 0; i < rowBytes; i++) {
        out[o + i] = clip8(acc[i]);
      }
    }
    return out;
  }

  /** Pillow's clip8: drop the fraction bits (arithmetic shift, as C does on int), clamp. */
  private static byte clip8(int sum) {
    int v = sum >> PRECISION_BITS;
    return (byte) (v < 0 ? 0 : Math.min(v, 255));
  }

  /** Pillow's bicubic_filter, with its exact operation order. */
  static double bicubic(double x) {
    if (x < 0.0) {
      x = -x;
    }
    if (x < 1.0) {
      return ((BICUBIC_A + 2.0) * x - (BICUBIC_A + 3.0)) * x * x + 1;
    }
    if (x < 2.0) {
      return (((x - 5) * x + 8) * x - 4) * BICUBIC_A;
    }
    return 0.0;
  }

  /**
   * One axis's coefficients (Pillow's precompute_coeffs plus normalize_coeffs_8bpc): output pixel
   * {@code i} reads {@code count[i]} source pixels from {@code start[i]}, weighted by {@code
   * fixed[i * ksize ...]}.
   */
  static final class Kernel {
    final int ksize;
    final int[] start;
    final int[] count;
    final int[] fixed;

    private Kernel(int ksize, int outSize) {
      this.ksize = ksize;
      this.start = new int[outSize];
      this.count = new int[outSize];
      this.fixed = new int[outSize * ksize];
    }

    static Kernel of(int inSize, int outSize) {
      // Pillow computes (double) (in1 - in0) / outSize with float box edges; for the whole-image
      // box (0, inSize) that is exactly inSize / outSize.
      double scale = (double) inSize / outSize;
      double filterScale = Math.max(scale, 1.0);
      double support = BICUBIC_SUPPORT * filterScale;
      Kernel kernel = new Kernel((int) Math.ceil(support) * 2 + 1, outSize);
      double inverse = 1.0 / filterScale;
      double[] weights = new double[kernel.ksize];
      for (int xx = 0; xx < outSize; xx++) {
        double center = (xx + 0.5) * scale;
        int min = Math.max((int) (center - support + 0.5), 0);
        int max = Math.min((int) (center + support + 0.5), inSize) - min;
        double sum = 0.0;
        for (int x = 0; x < max; x++) {
          weights[x] = bicubic((x + min - center + 0.5) * inverse);
          sum += weights[x];
        }
        for (int x = 0; x < max; x++) {
          double w = sum != 0.0 ? weights[x] / sum : weights[x];
          kernel.fixed[xx * kernel.ksize + x] = toFixed(w);
        }
        kernel.start[xx] = min;
        kernel.count[xx] = max;
      }
      return kernel;
    }

    /** Rounds half away from zero, then truncates, exactly as normalize_coeffs_8bpc. */
    private static int toFixed(double w) {
      return w < 0 ? (int) (-0.5 + w * (1 << PRECISION_BITS)) : (int) (0.5 + w * (1 << PRECISION_BITS));
    }
  }
}
