package dev.imagerag.ui.gallery;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.ImageRecord;
import dev.imagerag.domain.SearchHit;
import dev.imagerag.domain.SignalScore;
import dev.imagerag.logic.catalog.ImageSummary;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One tile of the gallery: an image of the library, or a ranked search hit.
 *
 * @param date capture date, else file date; null when unknown
 * @param unfinished stages still pending or running for it (a "processing" badge)
 * @param failed stages that failed for it (a warning badge)
 * @param rank 1-based rank for search hits, 0 when browsing
 * @param score the hit's score in its mode's unit, NaN when browsing
 * @param signals why it matched (keyword, visual, text), empty when browsing
 * @param similar near-duplicates grouped under this hit ("+N similar")
 * @param snippets text passages around the query's words, words marked {@code **so**}
 */
public record GalleryItem(
    ImageId id, String path, int width, int height, String format, long sizeBytes, Instant date, int unfinished,
    int failed, int rank, double score, List<SignalScore> signals, List<ImageId> similar, List<String> snippets) {

  public GalleryItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(path, "path");
    signals = List.copyOf(signals);
    similar = List.copyOf(similar);
    snippets = List.copyOf(snippets);
  }

  public static GalleryItem of(ImageSummary s) {
    return new GalleryItem(s.id(), s.path(), s.width(), s.height(), s.format().id(), s.sizeBytes(), s.date(),
        s.unfinished(), s.failed(), 0, Double.NaN, List.of(), List.of(), List.of());
  }

  /** A hit, with what the catalog knows of its image when it knows it ({@code record} may be null). */
  public static GalleryItem of(SearchHit hit, ImageRecord record, int unfinished, int failed) {
    return new GalleryItem(hit.id(), hit.path(),
        record == null ? 0 : record.width(), record == null ? 0 : record.height(),
        record == null ? "" : record.format().id(), record == null ? 0 : record.sizeBytes(),
        record == null ? null : record.date(), unfinished, failed, hit.rank(), hit.score(), hit.signals(),
        hit.similar(), hit.snippets());
  }

  public boolean isHit() {
    return rank > 0;
  }

  public String fileName() {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return slash < 0 ? path : path.substring(slash + 1);
  }

  /** Signal names that found this hit in their own list ("keyword", "visual", "text"). */
  public List<String> why() {
    return signals.stream().filter(s -> s.rank() > 0).map(SignalScore::signal).toList();
  }
}
