package dev.imagerag.domain;

import java.util.Locale;
import java.util.Optional;

/** Image container formats the importer recognises; {@link #supported()} says which it decodes. */
public enum ImageFormat {
  JPEG(true, "jpg", "jpeg", "jpe", "jfif"),
  PNG(true, "png"),
  GIF(true, "gif"),
  BMP(true, "bmp", "dib"),
  WEBP(true, "webp"),
  TIFF(true, "tif", "tiff"),
  HEIC(false, "heic", "heif"),
  AVIF(false, "avif"),
  SVG(false, "svg", "svgz"),
  PSD(false, "psd"),
  ICO(false, "ico");

  private final boolean supported;
  private final String[] extensions;

  ImageFormat(boolean supported, String... extensions) {
    this.supported = supported;
    this.extensions = extensions;
  }

  public boolean supported() {
    return supported;
  }

  /** The lower-case name used in catalogs, payloads and filters, e.g. {@code "jpeg"}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ImageFormat> byExtension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    if (dot < 0 || dot == fileName.length() - 1) {
      return Optional.empty();
    }
    String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    for (ImageFormat format : values()) {
      for (String candidate : format.extensions) {
        if (candidate.equals(ext)) {
          return Optional.of(format);
        }
      }
    }
    return Optional.empty();
  }

  public static ImageFormat fromId(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
