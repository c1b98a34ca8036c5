package dev.imagerag.infra.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.imagerag.domain.ImageFormat;
import dev.imagerag.domain.SkipReason;
import dev.imagerag.logic.ingest.DecodeException;
import dev.imagerag.logic.ingest.DecodedImage;
import dev.imagerag.logic.ingest.ImageHeader;
import dev.imagerag.support.Deadline;
import dev.imagerag.testing.TestImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferUShort;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TimeZone;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ImageIO decoder against real files written in the test. JPEG is lossy, so colours are
 * compared with {@link #TOLERANCE} on flat blocks aligned to the 16-pixel JPEG blocks.
 */
class ImageIoDecoderTest {
  private static final int TOLERANCE = 40;
  private static final int RED = 0xFF0000;
  private static final int BLUE = 0x0000FF;
  private static final int WHITE = 0xFFFFFF;
  /** Slow enough to decode (seconds) that only an abort makes a call return within a second. */
  private static final int SLOW_SIDE = 30_000;

  @TempDir Path dir;
  private final ImageIoDecoder decoder = new ImageIoDecoder();

  // ---- probe ----------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @CsvSource({"jpeg, JPEG", "png, PNG", "gif, GIF", "bmp, BMP", "tiff, TIFF"})
  void probeReadsTheFormatAndStoredSize(String writerFormat, ImageFormat expected) throws DecodeException {
    Path file = TestImages.write(
        TestImages.picture(37, 23, 1), writerFormat, dir.resolve("image." + writerFormat));

    assertThat(decoder.probe(file, roomyDeadline())).isEqualTo(new ImageHeader(expected, 37, 23));
  }

  @Test
  void probeReadsTheFormatAndSizeOfAWebp() throws DecodeException {
    Path file = TestImages.webp(dir.resolve("tiny.webp"));

    assertThat(decoder.probe(file, roomyDeadline())).isEqualTo(new ImageHeader(ImageFormat.WEBP, 1, 1));
  }

  @Test
  void probeReturnsTheClaimedSizeOfAHugePngQuicklyWithoutDecodingIt() throws DecodeException {
    Path file = TestImages.pngClaiming(dir.resolve("bomb.png"), 60_000, 60_000);

    long start = System.nanoTime();
    ImageHeader header = decoder.probe(file, roomyDeadline());
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    // 60000×60000 RGB pixels need 10.8 GB, far above the test heap: returning proves no allocation.
    assertThat(header).isEqualTo(new ImageHeader(ImageFormat.PNG, 60_000, 60_000));
    assertThat(header.pixels()).isEqualTo(3_600_000_000L);
    assertThat(elapsed).isLessThan(Duration.ofSeconds(1));
  }

  // ---- decode: formats ------------------------------------------------------------------

  @Test
  void decodeReadsTheTinyLosslessWebp() throws DecodeException {
    Path file = TestImages.webp(dir.resolve("tiny.webp"));

    DecodedImage decoded = decoder.decode(file, 320, roomyDeadline());

    assertThat(decoded.width()).isEqualTo(1);
    assertThat(decoded.height()).isEqualTo(1);
    assertThat(decoded.pixels().getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    assertThat(decoded.pixels().getWidth()).isEqualTo(1);
  }

  @Test
  void decodeConvertsA16BitGrayPngToRgbWithoutShiftingTheGrayLevel() throws DecodeException, IOException {
    BufferedImage gray = new BufferedImage(32, 16, BufferedImage.TYPE_USHORT_GRAY);
    Arrays.fill(((DataBufferUShort) gray.getRaster().getDataBuffer()).getData(), (short) 0x8080);
    Path file = TestImages.write(gray, "png", dir.resolve("gray16.png"));
    assertThat(Files.readAllBytes(file)[24]).as("IHDR bit depth of the fixture").isEqualTo((byte) 16);

    DecodedImage decoded = decoder.decode(file, 320, roomyDeadline());

    assertThat(decoded.pixels().getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    assertThat(distance(decoded.pixels().getRGB(5, 5), 0x808080)).isLessThanOrEqualTo(2);
  }

  @Test
  void decodeTurnsTransparentPaletteEntriesWhite() throws DecodeException {
    // Index 0 is opaque red, index 1 is fully transparent; the right half uses index 1.
    IndexColorModel palette = new IndexColorModel(8, 2,
        new byte[] {(byte) 255, 0}, new byte[] {0, 0}, new byte[] {0, (byte) 255}, 1);
    BufferedImage image = new BufferedImage(32, 16, BufferedImage.TYPE_BYTE_INDEXED, palette);
    for (int y = 0; y < 16; y++) {
      for (int x = 16; x < 32; x++) {
        image.getRaster().setSample(x, y, 0, 1);
      }
    }
    Path file = TestImages.write(image, "png", dir.resolve("palette.png"));

    DecodedImage decoded = decoder.decode(file, 320, roomyDeadline());

    assertThat(decoded.pixels().getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    assertThat(rgb(decoded.pixels(), 4, 8)).isEqualTo(RED);
    assertThat(rgb(decoded.pixels(), 28, 8)).isEqualTo(WHITE);
  }

  @Test
  void decodeReadsOnlyTheFirstFrameOfAnAnimatedGif() throws DecodeException, IOException {
    Path file = TestImages.animatedGif(dir.resolve("anim.gif"),
        List.of(TestImages.filled(30, 20, Color.RED), TestImages.filled(30, 20, Color.GREEN), TestImages.filled(30, 20, Color.BLUE)));
    assertThat(frameCount(file)).as("frames in the fixture").isEqualTo(3);

    DecodedImage decoded = decoder.decode(file, 320, roomyDeadline());

    assertThat(decoded.pixels().getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    assertThat(decoded.width()).isEqualTo(30);
    assertThat(distance(decoded.pixels().getRGB(15, 10), RED)).isLessThanOrEqualTo(TOLERANCE);
  }

  @Test
  void decodeConvertsACmykJpegToRgb() throws DecodeException {
    // Left half full cyan ink, right half full magenta ink.
    WritableRaster ink = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 64, 32, 4, null);
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 64; x++) {
        ink.setSample(x, y, x < 32 ? 0 : 1, 255);
      }
    }
    Path file = TestImages.cmykJpeg(dir.resolve("cmyk.jpg"), ink);

    DecodedImage decoded = decoder.decode(file, 320, roomyDeadline());

    assertThat(decoded.pixels().getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    Color left = new Color(decoded.pixels().getRGB(8, 16));
    Color right = new Color(decoded.pixels().getRGB(56, 16));
    assertThat(left.getRed()).as("cyan: little red in %s", left).isLessThan(96);
    assertThat(Math.min(left.getGreen(), left.getBlue())).as("cyan: green and blue in %s", left)
        .isGreaterThan(128);
    assertThat(right.getGreen()).as("magenta: little green in %s", right).isLessThan(96);
    assertThat(Math.min(right.getRed(), right.getBlue())).as("magenta: red and blue in %s", right)
        .isGreaterThan(128);
  }

  // ---- decode: size and orientation -----------------------------------------------------

  @Test
  void decodeSubsamplesALargeImageButReportsItsFullSize() throws DecodeException {
    Path file = TestImages.jpeg(dir.resolve("large.jpg"), 4000, 3000, 3);

    DecodedImage decoded = decoder.decode(file, 320, roomyDeadline());

    int longSide = Math.max(decoded.pixels().getWidth(), decoded.pixels().getHeight());
    assertThat(longSide).isBetween(320, 1000);
    assertThat(decoded.pixels().getWidth()).isGreaterThan(decoded.pixels().getHeight());
    assertThat(decoded.width()).isEqualTo(4000);
    assertThat(decoded.height()).isEqualTo(3000);
  }

  /**
   * The stored 64×32 picture is blue with a red top-left quadrant. After orientation, the red
   * quadrant must sit in {@code marked}; together with the swapped size this pins down each of
   * the eight transforms.
   */
  @ParameterizedTest(name = "orientation {0}")
  @CsvSource({
      "1, 64, 32, TOP_LEFT",
      "2, 64, 32, TOP_RIGHT",
      "3, 64, 32, BOTTOM_RIGHT",
      "4, 64, 32, BOTTOM_LEFT",
      "5, 32, 64, TOP_LEFT",
      "6, 32, 64, TOP_RIGHT",
      "7, 32, 64, BOTTOM_RIGHT",
      "8, 32, 64, BOTTOM_LEFT"})
  void decodeTurnsEachExifOrientationUpright(int orientation, int width, int height, Corner marked)
      throws DecodeException {
    BufferedImage stored = TestImages.filled(64, 32, Color.BLUE);
    Graphics2D g = stored.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(0, 0, 32, 16);
    g.dispose();
    Path file = TestImages.jpegWithExif(dir.resolve("o" + orientation + ".jpg"), stored, orientation, null);

    DecodedImage decoded = decoder.decode(file, 320, roomyDeadline());

    assertThat(decoded.pixels().getWidth()).isEqualTo(width);
    assertThat(decoded.pixels().getHeight()).isEqualTo(height);
    assertThat(decoded.width()).isEqualTo(width);
    assertThat(decoded.height()).isEqualTo(height);
    for (Corner corner : Corner.values()) {
      int expected = corner == marked ? RED : BLUE;
      assertThat(distance(corner.rgb(decoded.pixels()), expected))
          .as("%s corner is %06X", corner, corner.rgb(decoded.pixels()))
          .isLessThanOrEqualTo(TOLERANCE);
    }
  }

  // ---- decode: EXIF capture time --------------------------------------------------------

  @Test
  void decodeReadsDateTimeOriginalAsLocalTimeOfTheDefaultZone() throws DecodeException {
    // A zone with a quarter-hour offset: a decoder assuming UTC (the CI default) would be caught.
    ZoneId zone = ZoneId.of("Asia/Kathmandu");
    TimeZone original = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone(zone));
    try {
      Path file = TestImages.jpegWithExif(dir.resolve("dated.jpg"), TestImages.picture(40, 20, 1), 1,
          "2021:06:15 14:30:05");

      DecodedImage decoded = decoder.decode(file, 320, roomyDeadline());

      assertThat(decoded.capturedAt())
          .isEqualTo(LocalDateTime.of(2021, 6, 15, 14, 30, 5).atZone(zone).toInstant());
    } finally {
      TimeZone.setDefault(original);
    }
  }

  @Test
  void decodeOfAnImageWithoutExifHasNoCaptureTime() throws DecodeException {
    Path file = TestImages.jpeg(dir.resolve("plain.jpg"), 40, 20, 1);

    assertThat(decoder.decode(file, 320, roomyDeadline()).capturedAt()).isNull();
  }

  @Test
  void decodeIgnoresDamagedExifAndKeepsThePixels() throws DecodeException {
    // "Exif" header, a TIFF header whose first IFD lies far outside the segment, then noise.
    byte[] noise = new byte[200];
    new Random(3).nextBytes(noise);
    byte[] payload = ByteBuffer.allocate(6 + 8 + noise.length)
        .put("Exif\0\0".getBytes(StandardCharsets.US_ASCII))
        .put(new byte[] {'M', 'M', 0x00, 0x2A}).putInt(0x7FFF_FFF0)
        .put(noise).array();
    Path file = TestImages.jpegWithSegment(dir.resolve("bad-exif.jpg"), TestImages.filled(40, 20, Color.RED),
        TestImages.jpegSegment(0xE1, payload));

    DecodedImage decoded = decoder.decode(file, 320, roomyDeadline());

    assertThat(decoded.width()).isEqualTo(40);
    assertThat(decoded.height()).isEqualTo(20);
    assertThat(decoded.capturedAt()).isNull();
    assertThat(distance(decoded.pixels().getRGB(20, 10), RED)).isLessThanOrEqualTo(TOLERANCE);
  }

  // ---- decode: broken files -------------------------------------------------------------

  @Test
  void decodeOfAJpegCutInItsImageDataIsCorruptAndSaysSo() throws IOException {
    Path whole = TestImages.jpeg(dir.resolve("whole.jpg"), 800, 600, 1);
    Path cut = TestImages.truncated(whole, dir.resolve("cut.jpg"), (int) (Files.size(whole) / 2));

    DecodeException e = decodeFailure(cut, roomyDeadline());

    assertThat(e.skip().reason()).isEqualTo(SkipReason.CORRUPT);
    assertThat(e.getMessage().toLowerCase(Locale.ROOT)).containsAnyOf("truncat", "damage");
  }

  @Test
  void decodeOfAPngCutInItsImageDataIsCorruptAndSaysSo() throws IOException {
    Path whole = TestImages.png(dir.resolve("whole.png"), 800, 600, 1);
    Path cut = TestImages.truncated(whole, dir.resolve("cut.png"), (int) (Files.size(whole) / 2));

    DecodeException e = decodeFailure(cut, roomyDeadline());

    assertThat(e.skip().reason()).isEqualTo(SkipReason.CORRUPT);
    assertThat(e.getMessage().toLowerCase(Locale.ROOT)).containsAnyOf("truncat", "damage");
  }

  @Test
  void decodeOfRandomBytesBehindAJpegSignatureIsCorrupt() {
    byte[] bytes = new byte[4096];
    new Random(0).nextBytes(bytes);
    bytes[0] = (byte) 0xFF;
    bytes[1] = (byte) 0xD8;
    bytes[2] = (byte) 0xFF;
    Path file = TestImages.bytes(dir.resolve("noise.jpg"), bytes);

    DecodeException e = decodeFailure(file, roomyDeadline());

    assertThat(e.skip().reason()).isEqualTo(SkipReason.CORRUPT);
  }

  @Test
  void decodeOfATextFileThrowsADecodeException() throws IOException {
    Path file = Files.writeString(dir.resolve("notes.png"), "this is text, not a picture\n");

    assertThatThrownBy(() -> decoder.decode(file, 320, roomyDeadline())).isInstanceOf(DecodeException.class);
  }

  // ---- decode: deadline -----------------------------------------------------------------

  @Test
  void decodeWithAnExpiredDeadlineTimesOutWithoutDecoding() throws InterruptedException {
    Path file = TestImages.blackPng(dir.resolve("slow.png"), SLOW_SIDE, SLOW_SIDE);
    Deadline deadline = Deadline.after(Duration.ofMillis(1));
    Thread.sleep(20);

    long start = System.nanoTime();
    DecodeException e = decodeFailure(file, deadline);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    assertThat(e.skip().reason()).isEqualTo(SkipReason.TIMED_OUT);
    assertThat(elapsed).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void decodeStopsWhenTheDeadlinePassesWhileDecoding() {
    Path file = TestImages.blackPng(dir.resolve("slow.png"), SLOW_SIDE, SLOW_SIDE);
    Deadline deadline = Deadline.after(Duration.ofMillis(200));

    long start = System.nanoTime();
    DecodeException e = decodeFailure(file, deadline);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    assertThat(e.skip().reason()).isEqualTo(SkipReason.TIMED_OUT);
    assertThat(elapsed).isLessThan(Duration.ofSeconds(2));
  }

  // ---- helpers --------------------------------------------------------------------------

  enum Corner {
    TOP_LEFT(false, false), TOP_RIGHT(true, false), BOTTOM_LEFT(false, true), BOTTOM_RIGHT(true, true);

    /** Far enough inside to avoid JPEG ringing at the image edge. */
    private static final int INSET = 4;
    private final boolean right;
    private final boolean bottom;

    Corner(boolean right, boolean bottom) {
      this.right = right;
      this.bottom = bottom;
    }

    int rgb(BufferedImage image) {
      int x = right ? image.getWidth() - 1 - INSET : INSET;
      int y = bottom ? image.getHeight() - 1 - INSET : INSET;
      return ImageIoDecoderTest.rgb(image, x, y);
    }
  }

  private static Deadline roomyDeadline() {
    return Deadline.after(Duration.ofSeconds(30));
  }

  private static int rgb(BufferedImage image, int x, int y) {
    return image.getRGB(x, y) & 0xFFFFFF;
  }

  /** The largest difference of one channel, 0–255. */
  private static int distance(int rgb, int expected) {
    int max = 0;
    for (int shift = 0; shift <= 16; shift += 8) {
      max = Math.max(max, Math.abs(((rgb >> shift) & 0xFF) - ((expected >> shift) & 0xFF)));
    }
    return max;
  }

  private DecodeException decodeFailure(Path file, Deadline deadline) {
    DecodeException e =
        catchThrowableOfType(DecodeException.class, () -> decoder.decode(file, 320, deadline));
    assertThat(e).as("decoding %s must fail", file.getFileName()).isNotNull();
    return e;
  }

  private static int frameCount(Path file) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      ImageReader reader = ImageIO.getImageReaders(in).next();
      try {
        reader.setInput(in);
        return reader.getNumImages(true);
      } finally {
        reader.dispose();
      }
    }
  }
}
