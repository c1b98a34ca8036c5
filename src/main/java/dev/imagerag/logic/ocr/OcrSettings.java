package dev.imagerag.logic.ocr;

import dev.imagerag.support.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * Text recognition settings.
 *
 * @param enabled whether the OCR stage runs (it also needs Tesseract installed)
 * @param languages Tesseract language codes joined with '+', e.g. {@code "eng"} or {@code "eng+fra"}
 * @param tessdataPath the folder holding {@code *.traineddata}, or null to find it automatically
 * @param perImageBudget how long one image may take before the stage gives up on it
 * @param threads OCR workers (one Tesseract engine each)
 */
public record OcrSettings(
    boolean enabled, String languages, String tessdataPath, Duration perImageBudget, int threads) {

  public static final OcrSettings DEFAULTS = new OcrSettings(true, "eng", null, Duration.ofSeconds(20), 1);

  public OcrSettings {
    Checks.requireNonBlank(languages, "languages");
    if (!languages.matches("[A-Za-z_]+(\\+[A-Za-z_]+)*")) {
      throw new IllegalArgumentException(
          "languages must be Tesseract codes joined with '+', like eng or eng+fra, got '" + languages + "'");
    }
    Objects.requireNonNull(perImageBudget, "perImageBudget");
    if (perImageBudget.isNegative() || perImageBudget.isZero()) {
      throw new IllegalArgumentException("perImageBudget must be positive, got " + perImageBudget);
    }
    Checks.requireInRange(threads, 1, 16, "threads");
  }
}
