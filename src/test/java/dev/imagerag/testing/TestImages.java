package dev.imagerag.testing;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Real image files for tests: photos-like gradients with noise, rendered text, and damaged files. */
public final class TestImages {
  /** A 1×1 lossless WebP (VP8L), the smallest valid WebP there is. */
  private static final String TINY_WEBP = "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==";

  private TestImages() {}

  /** A photo-like picture: a gradient between two colours plus per-seed shapes and noise. */
  public static BufferedImage picture(int width, int height, long seed) {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setPaint(new GradientPaint(0, 0, new Color(random.nextInt(0xFFFFFF)), width, height,
          new Color(random.nextInt(0xFFFFFF))));
      g.fillRect(0, 0, width, height);
      for (int i = 0; i < 6; i++) {
        g.setColor(new Color(random.nextInt(0xFFFFFF)));
        g.fillOval(random.nextInt(Math.max(1, width)), random.nextInt(Math.max(1, height)),
            1 + random.nextInt(Math.max(1, width / 2)), 1 + random.nextInt(Math.max(1, height / 2)));
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  /** One flat colour, 8-bit RGB. */
  public static BufferedImage filled(int width, int height, Color color) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(color);
      g.fillRect(0, 0, width, height);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** A screenshot-like image with black text on white. */
  public static BufferedImage screenshot(String text, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 24));
      g.drawString(text, 10, height / 2);
    } finally {
      g.dispose();
    }
    return image;
  }

  public static Path write(BufferedImage image, String format, Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      if (!ImageIO.write(image, format, file.toFile())) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] encode(BufferedImage image, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path jpeg(Path file, int width, int height, long seed) {
    return write(picture(width, height, seed), "jpeg", file);
  }

  public static Path png(Path file, int width, int height, long seed) {
    return write(picture(width, height, seed), "png", file);
  }

  public static Path webp(Path file) {
    return bytes(file, Base64.getDecoder().decode(TINY_WEBP));
  }

  public static Path bytes(Path file, byte[] content) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, content);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first {@code keep} bytes of {@code source}, as a new file. */
  public static Path truncated(Path source, Path file, int keep) {
    try {
      byte[] all = Files.readAllBytes(source);
      byte[] part = new byte[Math.min(keep, all.length)];
      System.arraycopy(all, 0, part, 0, part.length);
      return bytes(file, part);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A PNG whose header claims {@code width}×{@code height} pixels, followed by a tiny compressed
   * payload: the classic decompression bomb shape (a decoder that trusts the header allocates
   * width×height×4 bytes).
   */
  public static Path pngClaiming(Path file, int width, int height) {
    byte[] idat = {0x78, (byte) 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01};
    return bytes(file, png(width, height, idat));
  }

  /**
   * A black {@code width}×{@code height} 8-bit RGB PNG with a complete, valid payload that is tiny
   * on disk but slow to decode (30000×30000 is about 2.6 MB and takes seconds to inflate): for
   * deadline tests. Built in milliseconds, because the zeros are compressed once per band of rows.
   */
  public static Path blackPng(Path file, int width, int height) {
    int bandRows = Math.min(height, 64);
    int rowBytes = 1 + 3 * width; // filter byte "none", then the pixels
    byte[] band = deflateFlushed(new byte[rowBytes * bandRows]);
    byte[] rest = deflateFlushed(new byte[rowBytes * (height % bandRows)]);
    ByteArrayOutputStream idat = new ByteArrayOutputStream();
    idat.write(0x78);
    idat.write(0x9C);
    // After a full flush the compressor starts afresh, so the compressed band can simply repeat.
    for (int i = 0; i < height / bandRows; i++) {
      idat.writeBytes(band);
    }
    idat.writeBytes(rest);
    idat.writeBytes(new byte[] {0x03, 0x00}); // final empty block (fixed Huffman, end-of-block)
    // Adler-32 of n zero bytes: a = 1, b = n mod 65521.
    long b = (long) rowBytes * height % 65521;
    idat.writeBytes(ByteBuffer.allocate(4).putInt((int) (b << 16 | 1)).array());
    return bytes(file, png(width, height, idat.toByteArray()));
  }

  private static byte[] deflateFlushed(byte[] data) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    try {
      deflater.setInput(data);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH)) > 0) {
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  /** A PNG file: signature, IHDR for 8-bit RGB, one IDAT holding {@code idat}, IEND. */
  private static byte[] png(int width, int height, byte[] idat) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
      ByteBuffer ihdr = ByteBuffer.allocate(13).order(ByteOrder.BIG_ENDIAN);
      ihdr.putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
      chunk(out, "IHDR", ihdr.array());
      chunk(out, "IDAT", idat);
      chunk(out, "IEND", new byte[0]);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    out.writeInt(data.length);
    out.write(typeBytes);
    out.write(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeInt((int) crc.getValue());
  }

  /**
   * A JPEG carrying an EXIF APP1 segment with the given orientation (1–8) and, when non-null, a
   * DateTimeOriginal ("yyyy:MM:dd HH:mm:ss").
   */
  public static Path jpegWithExif(Path file, BufferedImage image, int orientation, String dateTimeOriginal) {
    return jpegWithSegment(file, image, ExifSegment.build(orientation, dateTimeOriginal));
  }

  /**
   * A JPEG of {@code image} with one extra marker segment (see {@link #jpegSegment}) right after
   * SOI, before the writer's own segments (readers accept APP segments in any order).
   */
  public static Path jpegWithSegment(Path file, BufferedImage image, byte[] segment) {
    return bytes(file, withSegment(encode(image, "jpeg"), segment));
  }

  /** A JPEG marker segment: 0xFF, {@code marker} (e.g. 0xE1 for APP1), the length, the payload. */
  public static byte[] jpegSegment(int marker, byte[] payload) {
    return ByteBuffer.allocate(4 + payload.length).order(ByteOrder.BIG_ENDIAN)
        .put((byte) 0xFF).put((byte) marker).putShort((short) (2 + payload.length)).put(payload).array();
  }

  private static byte[] withSegment(byte[] jpeg, byte[] segment) {
    byte[] result = new byte[jpeg.length + segment.length];
    result[0] = jpeg[0];
    result[1] = jpeg[1];
    System.arraycopy(segment, 0, result, 2, segment.length);
    System.arraycopy(jpeg, 2, result, 2 + segment.length, jpeg.length - 2);
    return result;
  }

  /**
   * A CMYK JPEG as Photoshop writes one: four components without colour transform (an Adobe APP14
   * segment with transform 0) and inverted samples. {@code ink} has four byte bands, C, M, Y and K,
   * each from 0 (no ink) to 255 (full ink).
   */
  public static Path cmykJpeg(Path file, Raster ink) {
    if (ink.getNumBands() != 4) {
      throw new IllegalArgumentException("need 4 bands (C, M, Y, K), got " + ink.getNumBands());
    }
    WritableRaster stored = Raster.createInterleavedRaster(
        DataBuffer.TYPE_BYTE, ink.getWidth(), ink.getHeight(), 4, null);
    for (int y = 0; y < ink.getHeight(); y++) {
      for (int x = 0; x < ink.getWidth(); x++) {
        for (int band = 0; band < 4; band++) {
          stored.setSample(x, y, band, 255 - ink.getSample(ink.getMinX() + x, ink.getMinY() + y, band));
        }
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      // A raster (not an image) is written as is: no colour conversion, four components.
      writer.write(null, new IIOImage(stored, null, null), writer.getDefaultWriteParam());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    byte[] adobe = ByteBuffer.allocate(12).put("Adobe".getBytes(StandardCharsets.US_ASCII))
        .putShort((short) 100).putShort((short) 0).putShort((short) 0).put((byte) 0).array();
    return bytes(file, withSegment(bytes.toByteArray(), jpegSegment(0xEE, adobe)));
  }

  /** The frames as one animated GIF, in order (written with ImageIO's sequence API). */
  public static Path animatedGif(Path file, List<BufferedImage> frames) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
        writer.setOutput(out);
        writer.prepareWriteSequence(null);
        for (BufferedImage frame : frames) {
          writer.writeToSequence(new IIOImage(frame, null, null), null);
        }
        writer.endWriteSequence();
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
  }
}
