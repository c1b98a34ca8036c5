package dev.imagerag.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A folder like a real one: photos in several formats, screenshots with text, exact duplicates
 * under other names, and broken files, with the counts an import must report.
 */
public final class MixedFolder {
  /** Distinct decodable images. */
  public static final int IMAGES = 9;
  /** Extra paths holding bytes of an image already counted. */
  public static final int DUPLICATES = 2;
  /** Files with an image extension that must be skipped. */
  public static final int BROKEN = 5;
  /** Files without an image extension (ignored, not examined). */
  public static final int OTHER = 1;

  private MixedFolder() {}

  public static Path create(Path dir) {
    try {
      Path photos = Files.createDirectories(dir.resolve("photos"));
      Path trip = Files.createDirectories(photos.resolve("trip 2024"));
      Path shots = Files.createDirectories(dir.resolve("screenshots"));
      Path junk = Files.createDirectories(dir.resolve("junk"));
      TestImages.jpeg(photos.resolve("IMG_0001.jpg"), 1600, 1200, 1);
      TestImages.jpeg(photos.resolve("IMG_0002.JPG"), 1200, 1600, 2);
      TestImages.png(trip.resolve("beach.png"), 800, 600, 3);
      TestImages.write(TestImages.picture(400, 300, 4), "gif", trip.resolve("anim.gif"));
      TestImages.write(TestImages.picture(320, 240, 5), "bmp", trip.resolve("old-scan.bmp"));
      TestImages.write(TestImages.picture(500, 500, 6), "tiff", photos.resolve("scan.tiff"));
      TestImages.webp(photos.resolve("tiny.webp"));
      TestImages.write(TestImages.screenshot("connection refused on port 5432", 900, 200), "png",
          shots.resolve("ConnectionRefused.png"));
      TestImages.write(TestImages.screenshot("payroll export failed", 900, 200), "png",
          shots.resolve("payroll_error.png"));
      // exact duplicates under other names
      Files.copy(photos.resolve("IMG_0001.jpg"), trip.resolve("copy of IMG_0001.jpg"));
      Files.copy(shots.resolve("payroll_error.png"), junk.resolve("payroll (1).png"));
      // broken files
      Files.writeString(junk.resolve("notes.png"), "this is text, not a picture\n");
      Files.write(junk.resolve("empty.jpg"), new byte[0]);
      TestImages.truncated(photos.resolve("IMG_0002.JPG"), junk.resolve("cut.jpg"), 2000);
      TestImages.pngClaiming(junk.resolve("bomb.png"), 60000, 60000);
      Files.writeString(junk.resolve("photo.heic"), "\0\0\0\u0018ftypheic\0\0\0\0mif1heic");
      // not an image extension: ignored
      Files.writeString(dir.resolve("README.txt"), "holiday pictures");
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void main(String[] args) {
    create(Path.of(args[0]));
  }
}
