package dev.imagerag.ui.search;

import dev.imagerag.domain.SearchHit;
import dev.imagerag.domain.StageState;
import dev.imagerag.domain.StageStatus;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.ui.gallery.GalleryItem;
import java.util.ArrayList;
import java.util.List;

/** Search hits as gallery tiles, with what the catalog knows of each image. Blocks (catalog). */
final class ResultItems {
  private ResultItems() {}

  static List<GalleryItem> of(Catalog catalog, List<SearchHit> hits) {
    List<GalleryItem> items = new ArrayList<>(hits.size());
    for (SearchHit hit : hits) {
      int unfinished = 0;
      int failed = 0;
      for (StageStatus stage : catalog.stages(hit.id())) {
        if (stage.state() == StageState.PENDING || stage.state() == StageState.RUNNING) {
          unfinished++;
        } else if (stage.state() == StageState.FAILED) {
          failed++;
        }
      }
      items.add(GalleryItem.of(hit, catalog.image(hit.id()).orElse(null), unfinished, failed));
    }
    return items;
  }
}
