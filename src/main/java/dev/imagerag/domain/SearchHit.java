package dev.imagerag.domain;

import java.util.List;
import java.util.Objects;

/**
 * One ranked result.
 *
 * @param rank 1-based position in the result list
 * @param paths the image's known file paths, most recently seen first (never empty)
 * @param score the ranking score; its meaning depends on the mode (cosine similarity for vector
 *     modes, BM25 for keyword, fused score for hybrid)
 */
public record SearchHit(int rank, ImageId id, List<String> paths, double score, SearchMode mode) {
  public SearchHit {
    Objects.requireNonNull(id, "id");
    paths = List.copyOf(paths);
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("a hit needs at least one path: " + id);
    }
  }

  public String path() {
    return paths.get(0);
  }
}
