package dev.imagerag.logic.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * OCR-like word soup: a vocabulary of pronounceable made-up words whose frequencies follow Zipf's
 * law (the r-th most common word appears about 1/r as often as the most common one), as words in
 * real text do. Immutable and thread-safe.
 */
public final class ZipfWords {
  private static final String[] ONSETS = {"b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v",
      "z", "br", "cr", "dr", "st", "tr", "pl", "sh", "ch", "th"};
  private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ou", "ea"};

  private final List<String> words;
  private final double[] cumulative;

  /**
   * @param size number of distinct words
   * @param exponent Zipf exponent (about 1 for natural language)
   */
  public ZipfWords(int size, double exponent, long seed) {
    if (size < 1) {
      throw new IllegalArgumentException("vocabulary size must be positive, got " + size);
    }
    this.words = vocabulary(size, new SplittableRandom(seed));
    this.cumulative = new double[size];
    double sum = 0;
    for (int r = 0; r < size; r++) {
      sum += 1.0 / Math.pow(r + 1, exponent);
      cumulative[r] = sum;
    }
    for (int r = 0; r < size; r++) {
      cumulative[r] /= sum;
    }
  }

  private static List<String> vocabulary(int size, SplittableRandom random) {
    java.util.Set<String> seen = new java.util.LinkedHashSet<>();
    while (seen.size() < size) {
      int syllables = 2 + random.nextInt(3);
      StringBuilder word = new StringBuilder();
      for (int s = 0; s < syllables; s++) {
        word.append(ONSETS[random.nextInt(ONSETS.length)]).append(VOWELS[random.nextInt(VOWELS.length)]);
      }
      seen.add(word.toString());
    }
    return List.copyOf(new ArrayList<>(seen));
  }

  public int size() {
    return words.size();
  }

  /** The word of frequency rank {@code rank} (0 = most common). */
  public String word(int rank) {
    return words.get(rank);
  }

  /** The frequency rank of a word drawn from the Zipf distribution. */
  public int sampleRank(SplittableRandom random) {
    int index = Arrays.binarySearch(cumulative, random.nextDouble());
    return index >= 0 ? index : Math.min(words.size() - 1, -index - 1);
  }

  /** {@code count} words drawn independently, separated by spaces. */
  public String text(SplittableRandom random, int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        text.append(' ');
      }
      text.append(word(sampleRank(random)));
    }
    return text.toString();
  }
}
