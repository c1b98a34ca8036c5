package dev.imagerag.logic.embed;

import static dev.imagerag.logic.embed.PillowResizeTest.load;
import static dev.imagerag.logic.embed.PillowResizeTest.maxDifference;
import static dev.imagerag.logic.embed.PillowResizeTest.rgb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.imagerag.logic.embed.ModelManifest.ImageSpec;
import dev.imagerag.logic.embed.ModelManifest.ResizeRule;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Agreement with Hugging Face's CLIPImageProcessor and SiglipImageProcessor, as restated in numpy
 * by {@code src/test/resources/preprocess/make_golden.py} over Pillow 9.4.
 */
class ImagePreprocessorTest {
  private static final float[] CLIP_MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
  private static final float[] CLIP_STD = {0.26862954f, 0.26130258f, 0.27577711f};
  private static final float[] SIGLIP_HALF = {0.5f, 0.5f, 0.5f};
  private static final List<String> CASES = List.of("photo_1000x700", "text_640x480", "noise_50x30",
      "stripes_333x517", "wide_900x120", "exact_224x300", "rgba_301x199", "gray_257x389");

  // ---- against the reference pipeline ---------------------------------------------------------

  static Stream<Arguments> everyCaseUnderBothRules() {
    return CASES.stream().flatMap(name -> Stream.of(Arguments.of(name, "clip"), Arguments.of(name, "siglip")));
  }

  @ParameterizedTest
  @MethodSource("everyCaseUnderBothRules")
  void preparedPixelsMatchTheReference(String name, String rule) {
    BufferedImage prepared = ImagePreprocessor.prepared(load("inputs/" + name + ".png"), spec(rule, 224));

    assertThat(maxDifference(rgb(prepared), rgb(load("pillow/" + name + "_" + rule + "224.png")))).isZero();
  }

  @ParameterizedTest
  @CsvSource({"photo_1000x700, clip", "text_640x480, siglip"})
  void theWholeTensorMatchesNumpy(String name, String rule) {
    float[] expected = floats(bytes("tensors/" + name + "_" + rule + "_64.bin"));

    float[] tensor = ImagePreprocessor.toTensor(load("inputs/" + name + ".png"), spec(rule, 64));

    assertThat(tensor).hasSameSizeAs(expected);
    for (int i = 0; i < tensor.length; i++) {
      assertThat(tensor[i]).as("value %d", i).isCloseTo(expected[i], within(1e-6f));
    }
  }

  @ParameterizedTest
  @CsvSource({"photo_1000x700, clip", "rgba_301x199, siglip", "gray_257x389, clip"})
  void sampledValuesAndChannelSumsMatchNumpyAt224(String name, String rule) {
    float[] tensor = ImagePreprocessor.toTensor(load("inputs/" + name + ".png"), spec(rule, 224));

    String golden = new String(bytes("tensors/" + name + "_" + rule + "_224.txt"), StandardCharsets.UTF_8);
    int plane = 224 * 224;
    for (String line : golden.split("\n")) {
      String[] f = line.split(" ");
      if (f[0].equals("sum")) {
        int c = Integer.parseInt(f[1]);
        double sum = 0;
        for (int i = c * plane; i < (c + 1) * plane; i++) {
          sum += tensor[i];
        }
        assertThat(sum).as("channel %d sum", c).isCloseTo(Double.parseDouble(f[2]), within(1e-3));
      } else if (!f[0].equals("#")) {
        int i = Integer.parseInt(f[0]);
        assertThat(tensor[i]).as("value %d", i).isCloseTo(Float.parseFloat(f[1]), within(1e-6f));
      }
    }
  }

  // ---- geometry -------------------------------------------------------------------------------

  @Test
  void clipKeepsTheAspectRatioAndTruncatesTheLongSide() {
    ImageSpec clip = spec("clip", 224);

    assertThat(ImagePreprocessor.plan(1000, 700, clip)).isEqualTo(new ImagePreprocessor.Plan(320, 224, 48, 0));
    // 224 * 517 / 333 = 347.77: truncated, then (347 - 224) // 2 = 61
    assertThat(ImagePreprocessor.plan(333, 517, clip)).isEqualTo(new ImagePreprocessor.Plan(224, 347, 0, 61));
    assertThat(ImagePreprocessor.plan(50, 30, clip)).isEqualTo(new ImagePreprocessor.Plan(373, 224, 74, 0));
  }

