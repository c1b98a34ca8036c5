package dev.imagerag.logic.ocr;

import dev.imagerag.support.Deadline;
import java.util.OptionalInt;

/**
 * A text recogniser with its languages loaded. Not thread-safe: each worker uses its own and keeps
 * it for many images (creating one takes tens of milliseconds). Calls block.
 */
public interface OcrEngine extends AutoCloseable {

  /**
   * Recognises the text of an image that is already prepared (upright, dark text on a light
   * background, glyphs large enough), finding the page layout itself (blocks, columns, lines).
   *
   * @param deadline recognition is abandoned when it passes
   * @return the text with words whose boxes are in pixel coordinates of {@code image};
   *     {@link OcrResult#EMPTY} when there is none
   * @throws OcrTimeoutException when the deadline passed before recognition finished
   * @throws OcrImageException when the engine refuses this image
   * @throws OcrException when the engine fails for a reason that is not the image's
   */
  OcrResult recognise(GrayImage image, Deadline deadline) throws OcrImageException;

  /** Whether {@link #detectRotation} can answer (Tesseract: osd.traineddata is installed). */
  boolean detectsOrientation();

  /**
   * How far the text in the image is turned clockwise: 0, 90, 180 or 270 degrees; empty when the
   * engine cannot tell (too little text, or no orientation data). Turning the image counter-clockwise
   * by the answer makes the text upright.
   *
   * @throws OcrTimeoutException when the deadline passed first
   */
  OptionalInt detectRotation(GrayImage image, Deadline deadline) throws OcrTimeoutException;

  /** Frees the engine's native memory; it cannot be used afterwards. */
  @Override
  void close();
}
