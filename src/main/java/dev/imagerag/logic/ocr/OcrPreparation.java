package dev.imagerag.logic.ocr;

import java.awt.image.BufferedImage;
import java.util.OptionalInt;

/**
 * Turns a decoded image into what Tesseract reads best, from measurements on rendered test images
 * (see OcrAccuracyTest):
 *
 * <ul>
 *   <li>grayscale;
 *   <li>dark text on a light background: terminals and dark themes are inverted, decided from the
 *       luminance histogram (a dark background and a dark median);
 *   <li>photo or not: an image with little flat background is a photo, whose speckle noise is
 *       removed with a 3×3 median filter (noisy photos went from no text found to all of it);
 *   <li>lines of text enlarged towards {@value #TARGET_LINE_HEIGHT} pixels, estimated without
 *       recognising anything ({@link TextHeightEstimator}); Tesseract is tuned for ~300 dpi print,
 *       well above a 10 to 12 px screen font (10 px text: accuracy 0.946 as is, 1.0 enlarged). The
 *       target is a trade: 20 px read a terminal at 0.993 at 5.0 screenshots/s, 28 px at 1.000 and
 *       4.1/s, 40 px at 0.993 and 2.9/s. Photos are enlarged at most {@value #MAX_PHOTO_SCALE}×,
 *       because enlarged texture makes Tesseract's layout analysis very slow.
 * </ul>
 *
 * <p>Page segmentation is Tesseract's automatic mode for every image: sparse-text mode (PSM 11)
 * read the same on screenshots and documents, and on noisy photos it produced hundreds of garbage
 * words and took 3 to 10 times longer, where automatic mode found the text or nothing. Pure Java,
 * thread-safe.
 */
public final class OcrPreparation {
  /** Bump when preparation changes in a way that changes the recognised text. */
  public static final String VERSION = "p1";
  /** Lines of text are enlarged towards this height in pixels. */
  static final int TARGET_LINE_HEIGHT = 28;
  static final double MAX_SCALE = 4;
  static final double MAX_PHOTO_SCALE = 2;
  /** Enlarging never makes the image bigger than this, however small its text. */
  static final long MAX_PIXELS = 40_000_000L;
  /** A background darker than this, with a dark median, means light text on a dark page. */
  static final int DARK_BACKGROUND = 110;
  /** Below this share of flat background the image is treated as a photo. */
  static final double DOCUMENT_BACKGROUND_SHARE = 0.45;

  /** Prepares the pixels of a decoded image (any layout: RGB, gray, palette, alpha). */
  public PreparedImage prepare(BufferedImage pixels) {
    return prepare(GrayImage.of(pixels));
  }

  public PreparedImage prepare(GrayImage original) {
    LuminanceHistogram histogram = new LuminanceHistogram(original);
    boolean photo = histogram.backgroundShare() < DOCUMENT_BACKGROUND_SHARE;
    boolean inverted = histogram.background() < DARK_BACKGROUND && histogram.median() < 128;
    GrayImage gray = photo ? original.median3() : original;
    gray = inverted ? gray.inverted() : gray;
    LuminanceHistogram prepared = photo || inverted ? new LuminanceHistogram(gray) : histogram;
    OptionalInt lineHeight = TextHeightEstimator.medianLineHeight(gray, prepared.otsuThreshold());
    double scale = scale(lineHeight, gray.width(), gray.height(), photo ? MAX_PHOTO_SCALE : MAX_SCALE);
    return new PreparedImage(gray.upscaled(scale), scale, inverted, photo, lineHeight.orElse(0));
  }

  /** How much to enlarge: towards the target line height, by quarter steps, within the pixel cap. */
  static double scale(OptionalInt lineHeight, int width, int height, double maxScale) {
    if (lineHeight.isEmpty() || lineHeight.getAsInt() >= TARGET_LINE_HEIGHT * 0.8) {
      return 1;
    }
    double wanted = Math.min(maxScale, (double) TARGET_LINE_HEIGHT / lineHeight.getAsInt());
    double allowed = Math.sqrt((double) MAX_PIXELS / ((double) width * height));
    double scale = Math.floor(Math.min(wanted, allowed) * 4) / 4;
    return Math.max(1, scale);
  }
}
