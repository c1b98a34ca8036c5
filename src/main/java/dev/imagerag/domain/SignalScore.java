package dev.imagerag.domain;

import java.util.Objects;

/**
 * How strongly one signal matched a hit.
 *
 * @param signal "keyword", "visual" or "text"
 * @param score cosine similarity for visual and text, BM25 for keyword
 * @param rank 1-based rank of the hit in that signal's own list, or 0 when it was not in it (the
 *     score is then computed directly from the hit's vector)
 */
public record SignalScore(String signal, double score, int rank) {
  public SignalScore {
    Objects.requireNonNull(signal, "signal");
  }
}
