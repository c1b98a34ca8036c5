package dev.imagerag.logic.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Byte-for-byte agreement with Pillow 9.4's {@code Image.resize(size, Image.BICUBIC)}. The golden
 * images come from {@code src/test/resources/preprocess/make_golden.py}.
 */
class PillowResizeTest {
  private static final Pattern GOLDEN = Pattern.compile("(.+_(\\d+)x(\\d+))_(?:to_(\\d+)x(\\d+)|siglip(\\d+))");

  @ParameterizedTest
  @ValueSource(strings = {
      "photo_1000x700_siglip224", "photo_1000x700_to_320x224", "photo_1000x700_to_97x61",
      "text_640x480_siglip224", "text_640x480_to_298x224", "text_640x480_to_200x333",
      "noise_50x30_siglip224", "noise_50x30_to_123x77",
      "stripes_333x517_siglip224", "stripes_333x517_to_224x347",
      "wide_900x120_siglip224", "exact_224x300_siglip224", "gray_257x389_to_13x500"})
  void matchesPillowPixelForPixel(String golden) {
    Matcher m = GOLDEN.matcher(golden);
    assertThat(m.matches()).as(golden).isTrue();
    int width = Integer.parseInt(m.group(2));
    int height = Integer.parseInt(m.group(3));
    int newWidth = Integer.parseInt(m.group(4) != null ? m.group(4) : m.group(6));
    int newHeight = Integer.parseInt(m.group(5) != null ? m.group(5) : m.group(6));
    byte[] source = rgb(load("inputs/" + m.group(1) + ".png"));

    byte[] resized = PillowResize.resize(source, width, height, newWidth, newHeight);

    assertThat(maxDifference(resized, rgb(load("pillow/" + golden + ".png")))).as(golden).isZero();
  }

  @Test
  void aWindowIsTheSameRegionOfTheFullResize() {
    byte[] source = rgb(load("inputs/photo_1000x700.png"));
    byte[] full = PillowResize.resize(source, 1000, 700, 320, 224);
    PillowResize.RowSource rows = (y, row) -> System.arraycopy(source, 3000 * y, row, 0, 3000);

    byte[] window = PillowResize.resizeWindow(rows, 1000, 700, 320, 224, 48, 30, 200, 150);

    byte[] expected = new byte[3 * 200 * 150];
    for (int y = 0; y < 150; y++) {
      System.arraycopy(full, 3 * (320 * (y + 30) + 48), expected, 3 * 200 * y, 3 * 200);
    }
    assertThat(window).isEqualTo(expected);
  }

  @Test
  void theSameSizeReturnsTheSourceUnchanged() {
    byte[] source = rgb(load("inputs/noise_50x30.png"));

    assertThat(PillowResize.resize(source, 50, 30, 50, 30)).isEqualTo(source);
  }

  @Test
  void onlyTheRowsTheOutputNeedsAreRead() {
    byte[] source = rgb(load("inputs/photo_1000x700.png"));
    boolean[] read = new boolean[700];
    PillowResize.RowSource rows = (y, row) -> {
      read[y] = true;
      System.arraycopy(source, 3000 * y, row, 0, 3000);
    };

    PillowResize.resizeWindow(rows, 1000, 700, 224, 224, 0, 0, 224, 10);

    assertThat(read[0]).isTrue();
    assertThat(read[699]).isFalse();
  }

  @Test
  void theBicubicKernelIsKeysWithAMinusOneHalf() {
    assertThat(PillowResize.bicubic(0)).isEqualTo(1.0);
    assertThat(PillowResize.bicubic(0.5)).isEqualTo(0.5625);
    assertThat(PillowResize.bicubic(-1.5)).isEqualTo(-0.0625);
    assertThat(PillowResize.bicubic(1)).isZero();
    assertThat(PillowResize.bicubic(2)).isZero();
  }

  @Test
  void downscalingAveragesAOnePixelCheckerboardToGrey() {
    int size = 400;
    byte[] checkerboard = new byte[3 * size * size];
    for (int i = 0; i < size * size; i++) {
      Arrays.fill(checkerboard, 3 * i, 3 * i + 3, (byte) (((i / size + i % size) % 2) * 255));
    }

    byte[] small = PillowResize.resize(checkerboard, size, size, 100, 100);

    for (int i = 20 * 300; i < 80 * 300; i++) { // away from the borders, where the kernel is cut
      assertThat(small[i] & 0xFF).isCloseTo(128, within(2));
    }
  }

  @Test
  void java2dBicubicDiffersMeasurablyFromPillow() {
    // Why this port exists: Java2D's bicubic does not widen its kernel when downscaling, so it
    // aliases and lands far from the pixels the models were trained on.
    // On the text-like test image it is off by about 21 levels on average (211 at worst).
    BufferedImage text = load("inputs/text_640x480.png");
    BufferedImage java2d = new BufferedImage(224, 224, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = java2d.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    g.drawImage(text, 0, 0, 224, 224, null);
    g.dispose();
    byte[] pillow = rgb(load("pillow/text_640x480_siglip224.png"));
    byte[] ours = PillowResize.resize(rgb(text), 640, 480, 224, 224);

    assertThat(meanDifference(rgb(java2d), pillow)).isGreaterThan(10.0);
    assertThat(maxDifference(rgb(java2d), pillow)).isGreaterThan(100);
    assertThat(maxDifference(ours, pillow)).isZero();
  }

  @Test
  void rejectsABufferThatDoesNotMatchTheSize() {
    assertThatThrownBy(() -> PillowResize.resize(new byte[10], 2, 2, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected 12 bytes for 2x2, got 10");
  }

  @Test
  void rejectsAWindowOutsideTheOutput() {
    assertThatThrownBy(() -> PillowResize.resizeWindow((y, row) -> { }, 10, 10, 5, 5, 2, 0, 4, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("leaves the 5x5 output");
  }

  // ---- helpers --------------------------------------------------------------------------------

  static BufferedImage load(String resource) {
    try (InputStream in = PillowResizeTest.class.getResourceAsStream("/preprocess/" + resource)) {
      assertThat(in).as(resource).isNotNull();
      return ImageIO.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Interleaved RGB bytes of a decoded PNG: grey copied to R, G, B; alpha dropped. */
  static byte[] rgb(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int bands = image.getRaster().getNumBands();
    int[] samples = image.getRaster().getPixels(0, 0, w, h, (int[]) null);
    byte[] rgb = new byte[3 * w * h];
    for (int i = 0; i < w * h; i++) {
      for (int c = 0; c < 3; c++) {
        rgb[3 * i + c] = (byte) samples[bands * i + (bands < 3 ? 0 : c)];
      }
    }
    return rgb;
  }

  static int maxDifference(byte[] a, byte[] b) {
    assertThat(a).hasSameSizeAs(b);
    int max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs((a[i] & 0xFF) - (b[i] & 0xFF)));
    }
    return max;
  }

  private static double meanDifference(byte[] a, byte[] b) {
    long sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
    }
    return (double) sum / a.length;
  }
}
