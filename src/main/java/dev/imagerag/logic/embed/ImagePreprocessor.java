package dev.imagerag.logic.embed;

import dev.imagerag.logic.embed.ModelManifest.ImageSpec;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.awt.image.SinglePixelPackedSampleModel;
import java.util.Arrays;
import java.util.Objects;

/**
 * Turns a decoded image into the vision tower's input exactly as Hugging Face's slow image
 * processors do, so that embeddings match the published ones.
 *
 * <ol>
 *   <li>RGB as PIL's {@code convert("RGB")}: alpha is dropped, not composited; grey is copied to
 *       the three channels as stored (Java2D would gamma-convert it); no ICC conversion.
 *   <li>{@link ModelManifest.ResizeRule#SHORTEST_SIDE_THEN_CENTER_CROP} ({@code
 *       CLIPImageProcessor}): the shortest side to {@code size}, the other to {@code int(size *
 *       long / short)} (truncated, as {@code get_resize_output_image_size}), then a {@code size ×
 *       size} crop at {@code ((w - size) // 2, (h - size) // 2)}. {@link
 *       ModelManifest.ResizeRule#SQUASH} ({@code SiglipImageProcessor}): both sides to {@code
 *       size}. Both resize with {@link PillowResize}; the crop is never computed, only the window.
 *   <li>Each byte {@code v} becomes {@code (float) (v * (1.0 / 255))} (rescaled in float64, then
 *       cast), then {@code (x - mean) / std} in float32.
 * </ol>
 *
 * <p>Unlike {@code CLIPImageProcessor}, {@code SiglipImageProcessor} leaves {@code
 * do_convert_rgb} unset and would reject RGBA or grey input; here every image is made RGB first.
 *
 * <p>Stateless and thread-safe; blocks only for computation: about 50-70 ms for a 12-megapixel
 * photo on one core, close to Pillow's own C code.
 */
public final class ImagePreprocessor {
  /** Hugging Face's {@code rescale_factor = 1 / 255}, a Python float (double). */
  private static final double RESCALE = 1.0 / 255;

  private ImagePreprocessor() {}

  /** The CHW float32 tensor of one image: {@code float[3 * size * size]}, channels R, G, B. */
  public static float[] toTensor(BufferedImage image, ImageSpec spec) {
    float[] tensor = new float[valuesPerImage(spec)];
    writeTensor(image, spec, tensor, 0);
    return tensor;
  }

  /**
   * Writes one image's CHW tensor into an NCHW batch at position {@code index}, that is at offset
   * {@code index * 3 * size * size}; the rest of {@code batch} is left alone.
   */
  public static void writeTensor(BufferedImage image, ImageSpec spec, float[] batch, int index) {
    Objects.requireNonNull(batch, "batch");
    int perImage = valuesPerImage(spec);
    if (index < 0 || (long) (index + 1) * perImage > batch.length) {
      throw new IllegalArgumentException("image " + index + " does not fit a batch of "
          + batch.length / perImage + " images of " + perImage + " values");
    }
    byte[] rgb = preparedRgb(image, spec);
    int plane = spec.size() * spec.size();
    int offset = index * perImage;
    for (int c = 0; c < 3; c++) {
      float[] lookup = normalised(spec.mean()[c], spec.std()[c]);
      int out = offset + c * plane;
      for (int i = 0; i < plane; i++) {
        batch[out + i] = lookup[rgb[3 * i + c] & 0xFF];
      }
    }
  }

