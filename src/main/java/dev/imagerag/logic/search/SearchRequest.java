package dev.imagerag.logic.search;

import dev.imagerag.domain.SearchMode;
import dev.imagerag.logic.store.SearchFilter;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A query: text, an example image, or both.
 *
 * @param text free text, or null
 * @param image an image file to search by (embedded, not imported), or null
 * @param k how many hits to return (1..10,000)
 */
public record SearchRequest(String text, Path image, SearchMode mode, int k, SearchFilter filter) {
  public static final int MAX_K = 10_000;

  public SearchRequest {
    Objects.requireNonNull(mode, "mode");
    filter = filter == null ? SearchFilter.NONE : filter;
    text = text == null || text.isBlank() ? null : text.strip();
    if (text == null && image == null) {
      throw new IllegalArgumentException("a search needs text or an image");
    }
    if (k < 1 || k > MAX_K) {
      throw new IllegalArgumentException("k must be between 1 and " + MAX_K + ", got " + k);
    }
  }

  public static SearchRequest text(String text, SearchMode mode, int k) {
    return new SearchRequest(text, null, mode, k, SearchFilter.NONE);
  }
}
