package dev.imagerag.logic.search;

/**
 * How hybrid search weighs its signals and groups near-duplicates.
 *
 * @param keywordWeight weight of the BM25 ranking in the fusion
 * @param visualWeight weight of the visual (CLIP) ranking
 * @param textWeight weight of the caption/OCR meaning ranking
 * @param duplicateThreshold visual cosine similarity from which two images count as near-duplicates
 */
public record SearchSettings(double keywordWeight, double visualWeight, double textWeight, double duplicateThreshold) {
  public static final SearchSettings DEFAULTS = new SearchSettings(1.0, 1.0, 1.0, 0.95);

  public SearchSettings {
    if (keywordWeight < 0 || visualWeight < 0 || textWeight < 0) {
      throw new IllegalArgumentException("search weights must not be negative");
    }
    if (!(duplicateThreshold > 0 && duplicateThreshold <= 1)) {
      throw new IllegalArgumentException("duplicateThreshold must be in (0, 1], got " + duplicateThreshold);
    }
  }
}
