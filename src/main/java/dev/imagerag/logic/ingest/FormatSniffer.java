package dev.imagerag.logic.ingest;

import dev.imagerag.domain.ImageFormat;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Recognises image formats by their leading bytes ("magic numbers"), whatever the file name says. */
public final class FormatSniffer {
  /**
   * How many leading bytes {@link #sniff} looks at: enough for an SVG's XML prolog and generator
   * comment (Inkscape's {@code <svg} starts after byte 100), still one disk block.
   */
  public static final int HEADER_BYTES = 512;

  private FormatSniffer() {}

  public static Optional<ImageFormat> sniff(byte[] head) {
    if (startsWith(head, 0xFF, 0xD8, 0xFF)) {
      return Optional.of(ImageFormat.JPEG);
    }
    if (startsWith(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Optional.of(ImageFormat.PNG);
    }
    if (startsWith(head, 'G', 'I', 'F', '8')) {
      return Optional.of(ImageFormat.GIF);
    }
    if (startsWith(head, 'B', 'M') && head.length >= 14) {
      return Optional.of(ImageFormat.BMP);
    }
    if (startsWith(head, 'R', 'I', 'F', 'F') && ascii(head, 8, 4).equals("WEBP")) {
      return Optional.of(ImageFormat.WEBP);
    }
    if (startsWith(head, 'I', 'I', 0x2A, 0x00) || startsWith(head, 'M', 'M', 0x00, 0x2A)
        || startsWith(head, 'I', 'I', 0x2B, 0x00) || startsWith(head, 'M', 'M', 0x00, 0x2B)) {
      return Optional.of(ImageFormat.TIFF);
    }
    if (ascii(head, 4, 4).equals("ftyp")) {
      String brand = ascii(head, 8, 4);
      if (brand.startsWith("avi")) {
        return Optional.of(ImageFormat.AVIF);
      }
      if (brand.startsWith("hei") || brand.startsWith("hev") || brand.equals("mif1") || brand.equals("msf1")) {
        return Optional.of(ImageFormat.HEIC);
      }
    }
    if (startsWith(head, '8', 'B', 'P', 'S')) {
      return Optional.of(ImageFormat.PSD);
    }
    if (startsWith(head, 0x00, 0x00, 0x01, 0x00)) {
      return Optional.of(ImageFormat.ICO);
    }
    int bom = startsWith(head, 0xEF, 0xBB, 0xBF) ? 3 : 0; // UTF-8 byte order mark
    String text = ascii(head, bom, head.length - bom).stripLeading();
    if (text.startsWith("<svg") || text.startsWith("<!DOCTYPE svg")
        || (text.startsWith("<?xml") && (text.contains("<svg") || text.contains("<!DOCTYPE svg")))) {
      return Optional.of(ImageFormat.SVG);
    }
    return Optional.empty();
  }

  /** True when the bytes look like text (printable ASCII/UTF-8 and whitespace, no NULs). */
  public static boolean looksLikeText(byte[] head) {
    if (head.length == 0) {
      return false;
    }
    int printable = 0;
    for (byte b : head) {
      int c = b & 0xFF;
      if (c == 0) {
        return false;
      }
      if (c >= 0x20 || c == '\n' || c == '\r' || c == '\t') {
        printable++;
      }
    }
    return printable >= head.length * 0.95;
  }

  /** True when every byte is zero (e.g. a sparse or pre-allocated file). */
  public static boolean allZero(byte[] head) {
    for (byte b : head) {
      if (b != 0) {
        return false;
      }
    }
    return head.length > 0;
  }

  private static boolean startsWith(byte[] head, int... magic) {
    if (head.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((head[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  private static String ascii(byte[] head, int offset, int length) {
    if (head.length < offset + length) {
      return "";
    }
    return new String(head, offset, length, StandardCharsets.ISO_8859_1);
  }
}
