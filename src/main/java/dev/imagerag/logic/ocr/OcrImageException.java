package dev.imagerag.logic.ocr;

/**
 * The engine could not read this one image (it took too long, or the engine refused it); other
 * images are not concerned. The message says why in words for the user.
 */
public class OcrImageException extends Exception {
  private static final long serialVersionUID = 1L;

  public OcrImageException(String userMessage) {
    super(userMessage);
  }
}