  @Test
  void clipCropsTheMiddleOfALandscapeImage() {
    BufferedImage image = new BufferedImage(448, 224, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(0, 0, 112, 224);
    g.setColor(Color.BLUE);
    g.fillRect(112, 0, 224, 224);
    g.setColor(Color.GREEN);
    g.fillRect(336, 0, 112, 224);
    g.dispose();

    BufferedImage prepared = ImagePreprocessor.prepared(image, spec("clip", 224));

    assertThat(distinctColours(prepared)).containsExactly(Color.BLUE.getRGB());
  }

  @Test
  void siglipSquashesTheWholeImageIntoTheSquare() {
    BufferedImage image = new BufferedImage(600, 100, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(0, 0, 150, 100);
    g.setColor(Color.BLUE);
    g.fillRect(150, 0, 450, 100);
    g.dispose();

    BufferedImage prepared = ImagePreprocessor.prepared(image, spec("siglip", 224));

    assertThat(prepared.getWidth()).isEqualTo(224);
    assertThat(prepared.getRGB(0, 0)).isEqualTo(Color.RED.getRGB());
    assertThat(prepared.getRGB(50, 223)).isEqualTo(Color.RED.getRGB());
    assertThat(prepared.getRGB(223, 112)).isEqualTo(Color.BLUE.getRGB());
  }

  // ---- normalisation --------------------------------------------------------------------------

  @Test
  void openAiClipDefaultsMapBlackAndWhiteToThePublishedExtremes() {
    ImageSpec clip = spec("clip", 8);

    float[] black = ImagePreprocessor.toTensor(filled(16, 16, Color.BLACK), clip);
    float[] white = ImagePreprocessor.toTensor(filled(16, 16, Color.WHITE), clip);

    assertThat(channels(black)).containsExactly(
        new float[] {-1.7922626f, -1.7520971f, -1.4802198f}, within(1e-6f));
    assertThat(channels(white)).containsExactly(
        new float[] {1.9303361f, 2.0748837f, 2.1458969f}, within(1e-6f));
  }

  @Test
  void siglipDefaultsMapBytesOntoMinusOneToOne() {
    ImageSpec siglip = spec("siglip", 8);

    assertThat(channels(ImagePreprocessor.toTensor(filled(16, 16, Color.BLACK), siglip)))
        .containsExactly(-1f, -1f, -1f);
    assertThat(channels(ImagePreprocessor.toTensor(filled(16, 16, Color.WHITE), siglip)))
        .containsExactly(1f, 1f, 1f);
    assertThat(channels(ImagePreprocessor.toTensor(filled(16, 16, new Color(128, 128, 128)), siglip)))
        .containsExactly(new float[] {0.003921628f, 0.003921628f, 0.003921628f}, within(1e-9f));
  }

  @Test
  void theTensorIsChannelsFirst() {
    float[] tensor = ImagePreprocessor.toTensor(filled(10, 10, new Color(255, 0, 128)), spec("siglip", 8));

    assertThat(tensor).hasSize(3 * 8 * 8);
    assertThat(Arrays.copyOfRange(tensor, 0, 64)).containsOnly(1f);
    assertThat(Arrays.copyOfRange(tensor, 64, 128)).containsOnly(-1f);
    assertThat(tensor[128]).isCloseTo(0.003921628f, within(1e-9f));
  }

  @Test
  void aBatchSlotIsWrittenAndNothingElse() {
    BufferedImage image = load("inputs/photo_1000x700.png");
    ImageSpec clip = spec("clip", 16);
    float[] batch = new float[3 * 768];
    Arrays.fill(batch, Float.NaN);

    ImagePreprocessor.writeTensor(image, clip, batch, 1);

    assertThat(Arrays.copyOfRange(batch, 768, 1536)).containsExactly(ImagePreprocessor.toTensor(image, clip));
    assertThat(Arrays.copyOfRange(batch, 0, 768)).containsOnly(Float.NaN);
    assertThat(Arrays.copyOfRange(batch, 1536, 2304)).containsOnly(Float.NaN);
  }

  @Test
  void rejectsASlotOutsideTheBatch() {
    assertThatThrownBy(() -> ImagePreprocessor.writeTensor(filled(8, 8, Color.RED), spec("clip", 8),
        new float[2 * 192], 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("image 2 does not fit a batch of 2 images");
  }

  // ---- pixel formats, as PIL's convert("RGB") -----------------------------------------------

  @Test
  void coloursUnderTransparentPixelsAreKept() {
    BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_ARGB);
    int[] pixels = new int[40 * 30];
    Arrays.fill(pixels, new Color(200, 100, 50, 0).getRGB());
    image.setRGB(0, 0, 40, 30, pixels, 0, 40);

    assertThat(distinctColours(ImagePreprocessor.prepared(image, spec("siglip", 16))))
        .containsExactly(new Color(200, 100, 50).getRGB());
  }

  @Test
  void greyIsCopiedToEveryChannelWithoutGammaConversion() {
    BufferedImage image = new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_GRAY);
    Arrays.fill(((DataBufferByte) image.getRaster().getDataBuffer()).getData(), (byte) 100);

    assertThat(distinctColours(ImagePreprocessor.prepared(image, spec("clip", 8))))
        .containsExactly(new Color(100, 100, 100).getRGB());
  }

  @Test
  void sixteenBitGreyUsesTheHighByte() {
    BufferedImage image = new BufferedImage(20, 20, BufferedImage.TYPE_USHORT_GRAY);
    Arrays.fill(((DataBufferUShort) image.getRaster().getDataBuffer()).getData(),
        (short) (100 * 257));

    assertThat(distinctColours(ImagePreprocessor.prepared(image, spec("clip", 8))))
        .containsExactly(new Color(100, 100, 100).getRGB());
  }

  @ParameterizedTest
  @ValueSource(ints = {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_INT_ARGB_PRE,
      BufferedImage.TYPE_INT_BGR, BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_4BYTE_ABGR_PRE})
  void everyPixelLayoutGivesTheSameResult(int type) {
    BufferedImage decoded = load("inputs/stripes_333x517.png");
    BufferedImage converted = new BufferedImage(decoded.getWidth(), decoded.getHeight(), type);
    Graphics2D g = converted.createGraphics();
    g.drawImage(decoded, 0, 0, null);
    g.dispose();

    assertThat(maxDifference(rgb(ImagePreprocessor.prepared(converted, spec("clip", 224))),
        rgb(load("pillow/stripes_333x517_clip224.png")))).isZero();
  }

  @ParameterizedTest
  @ValueSource(ints = {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_BYTE_GRAY})
  void aSubimageIsReadFromItsOwnCorner(int type) {
    BufferedImage whole = new BufferedImage(300, 200, type);
    Graphics2D g = whole.createGraphics();
    g.drawImage(load("inputs/photo_1000x700.png"), 0, 0, null);
    g.dispose();
    BufferedImage sub = whole.getSubimage(37, 21, 150, 170);
    BufferedImage copy = new BufferedImage(150, 170, type);
    copy.getRaster().setRect(sub.getRaster());

    assertThat(maxDifference(rgb(ImagePreprocessor.prepared(sub, spec("clip", 64))),
        rgb(ImagePreprocessor.prepared(copy, spec("clip", 64))))).isZero();
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static ImageSpec spec(String rule, int size) {
    boolean clip = rule.equals("clip");
    return new ImageSpec(size, clip ? ResizeRule.SHORTEST_SIDE_THEN_CENTER_CROP : ResizeRule.SQUASH,
        clip ? CLIP_MEAN : SIGLIP_HALF, clip ? CLIP_STD : SIGLIP_HALF, "pixel_values", "image_embeds");
  }

  private static BufferedImage filled(int width, int height, Color colour) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(colour);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return image;
  }

  /** The value of each channel of a tensor whose every plane is constant. */
  private static float[] channels(float[] tensor) {
    int plane = tensor.length / 3;
    for (int c = 0; c < 3; c++) {
      assertThat(Arrays.copyOfRange(tensor, c * plane, (c + 1) * plane)).containsOnly(tensor[c * plane]);
    }
    return new float[] {tensor[0], tensor[plane], tensor[2 * plane]};
  }

  private static int[] distinctColours(BufferedImage image) {
    return Arrays.stream(image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth()))
        .distinct().toArray();
  }

  private static byte[] bytes(String resource) {
    try (InputStream in = ImagePreprocessorTest.class.getResourceAsStream("/preprocess/" + resource)) {
      assertThat(in).as(resource).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static float[] floats(byte[] littleEndian) {
    float[] values = new float[littleEndian.length / 4];
    ByteBuffer.wrap(littleEndian).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    return values;
  }
}
