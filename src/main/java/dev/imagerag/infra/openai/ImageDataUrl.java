package dev.imagerag.infra.openai;

import dev.imagerag.logic.chat.EncodedImage;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import net.coobird.thumbnailator.Thumbnails;

/**
 * Turns pixels into what a vision API accepts inline: downscaled (never enlarged) so the long side
 * fits, then a {@code data:} URL of a JPEG, or of a PNG when the image has few colours
 * (screenshots, charts), where JPEG would blur text and edges for no saving.
 */
final class ImageDataUrl {
  /** Up to this many distinct colours an image counts as flat-coloured. */
  static final int FEW_COLOURS = 256;

  private static final float JPEG_QUALITY = 0.85f;

  private ImageDataUrl() {}

  static String of(BufferedImage image, int maxSide) {
    return encode(image, maxSide).dataUrl();
  }

  /** The downscaled image as JPEG or PNG bytes (see the class comment), before base64. */
  static EncodedImage encode(BufferedImage image, int maxSide) {
    BufferedImage scaled = downscaled(rgb(image), maxSide);
    boolean png = hasFewColours(scaled);
    byte[] bytes = png ? png(scaled) : jpeg(scaled);
    return new EncodedImage(png ? "image/png" : "image/jpeg", bytes, scaled.getWidth(), scaled.getHeight());
  }

  /** Thumbnailator's resampling (progressive bilinear), only when the image is too big. */
  static BufferedImage downscaled(BufferedImage image, int maxSide) {
    if (Math.max(image.getWidth(), image.getHeight()) <= maxSide) {
      return image;
    }
    try {
      return Thumbnails.of(image).size(maxSide, maxSide).keepAspectRatio(true)
          .imageType(BufferedImage.TYPE_INT_RGB).asBufferedImage();
    } catch (IOException e) {
      throw new UncheckedIOException("could not downscale the image", e);
    }
  }

  static boolean hasFewColours(BufferedImage image) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if (colours.add(image.getRGB(x, y) & 0xFFFFFF) && colours.size() > FEW_COLOURS) {
          return false;
        }
      }
    }
    return true;
  }

  /** 8-bit RGB without alpha: the JPEG writer refuses alpha, and the API wants no transparency. */
  private static BufferedImage rgb(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_INT_RGB || image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
      return image;
    }
    BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = copy.createGraphics();
    try {
      g.drawImage(image, 0, 0, java.awt.Color.WHITE, null);
    } finally {
      g.dispose();
    }
    return copy;
  }

  private static byte[] png(BufferedImage image) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode the image as PNG", e);
    }
  }

  private static byte[] jpeg(BufferedImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(JPEG_QUALITY);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode the image as JPEG", e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
