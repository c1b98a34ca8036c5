package dev.imagerag.testing;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

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
    ByteBuffer out = ByteBuffer.allocate(128).order(ByteOrder.BIG_ENDIAN);
    out.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    ByteBuffer ihdr = ByteBuffer.allocate(13).order(ByteOrder.BIG_ENDIAN);
    ihdr.putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", ihdr.array());
    chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01});
    chunk(out, "IEND", new byte[0]);
    byte[] bytes = new byte[out.position()];
    out.flip();
    out.get(bytes);
    return bytes(file, bytes);
  }

  private static void chunk(ByteBuffer out, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    out.putInt(data.length).put(typeBytes).put(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.putInt((int) crc.getValue());
  }

  /**
   * A JPEG carrying an EXIF APP1 segment with the given orientation (1–8) and, when non-null, a
   * DateTimeOriginal ("yyyy:MM:dd HH:mm:ss").
   */
  public static Path jpegWithExif(Path file, BufferedImage image, int orientation, String dateTimeOriginal) {
    byte[] jpeg = encode(image, "jpeg");
    byte[] app1 = ExifSegment.build(orientation, dateTimeOriginal);
    byte[] result = new byte[jpeg.length + app1.length];
    // SOI, then our APP1, then the rest (the JFIF APP0 may follow; readers accept either order).
    result[0] = jpeg[0];
    result[1] = jpeg[1];
    System.arraycopy(app1, 0, result, 2, app1.length);
    System.arraycopy(jpeg, 2, result, 2 + app1.length, jpeg.length - 2);
    return bytes(file, result);
  }
}
