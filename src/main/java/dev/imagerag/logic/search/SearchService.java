package dev.imagerag.logic.search;

import dev.imagerag.domain.ImageRagException;
import dev.imagerag.domain.SearchHit;
import dev.imagerag.domain.SearchMode;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.store.StoreHit;
import dev.imagerag.logic.store.VectorStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The one search entry point for GUI, CLI and chat. Keyword search works from the first import
 * (file and folder names, and any text the stages extracted); visual and text modes need their
 * models. Hybrid fuses whatever signals are available, so it always answers.
 */
public final class SearchService {
  private final Catalog catalog;
  private final VectorStore store;

  public SearchService(Catalog catalog, VectorStore store) {
    this.catalog = catalog;
    this.store = store;
  }

  /**
   * Ranked hits, best first; hits whose image has no file left are dropped.
   *
   * @throws ImageRagException when the mode needs a model that is not available
   */
  public List<SearchHit> search(SearchRequest request) {
    if (request.image() != null) {
      throw new ImageRagException(
          "Searching by example image needs a visual model, and none is installed yet. "
              + "Search by text meanwhile (keyword search works from the first import).");
    }
    List<StoreHit> hits = switch (request.mode()) {
      case KEYWORD -> store.keyword(request.text(), request.k(), request.filter());
      case HYBRID -> RankFusion.fuse(
          List.of(new RankFusion.Ranking(store.keyword(request.text(), request.k(), request.filter()), 1.0)),
          request.k());
      case VISUAL -> throw new ImageRagException(
          "Visual search needs a visual (CLIP) model, and none is installed yet. "
              + "Use --mode keyword or hybrid meanwhile.");
      case TEXT -> throw new ImageRagException(
          "Text search needs the text embedder, which is not part of this build yet. "
              + "Use --mode keyword or hybrid meanwhile.");
    };
    return toHits(hits, request.mode());
  }

  private List<SearchHit> toHits(List<StoreHit> hits, SearchMode mode) {
    List<SearchHit> result = new ArrayList<>(hits.size());
    for (StoreHit hit : hits) {
      List<String> paths = catalog.paths(hit.id());
      if (!paths.isEmpty()) {
        result.add(new SearchHit(result.size() + 1, hit.id(), paths, hit.score(), mode));
      }
    }
    return result;
  }
}
