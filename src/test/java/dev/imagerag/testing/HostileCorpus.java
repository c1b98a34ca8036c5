package dev.imagerag.testing;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Every kind of file that can hurt an importer, generated on the spot, with what should happen to
 * each: imported, or skipped with a given reason. Large ones cost no disk (sparse) or little
 * (solid colours compress to almost nothing).
 */
public final class HostileCorpus {
  /** What the importer must do with a file: import it, or skip it with this reason id. */
  public record Expectation(String path, String outcome) {}

  private final Path dir;
  private final Map<String, String> expected = new LinkedHashMap<>();

  private HostileCorpus(Path dir) {
    this.dir = dir;
  }

  public static HostileCorpus create(Path dir) {
    HostileCorpus corpus = new HostileCorpus(dir);
    try {
      corpus.build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return corpus;
  }

  /** Expected outcome per absolute path: "imported" or a skip reason id ("corrupt", ...). */
  public Map<String, String> expected() {
    return expected;
  }

  private Path file(String name, String outcome) throws IOException {
    Path path = dir.resolve(name);
    Files.createDirectories(path.getParent());
    expected.put(path.toAbsolutePath().normalize().toString(), outcome);
    return path;
  }

  private void build() throws IOException {
    Files.write(file("zero-bytes.jpg", "empty_file"), new byte[0]);
    Files.writeString(file("text-renamed.png", "not_an_image"), "<html><body>not a picture</body></html>\n");
    Path whole = TestImages.jpeg(dir.resolve("tmp-whole.jpg"), 800, 600, 1);
    TestImages.truncated(whole, file("truncated.jpg", "corrupt"), 3000);
    Path wholePng = TestImages.png(dir.resolve("tmp-whole.png"), 300, 300, 2);
    TestImages.truncated(wholePng, file("truncated.png", "corrupt"), 2000);
    Files.delete(whole);
    Files.delete(wholePng);
    TestImages.pngClaiming(file("bomb-60000.png", "too_many_pixels"), 60000, 60000);
    realHugePng(file("real-20000x20000.png", "too_many_pixels"), 20000, 20000);
    try (RandomAccessFile sparse = new RandomAccessFile(file("sparse-4gb.jpg", "file_too_large").toFile(), "rw")) {
      sparse.setLength(4L << 30);
    }
    TestImages.cmykJpeg(file("cmyk.jpg", "imported"), cmykRaster());
    Files.write(file("gray-16bit.png", "imported"), png16());
    List<BufferedImage> frames = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      frames.add(TestImages.filled(32, 32, new java.awt.Color((i * 37) % 255, (i * 11) % 255, (i * 5) % 255)));
    }
    TestImages.animatedGif(file("animated-300-frames.gif", "imported"), frames);
    multiPageTiff(file("multi-page.tiff", "imported"));
    Files.writeString(file("drawing.svg", "unsupported_format"),
        "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>");
    Files.writeString(file("xxe.svg", "unsupported_format"), """
        <?xml version="1.0"?>
        <!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <svg xmlns="http://www.w3.org/2000/svg"><text>&xxe;</text></svg>
        """);
    Files.write(file("photo.heic", "unsupported_format"),
        ("\0\0\0\u0018ftypheic\0\0\0\0mif1heic" + "x".repeat(100)).getBytes(StandardCharsets.ISO_8859_1));
    TestImages.jpegWithExif(file("exif-rotated.jpg", "imported"), TestImages.picture(300, 100, 3), 6, null);
    TestImages.png(file("one-pixel.png", "imported"), 1, 1, 4);
    TestImages.png(file("strip-10000x100.png", "imported"), 10000, 100, 5);
    TestImages.jpeg(file("name with spaces.jpg", "imported"), 50, 40, 6);
    TestImages.jpeg(file("ünïcødé-名前-🙂.jpg", "imported"), 50, 40, 7);
    TestImages.jpeg(file("-leading-dash.jpg", "imported"), 50, 40, 8);
    TestImages.jpeg(file("new\nline.jpg", "imported"), 50, 40, 9);
    Path loopDir = Files.createDirectories(dir.resolve("loop"));
    TestImages.jpeg(file("loop/inside.jpg", "imported"), 50, 40, 10);
    Path link = loopDir.resolve("back");
    Files.createSymbolicLink(link, loopDir);
    expected.put(link.toAbsolutePath().normalize().toString(), "symlink_loop");
    Path deep = dir;
    for (int i = 0; i < 50; i++) {
      deep = deep.resolve("d" + i);
    }
    TestImages.jpeg(file(dir.relativize(deep.resolve("deep.jpg")).toString(), "imported"), 50, 40, 11);
    Path unreadable = TestImages.jpeg(file("unreadable.jpg", "imported"), 50, 40, 12);
    Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
    if (!Files.isReadable(unreadable)) {
      expected.put(unreadable.toAbsolutePath().normalize().toString(), "unreadable");
    }
  }

  /** A valid PNG of width×height black pixels, written row by row (never in memory at once). */
  static void realHugePng(Path file, int width, int height) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
      ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
          .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
      chunk(out, "IHDR", ihdr.array());
      ByteArrayOutputStream compressed = new ByteArrayOutputStream();
      try (DeflaterOutputStream deflate = new DeflaterOutputStream(compressed, new Deflater(9))) {
        byte[] row = new byte[width + 1];
        for (int y = 0; y < height; y++) {
          deflate.write(row);
        }
      }
      chunk(out, "IDAT", compressed.toByteArray());
      chunk(out, "IEND", new byte[0]);
    }
  }

  private static void chunk(OutputStream out, String type, byte[] data) throws IOException {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.write(ByteBuffer.allocate(4).putInt(data.length).array());
    out.write(t);
    out.write(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  private static java.awt.image.Raster cmykRaster() {
    java.awt.image.WritableRaster raster = java.awt.image.Raster.createInterleavedRaster(
        DataBuffer.TYPE_BYTE, 64, 48, 4, null);
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        raster.setPixel(x, y, new int[] {x * 4, y * 5, 40, 10});
      }
    }
    return raster;
  }

  private static byte[] png16() throws IOException {
    BufferedImage gray = new BufferedImage(40, 30, BufferedImage.TYPE_USHORT_GRAY);
    for (int y = 0; y < 30; y++) {
      for (int x = 0; x < 40; x++) {
        gray.getRaster().setSample(x, y, 0, (x * 1600) + y);
      }
    }
    return TestImages.encode(gray, "png");
  }

  private static void multiPageTiff(Path file) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(out);
      writer.prepareWriteSequence(null);
      for (int page = 0; page < 3; page++) {
        writer.writeToSequence(new IIOImage(TestImages.picture(60, 40, page), null, null), null);
      }
      writer.endWriteSequence();
    } finally {
      writer.dispose();
    }
  }
}
