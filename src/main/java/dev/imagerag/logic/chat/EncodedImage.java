package dev.imagerag.logic.chat;

import java.util.Base64;
import java.util.Objects;

/**
 * An image ready to send: its encoded bytes and their media type. Immutable by convention (the
 * array is not copied, for speed; nobody writes to it).
 *
 * @param mediaType e.g. "image/jpeg" or "image/png"
 * @param bytes the encoded file
 * @param width pixels sent, after downscaling
 * @param height pixels sent, after downscaling
 */
public record EncodedImage(String mediaType, byte[] bytes, int width, int height) {
  public EncodedImage {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(bytes, "bytes");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
    }
  }

  /** A {@code data:} URL of the bytes, as chat APIs accept images inline. */
  public String dataUrl() {
    return "data:" + mediaType + ";base64," + Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public String toString() {
    return "EncodedImage[" + mediaType + ", " + width + "x" + height + ", " + bytes.length + " bytes]";
  }
}
