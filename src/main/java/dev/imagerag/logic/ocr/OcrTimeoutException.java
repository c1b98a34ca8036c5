package dev.imagerag.logic.ocr;

import dev.imagerag.support.Deadline;

/** Reading one image took longer than its budget. */
public final class OcrTimeoutException extends OcrImageException {
  private static final long serialVersionUID = 1L;

  public OcrTimeoutException(Deadline deadline) {
    super("text recognition took longer than " + deadline.describeBudget()
        + "; raise ocr.perImageSeconds in the settings to read images like this one");
  }
}
