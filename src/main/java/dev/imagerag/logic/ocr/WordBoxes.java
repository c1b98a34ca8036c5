package dev.imagerag.logic.ocr;

import java.util.ArrayList;
import java.util.List;

/** Moves word boxes between the coordinate systems of an image and its turned, tiled or scaled copies. */
final class WordBoxes {
  private WordBoxes() {}

  /** Shifted by (dx, dy): from a tile's coordinates to its image's. */
  static List<OcrWord> shifted(List<OcrWord> words, int dx, int dy) {
    List<OcrWord> out = new ArrayList<>(words.size());
    for (OcrWord w : words) {
      out.add(w.at(w.x() + dx, w.y() + dy, w.width(), w.height()));
    }
    return out;
  }

  /**
   * From an image turned clockwise by {@code degrees} back to the source image of
   * {@code sourceWidth}×{@code sourceHeight} it was turned from.
   */
  static OcrWord unturned(OcrWord w, int degrees, int sourceWidth, int sourceHeight) {
    switch (degrees) {
      case 0:
        return w;
      case 90:
        return w.at(w.y(), sourceHeight - w.right(), w.height(), w.width());
      case 180:
        return w.at(sourceWidth - w.right(), sourceHeight - w.bottom(), w.width(), w.height());
      case 270:
        return w.at(sourceWidth - w.bottom(), w.x(), w.height(), w.width());
      default:
        throw new IllegalArgumentException("degrees must be 0, 90, 180 or 270, got " + degrees);
    }
  }

  /**
   * Scaled by {@code fx}, {@code fy} (outwards to whole pixels) and clipped to a
   * {@code width}×{@code height} image.
   */
  static OcrWord scaled(OcrWord w, double fx, double fy, int width, int height) {
    int x0 = clamp((int) Math.floor(w.x() * fx), width - 1);
    int y0 = clamp((int) Math.floor(w.y() * fy), height - 1);
    int x1 = clamp((int) Math.ceil(w.right() * fx), width);
    int y1 = clamp((int) Math.ceil(w.bottom() * fy), height);
    return w.at(x0, y0, x1 - x0, y1 - y0);
  }

  private static int clamp(int value, int max) {
    return Math.max(0, Math.min(max, value));
  }
}
