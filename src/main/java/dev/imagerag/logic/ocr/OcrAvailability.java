package dev.imagerag.logic.ocr;

import java.util.List;
import java.util.Objects;

/**
 * Whether text recognition can run on this machine with the configured languages.
 *
 * @param available true when engines can be created
 * @param reason when unavailable, one sentence for the user that names what to install (e.g.
 *     "Tesseract is not installed: apt-get install tesseract-ocr tesseract-ocr-eng"); null otherwise
 * @param notes things that work, but less well, and how to fix them (e.g. orientation detection
 *     data missing); empty when all is well
 */
public record OcrAvailability(boolean available, String reason, List<String> notes) {
  public OcrAvailability {
    notes = List.copyOf(notes);
    if (available == (reason != null)) {
      throw new IllegalArgumentException("a reason is given exactly when OCR is unavailable");
    }
  }

  public static OcrAvailability available(List<String> notes) {
    return new OcrAvailability(true, null, notes);
  }

  public static OcrAvailability unavailable(String reason) {
    Objects.requireNonNull(reason, "reason");
    return new OcrAvailability(false, reason, List.of());
  }
}
