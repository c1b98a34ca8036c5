package dev.imagerag.ui.detail;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.ImageRecord;
import dev.imagerag.domain.SearchHit;
import dev.imagerag.domain.StageStatus;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.catalog.Tags;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.search.SearchSettings;
import dev.imagerag.logic.store.SearchFilter;
import dev.imagerag.ui.common.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything the detail view shows of one image, read in one go off the UI thread.
 *
 * @param record null when the image left the library meanwhile
 * @param similar visually similar images, best first (near-duplicates excluded)
 * @param duplicates near-duplicates (visual similarity at least the duplicate threshold)
 * @param similarNote why there are no similar images to show, or empty
 */
public record ImageDetails(
    ImageId id, ImageRecord record, List<String> paths, Map<String, String> texts, List<String> tags,
    List<StageStatus> stages, List<Neighbour> similar, List<Neighbour> duplicates, String similarNote) {

  static final int SIMILAR = 16;

  /** Another image shown next to this one, with its similarity. */
  public record Neighbour(ImageId id, String path, double score) { }

  /**
   * Puts each hit among the near-duplicates (similarity at least {@code threshold}) or the similar
   * images; hits with a similarity of 0 or less look nothing alike and are left out.
   */
  static void sortNeighbours(List<SearchHit> hits, double threshold, List<Neighbour> similar,
      List<Neighbour> duplicates) {
    for (SearchHit hit : hits) {
      if (hit.score() <= 0) {
        continue;
      }
      Neighbour n = new Neighbour(hit.id(), hit.path(), hit.score());
      (hit.score() >= threshold ? duplicates : similar).add(n);
    }
  }

  static ImageDetails load(Library library, ImageId id) {
    Catalog catalog = library.catalog();
    ImageRecord record = catalog.image(id).orElse(null);
    Map<String, String> texts = catalog.texts(id);
    List<Neighbour> similar = new ArrayList<>();
    List<Neighbour> duplicates = new ArrayList<>();
    String note = "";
    if (!library.models().visualReady()) {
      note = "Similar images need a visual model — download one in Settings ▸ Models.";
    } else if (record != null) {
      try {
        sortNeighbours(library.search().similar(id, SIMILAR + 8, SearchFilter.NONE),
            SearchSettings.DEFAULTS.duplicateThreshold(), similar, duplicates);
        if (similar.size() > SIMILAR) {
          similar = new ArrayList<>(similar.subList(0, SIMILAR));
        }
        if (similar.isEmpty() && duplicates.isEmpty()) {
          note = "No other image looks like this one yet.";
        }
      } catch (RuntimeException e) {
        note = Problems.message(e);
      }
    }
    return new ImageDetails(id, record, catalog.paths(id), texts, List.copyOf(Tags.of(texts)), catalog.stages(id),
        similar, duplicates, note);
  }
}
