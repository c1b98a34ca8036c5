package dev.imagerag.ui.gallery;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Orders search results: by rank (relevance), or by date or name like the library. */
final class ResultOrder {
  private ResultOrder() {}

  static List<GalleryItem> sorted(List<GalleryItem> hits, GalleryViewModel.Sort sort) {
    Comparator<GalleryItem> order = switch (sort) {
      case RELEVANCE, ADDED -> Comparator.comparingInt(GalleryItem::rank);
      case NAME -> Comparator.comparing(GalleryItem::fileName, String.CASE_INSENSITIVE_ORDER);
      case DATE_NEWEST -> Comparator.comparing(GalleryItem::date, Comparator.nullsLast(Comparator.<Instant>reverseOrder()));
      case DATE_OLDEST -> Comparator.comparing(GalleryItem::date, Comparator.nullsLast(Comparator.<Instant>naturalOrder()));
    };
    return hits.stream().sorted(order.thenComparingInt(GalleryItem::rank)).toList();
  }
}
