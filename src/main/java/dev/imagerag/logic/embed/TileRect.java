package dev.imagerag.logic.embed;

/**
 * A rectangle of an image, in pixels of the upright full-resolution image unless said otherwise.
 *
 * @param x left edge
 * @param y top edge
 */
public record TileRect(int x, int y, int width, int height) {
  public TileRect {
    if (x < 0 || y < 0 || width <= 0 || height <= 0) {
      throw new IllegalArgumentException("not a rectangle inside an image: " + width + "x" + height
          + " at " + x + "," + y);
    }
  }

  public int right() {
    return x + width;
  }

  public int bottom() {
    return y + height;
  }

  /**
   * The same region in an image of {@code toWidth × toHeight} pixels that shows the whole {@code
   * fromWidth × fromHeight} image (decoded at a reduced size): edges scaled and rounded outwards,
   * clamped to the smaller image, at least one pixel.
   */
  public TileRect scaled(int fromWidth, int fromHeight, int toWidth, int toHeight) {
    int left = Math.min(toWidth - 1, (int) ((long) x * toWidth / fromWidth));
    int top = Math.min(toHeight - 1, (int) ((long) y * toHeight / fromHeight));
    int rightEdge = (int) Math.min(toWidth, ceilDiv((long) right() * toWidth, fromWidth));
    int bottomEdge = (int) Math.min(toHeight, ceilDiv((long) bottom() * toHeight, fromHeight));
    return new TileRect(left, top, Math.max(1, rightEdge - left), Math.max(1, bottomEdge - top));
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
