package dev.imagerag.infra.files;

import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;

/** EXIF orientation (1–8): the transform that makes the stored pixels upright. */
final class Orientation {
  private Orientation() {}

  /** True for orientations that swap width and height (5–8). */
  static boolean swapsAxes(int orientation) {
    return orientation >= 5 && orientation <= 8;
  }

  /** Returns an upright copy, or {@code image} itself for orientation 1 or unknown values. */
  static BufferedImage apply(BufferedImage image, int orientation) {
    int w = image.getWidth();
    int h = image.getHeight();
    // AffineTransform(m00, m10, m01, m11, m02, m12): x' = m00*x + m01*y + m02, y' = m10*x + m11*y + m12
    AffineTransform transform;
    switch (orientation) {
      case 2 -> transform = new AffineTransform(-1, 0, 0, 1, w, 0); // mirror horizontally
      case 3 -> transform = new AffineTransform(-1, 0, 0, -1, w, h); // rotate 180°
      case 4 -> transform = new AffineTransform(1, 0, 0, -1, 0, h); // mirror vertically
      case 5 -> transform = new AffineTransform(0, 1, 1, 0, 0, 0); // transpose
      case 6 -> transform = new AffineTransform(0, 1, -1, 0, h, 0); // rotate 90° clockwise
      case 7 -> transform = new AffineTransform(0, -1, -1, 0, h, w); // transverse
      case 8 -> transform = new AffineTransform(0, -1, 1, 0, 0, w); // rotate 90° counter-clockwise
      default -> {
        return image;
      }
    }
    int outW = swapsAxes(orientation) ? h : w;
    int outH = swapsAxes(orientation) ? w : h;
    BufferedImage out = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
    new AffineTransformOp(transform, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(image, out);
    return out;
  }
}
