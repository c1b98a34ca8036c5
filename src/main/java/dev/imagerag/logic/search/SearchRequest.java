package dev.imagerag.logic.search;

import dev.imagerag.domain.SearchMode;
import dev.imagerag.logic.store.SearchFilter;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A query: text (possibly with arithmetic, see {@link QueryTerms}), an example image, or both.
 *
 * @param text free text, or null
 * @param image an image file to search by (embedded, not imported), or null
 * @param k how many hits (or duplicate groups) to return, 1..10,000
 * @param threshold keep only hits whose score reaches this (in the mode's score unit), or null
 * @param relevantOnly cut the list where the scores drop off (see {@link RelevanceCutoff})
 * @param groupDuplicates show near-duplicates once, under the best of them
 */
public record SearchRequest(
    String text, Path image, SearchMode mode, int k, SearchFilter filter, Double threshold, boolean relevantOnly,
    boolean groupDuplicates) {
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

  public SearchRequest(String text, Path image, SearchMode mode, int k, SearchFilter filter) {
    this(text, image, mode, k, filter, null, false, true);
  }

  public static SearchRequest text(String text, SearchMode mode, int k) {
    return new SearchRequest(text, null, mode, k, SearchFilter.NONE);
  }

  public SearchRequest withThreshold(Double value) {
    return new SearchRequest(text, image, mode, k, filter, value, relevantOnly, groupDuplicates);
  }

  public SearchRequest withRelevantOnly(boolean value) {
    return new SearchRequest(text, image, mode, k, filter, threshold, value, groupDuplicates);
  }

  public SearchRequest withGroupDuplicates(boolean value) {
    return new SearchRequest(text, image, mode, k, filter, threshold, relevantOnly, value);
  }

  public SearchRequest withFilter(SearchFilter value) {
    return new SearchRequest(text, image, mode, k, value, threshold, relevantOnly, groupDuplicates);
  }
}
