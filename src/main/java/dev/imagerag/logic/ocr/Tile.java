package dev.imagerag.logic.ocr;

/** A rectangle of a larger image that the engine reads on its own, in pixels of that image. */
record Tile(int x, int y, int width, int height) {

  int right() {
    return x + width;
  }

  int bottom() {
    return y + height;
  }

  /**
   * Whether a word (in image coordinates) reaches within {@code margin} pixels of an edge of this
   * tile that is not an edge of the whole image: such a word may be cut off, and the neighbouring
   * tile is likely to hold all of it.
   */
  boolean cuts(OcrWord word, int imageWidth, int imageHeight, int margin) {
    return (x > 0 && word.x() - x <= margin)
        || (y > 0 && word.y() - y <= margin)
        || (right() < imageWidth && right() - word.right() <= margin)
        || (bottom() < imageHeight && bottom() - word.bottom() <= margin);
  }
}
