package dev.imagerag.logic.store;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Payload conditions applied inside a search (pre-filtering: k results come back when k match).
 * Every condition is optional; all given conditions must hold.
 *
 * @param pathPrefixes the image has a path under one of these folders or starting with one of them
 * @param from the image's date is at or after this instant
 * @param to the image's date is before this instant
 * @param tags the image carries every one of these tags
 * @param formats the image's format is one of these ids ("jpeg", "png", ...)
 * @param minWidth minimum width in pixels (0 = any)
 * @param minHeight minimum height in pixels (0 = any)
 * @param hasText when non-null, whether OCR text must be present (true) or absent (false)
 */
public record SearchFilter(
    List<String> pathPrefixes,
    Instant from,
    Instant to,
    Set<String> tags,
    Set<String> formats,
    int minWidth,
    int minHeight,
    Boolean hasText) {

  public static final SearchFilter NONE =
      new SearchFilter(List.of(), null, null, Set.of(), Set.of(), 0, 0, null);

  public SearchFilter {
    pathPrefixes = List.copyOf(pathPrefixes);
    tags = Set.copyOf(tags);
    formats = Set.copyOf(formats.stream().map(f -> f.toLowerCase(Locale.ROOT)).toList());
    if (minWidth < 0 || minHeight < 0) {
      throw new IllegalArgumentException(
          "minimum size must not be negative, got " + minWidth + "x" + minHeight);
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("date range is empty: from " + from + " to " + to);
    }
  }

  public boolean isEmpty() {
    return pathPrefixes.isEmpty() && from == null && to == null && tags.isEmpty()
        && formats.isEmpty() && minWidth == 0 && minHeight == 0 && hasText == null;
  }

  public SearchFilter withPathPrefixes(List<String> prefixes) {
    return new SearchFilter(prefixes, from, to, tags, formats, minWidth, minHeight, hasText);
  }

  public SearchFilter withDateRange(Instant newFrom, Instant newTo) {
    return new SearchFilter(pathPrefixes, newFrom, newTo, tags, formats, minWidth, minHeight, hasText);
  }

  public SearchFilter withTags(Set<String> newTags) {
    return new SearchFilter(pathPrefixes, from, to, newTags, formats, minWidth, minHeight, hasText);
  }

  public SearchFilter withFormats(Set<String> newFormats) {
    return new SearchFilter(pathPrefixes, from, to, tags, newFormats, minWidth, minHeight, hasText);
  }

  public SearchFilter withMinSize(int width, int height) {
    return new SearchFilter(pathPrefixes, from, to, tags, formats, width, height, hasText);
  }

  public SearchFilter withHasText(Boolean value) {
    return new SearchFilter(pathPrefixes, from, to, tags, formats, minWidth, minHeight, value);
  }
}
