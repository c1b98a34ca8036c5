package dev.imagerag.logic.ocr;

/**
 * Makes OCR engines for the configured languages and says whether that is possible here at all.
 * Thread-safe.
 */
public interface OcrEngines {

  /**
   * Whether engines can be created (the engine library and every language's data are installed);
   * checked once, then remembered. Never throws: what is missing is in the answer.
   */
  OcrAvailability availability();

  /** The engine and its version, e.g. "tesseract 5.3.0"; part of the OCR stage's version. */
  String engineVersion();

  /** The languages engines recognise, e.g. "eng+fra". */
  String languages();

  /**
   * A new engine for one worker thread; the caller closes it.
   *
   * @throws OcrException when OCR is not available or the engine fails to start
   */
  OcrEngine create();
}
