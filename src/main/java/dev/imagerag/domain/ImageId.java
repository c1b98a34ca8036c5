package dev.imagerag.domain;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The identity of an image: the SHA-256 of its bytes as 64 lower-case hex digits. The same bytes
 * under several names are one image.
 */
public record ImageId(String hex) implements Comparable<ImageId> {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  public ImageId {
    if (hex == null || !HEX64.matcher(hex).matches()) {
      throw new IllegalArgumentException("not a SHA-256 hex digest: " + hex);
    }
  }

  /** Accepts upper or lower case. */
  public static ImageId of(String hex) {
    return new ImageId(hex == null ? null : hex.toLowerCase(Locale.ROOT));
  }

  public static ImageId fromDigest(byte[] sha256) {
    if (sha256.length != 32) {
      throw new IllegalArgumentException("SHA-256 digest must be 32 bytes, got " + sha256.length);
    }
    StringBuilder sb = new StringBuilder(64);
    for (byte b : sha256) {
      sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return new ImageId(sb.toString());
  }

  /** True when {@code text} is a full id or a prefix of at least 8 hex digits. */
  public static boolean looksLikeIdOrPrefix(String text) {
    return text != null && text.length() >= 8 && text.length() <= 64
        && text.toLowerCase(Locale.ROOT).chars().allMatch(c -> Character.digit(c, 16) >= 0);
  }

  /** A deterministic name-based UUID (version 3) of the hex digest; stable across machines. */
  public UUID toUuid() {
    return UUID.nameUUIDFromBytes(hex.getBytes(StandardCharsets.US_ASCII));
  }

  /** The first 12 hex digits, enough to tell images apart in messages. */
  public String shortHex() {
    return hex.substring(0, 12);
  }

  @Override
  public int compareTo(ImageId other) {
    return hex.compareTo(other.hex);
  }

  @Override
  public String toString() {
    return hex;
  }
}
