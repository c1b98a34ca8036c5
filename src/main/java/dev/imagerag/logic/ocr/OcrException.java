package dev.imagerag.logic.ocr;

import dev.imagerag.domain.ImageRagException;

/**
 * The OCR engine cannot be created or stopped working: a problem of this machine, not of one image.
 * The message says what to install or repair.
 */
public final class OcrException extends ImageRagException {
  private static final long serialVersionUID = 1L;

  public OcrException(String userMessage) {
    super(userMessage);
  }

  public OcrException(String userMessage, Throwable cause) {
    super(userMessage, cause);
  }
}