  /**
   * The 8-bit RGB {@code size × size} image just before rescaling: what {@code pixel_values} are
   * computed from. For tests and for showing what the model sees.
   */
  public static BufferedImage prepared(BufferedImage image, ImageSpec spec) {
    byte[] rgb = preparedRgb(image, spec);
    int size = spec.size();
    BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_3BYTE_BGR);
    byte[] bgr = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < rgb.length; i += 3) {
      bgr[i] = rgb[i + 2];
      bgr[i + 1] = rgb[i + 1];
      bgr[i + 2] = rgb[i];
    }
    return out;
  }

  /**
   * Where an image goes: resized to {@code width × height}, then cut to {@code size × size} from
   * ({@code left}, {@code top}).
   */
  record Plan(int width, int height, int left, int top) {}

  static Plan plan(int width, int height, ImageSpec spec) {
    int size = spec.size();
    switch (spec.resize()) {
      case SQUASH:
        return new Plan(size, size, 0, 0);
      case SHORTEST_SIDE_THEN_CENTER_CROP:
        // Python's int(size * long / short): a correctly rounded double quotient, truncated.
        int newLong = (int) ((double) size * Math.max(width, height) / Math.min(width, height));
        int w = width <= height ? size : newLong;
        int h = width <= height ? newLong : size;
        // newLong >= size, so the crop always fits and HF's zero-padding branch never runs.
        return new Plan(w, h, (w - size) / 2, (h - size) / 2);
      default:
        throw new IllegalArgumentException("unknown resize rule " + spec.resize());
    }
  }

  private static byte[] preparedRgb(BufferedImage image, ImageSpec spec) {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(spec, "spec");
    Plan plan = plan(image.getWidth(), image.getHeight(), spec);
    return PillowResize.resizeWindow(rgbRows(image), image.getWidth(), image.getHeight(),
        plan.width(), plan.height(), plan.left(), plan.top(), spec.size(), spec.size());
  }

  private static int valuesPerImage(ImageSpec spec) {
    return 3 * spec.size() * spec.size();
  }

  /** Byte value to normalised float, in the exact float64/float32 steps of HF's numpy code. */
  private static float[] normalised(float mean, float std) {
    float[] lookup = new float[256];
    for (int v = 0; v < 256; v++) {
      float rescaled = (float) (v * RESCALE);
      lookup[v] = (rescaled - mean) / std;
    }
    return lookup;
  }

  // ---- reading pixels as PIL's convert("RGB") sees them ------------------------------------------

  /**
   * Rows of the image as RGB bytes, read straight from the raster for the layouts decoders
   * produce (no per-pixel {@code getRGB}); anything else (palettes, premultiplied alpha, CMYK)
   * goes through Java2D's {@code getRGB}, one row per call.
   */
  static PillowResize.RowSource rgbRows(BufferedImage image) {
    ColorModel model = image.getColorModel();
    Raster raster = image.getRaster();
    SampleModel samples = raster.getSampleModel();
    int spaceType = model.getColorSpace().getType();
    boolean rgb = spaceType == ColorSpace.TYPE_RGB && model.getNumColorComponents() == 3;
    boolean grey = spaceType == ColorSpace.TYPE_GRAY && model.getNumColorComponents() == 1;
    if (model instanceof IndexColorModel || model.isAlphaPremultiplied() || !(rgb || grey)) {
      return argbRows(image);
    }
    int[] bands = rgb ? new int[] {0, 1, 2} : new int[] {0, 0, 0};
    if (samples instanceof ComponentSampleModel && raster.getDataBuffer() instanceof DataBufferByte
        && raster.getDataBuffer().getNumBanks() == 1 && eightBits(samples, bands)) {
      return interleavedByteRows(raster, (ComponentSampleModel) samples, bands);
    }
    if (samples instanceof SinglePixelPackedSampleModel && raster.getDataBuffer() instanceof DataBufferInt
        && eightBits(samples, bands)) {
      return packedIntRows(raster, (SinglePixelPackedSampleModel) samples, bands);
    }
    return sampleRows(raster, bands);
  }

  private static boolean eightBits(SampleModel samples, int[] bands) {
    return Arrays.stream(bands).allMatch(b -> samples.getSampleSize(b) == 8);
  }

  private static PillowResize.RowSource interleavedByteRows(
      Raster raster, ComponentSampleModel samples, int[] bands) {
    byte[] data = ((DataBufferByte) raster.getDataBuffer()).getData();
    int base = raster.getDataBuffer().getOffset();
    int pixelStride = samples.getPixelStride();
    int tx = raster.getSampleModelTranslateX();
    int ty = raster.getSampleModelTranslateY();
    int width = raster.getWidth();
    int[] bandOffsets = samples.getBandOffsets();
    int r = bandOffsets[bands[0]];
    int g = bandOffsets[bands[1]];
    int b = bandOffsets[bands[2]];
    return (y, row) -> {
      int p = base + samples.getOffset(raster.getMinX() - tx, raster.getMinY() + y - ty, 0)
          - bandOffsets[0];
      for (int x = 0, o = 0; x < width; x++, p += pixelStride) {
        row[o++] = data[p + r];
        row[o++] = data[p + g];
        row[o++] = data[p + b];
      }
    };
  }

  private static PillowResize.RowSource packedIntRows(
      Raster raster, SinglePixelPackedSampleModel samples, int[] bands) {
    int[] data = ((DataBufferInt) raster.getDataBuffer()).getData();
    int base = raster.getDataBuffer().getOffset();
    int stride = samples.getScanlineStride();
    int tx = raster.getSampleModelTranslateX();
    int ty = raster.getSampleModelTranslateY();
    int width = raster.getWidth();
    int[] shifts = samples.getBitOffsets();
    int r = shifts[bands[0]];
    int g = shifts[bands[1]];
    int b = shifts[bands[2]];
    return (y, row) -> {
      int p = base + (raster.getMinY() + y - ty) * stride + raster.getMinX() - tx;
      for (int x = 0, o = 0; x < width; x++, p++) {
        int pixel = data[p];
        row[o++] = (byte) (pixel >>> r);
        row[o++] = (byte) (pixel >>> g);
        row[o++] = (byte) (pixel >>> b);
      }
    };
  }

  /**
   * Any other sample layout, e.g. 16-bit PNGs: the high byte, as Pillow's "RGB;16B" unpacker does
   * for colour. For 16-bit grey this departs from Pillow on purpose: Pillow opens it as mode "I"
   * and {@code convert("RGB")} clips every value above 255, turning the photo almost white.
   */
  private static PillowResize.RowSource sampleRows(Raster raster, int[] bands) {
    int width = raster.getWidth();
    int[][] channels = new int[3][width];
    int[] bits = Arrays.stream(bands).map(b -> raster.getSampleModel().getSampleSize(b)).toArray();
    return (y, row) -> {
      for (int c = 0; c < 3; c++) {
        raster.getSamples(raster.getMinX(), raster.getMinY() + y, width, 1, bands[c], channels[c]);
      }
      for (int x = 0, o = 0; x < width; x++) {
        for (int c = 0; c < 3; c++) {
          int v = channels[c][x];
          row[o++] = (byte) (bits[c] >= 8 ? v >>> (bits[c] - 8) : v * 255 / ((1 << bits[c]) - 1));
        }
      }
    };
  }

  private static PillowResize.RowSource argbRows(BufferedImage image) {
    int width = image.getWidth();
    int[] argb = new int[width];
    return (y, row) -> {
      image.getRGB(0, y, width, 1, argb, 0, width);
      for (int x = 0, o = 0; x < width; x++) {
        row[o++] = (byte) (argb[x] >> 16);
        row[o++] = (byte) (argb[x] >> 8);
        row[o++] = (byte) argb[x];
      }
    };
  }
}
