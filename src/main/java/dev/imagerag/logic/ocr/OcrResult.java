package dev.imagerag.logic.ocr;

import java.util.List;
import java.util.Objects;

/**
 * The text found in one image.
 *
 * @param text the words as lines of text ('\n' between lines, blank lines between blocks); empty
 *     when the image holds no text
 * @param words every word with its box, in reading order
 * @param meanConfidence the engine's confidence over all characters, 0 to 1; 0 without words
 */
public record OcrResult(String text, List<OcrWord> words, double meanConfidence) {
  public static final OcrResult EMPTY = new OcrResult("", List.of(), 0);

  public OcrResult {
    Objects.requireNonNull(text, "text");
    words = List.copyOf(words);
    if (!(meanConfidence >= 0 && meanConfidence <= 1)) {
      throw new IllegalArgumentException("meanConfidence must be in [0, 1], got " + meanConfidence);
    }
  }

  /** A result whose confidence is the character-weighted mean of its words' confidences. */
  public static OcrResult of(String text, List<OcrWord> words) {
    return new OcrResult(text, words, meanConfidence(words));
  }

  /** Each word's confidence weighted by its length, so that stray one-letter guesses count little. */
  public static double meanConfidence(List<OcrWord> words) {
    double sum = 0;
    long characters = 0;
    for (OcrWord word : words) {
      int length = word.text().codePointCount(0, word.text().length());
      sum += word.confidence() * length;
      characters += length;
    }
    return characters == 0 ? 0 : Math.min(1, sum / characters);
  }
}
