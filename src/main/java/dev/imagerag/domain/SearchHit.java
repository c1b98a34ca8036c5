package dev.imagerag.domain;

import java.util.List;
import java.util.Objects;

/**
 * One ranked result.
 *
 * @param rank 1-based position in the result list
 * @param paths the image's known file paths, most recently seen first (never empty)
 * @param score the ranking score; its meaning depends on the mode (cosine similarity for visual and
 *     text, BM25 for keyword, reciprocal-rank fusion for hybrid)
 * @param signals why it matched: the score of each signal that knows the image
 * @param snippets passages of its OCR text or caption around the query's words, words marked
 *     {@code **like this**}
 * @param similar near-duplicates shown under this hit (it is the best of its group)
 */
public record SearchHit(
    int rank, ImageId id, List<String> paths, double score, SearchMode mode, List<SignalScore> signals,
    List<String> snippets, List<ImageId> similar) {

  public SearchHit {
    Objects.requireNonNull(id, "id");
    paths = List.copyOf(paths);
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("a hit needs at least one path: " + id);
    }
    signals = List.copyOf(signals);
    snippets = List.copyOf(snippets);
    similar = List.copyOf(similar);
  }

  public SearchHit(int rank, ImageId id, List<String> paths, double score, SearchMode mode) {
    this(rank, id, paths, score, mode, List.of(), List.of(), List.of());
  }

  public String path() {
    return paths.get(0);
  }
}
