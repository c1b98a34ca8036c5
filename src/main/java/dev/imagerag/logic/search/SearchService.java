package dev.imagerag.logic.search;

import dev.imagerag.domain.ImageRagException;
import dev.imagerag.domain.SearchHit;
import dev.imagerag.domain.SearchMode;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.ingest.DecodeException;
import dev.imagerag.logic.ingest.ImageDecoder;
import dev.imagerag.logic.store.StoreHit;
import dev.imagerag.logic.store.VectorNames;
import dev.imagerag.logic.store.VectorStore;
import dev.imagerag.support.Deadline;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The one search entry point for GUI, CLI and chat.
 *
 * <ul>
 *   <li>keyword: BM25 over file and folder names and extracted text;
 *   <li>visual: the query text (CLIP text tower) or an example image (CLIP vision tower) against
 *       the images' visual vectors;
 *   <li>text: the query's meaning against caption/OCR text vectors;
 *   <li>hybrid (default): reciprocal rank fusion of whichever of the three are available, so it
 *       answers with no model at all (keyword only) and improves as models arrive.
 * </ul>
 */
public final class SearchService {
  /** Candidates asked of each signal before fusion (more than k keeps recall high). */
  private static final int MIN_CANDIDATES = 50;
  private static final long QUERY_IMAGE_PIXELS = 24_000_000L;

  private final Catalog catalog;
  private final VectorStore store;
  private final ImageDecoder decoder;
  private final Encoders encoders;

  public SearchService(Catalog catalog, VectorStore store, ImageDecoder decoder, Encoders encoders) {
    this.catalog = catalog;
    this.store = store;
    this.decoder = decoder;
    this.encoders = encoders;
  }

  public SearchService(Catalog catalog, VectorStore store) {
    this(catalog, store, null, Encoders.NONE);
  }

  public Encoders encoders() {
    return encoders;
  }

  /**
   * Ranked hits, best first; hits whose image has no file left are dropped.
   *
   * @throws ImageRagException when the mode needs a model that is not available, or the example
   *     image cannot be read
   */
  public List<SearchHit> search(SearchRequest request) {
    if (request.image() != null) {
      if (request.mode() == SearchMode.TEXT || request.mode() == SearchMode.KEYWORD) {
        throw new ImageRagException("An example image can only be searched visually (--mode visual or hybrid).");
      }
      return toHits(nearestToImage(request, request.k()), request.mode());
    }
    List<StoreHit> hits = switch (request.mode()) {
      case KEYWORD -> store.keyword(request.text(), request.k(), request.filter());
      case VISUAL -> visual(request, request.k());
      case TEXT -> textual(request, request.k());
      case HYBRID -> hybrid(request);
    };
    return toHits(hits, request.mode());
  }

  private List<StoreHit> hybrid(SearchRequest request) {
    int candidates = Math.max(MIN_CANDIDATES, request.k() * 3);
    List<RankFusion.Ranking> rankings = new ArrayList<>();
    rankings.add(new RankFusion.Ranking(store.keyword(request.text(), candidates, request.filter()), 1.0));
    if (encoders.hasVisual()) {
      rankings.add(new RankFusion.Ranking(visual(request, candidates), 1.0));
    }
    if (encoders.texts() != null) {
      rankings.add(new RankFusion.Ranking(textual(request, candidates), 1.0));
    }
    return RankFusion.fuse(rankings, request.k());
  }

  private List<StoreHit> visual(SearchRequest request, int k) {
    requireVisual();
    float[] query = encoders.visualTexts().embedTexts(List.of(request.text())).get(0);
    return store.nearest(VectorNames.VISUAL, query, k, request.filter());
  }

  private List<StoreHit> textual(SearchRequest request, int k) {
    if (encoders.texts() == null) {
      throw new ImageRagException("Text search needs the text embedder, which is not available in this library.");
    }
    float[] query = encoders.texts().embedTexts(List.of(request.text())).get(0);
    return store.nearest(VectorNames.TEXTUAL, query, k, request.filter());
  }

  private List<StoreHit> nearestToImage(SearchRequest request, int k) {
    requireVisual();
    BufferedImage image;
    try {
      image = decoder.decodeWithin(request.image(), QUERY_IMAGE_PIXELS, Deadline.after(Duration.ofSeconds(30))).pixels();
    } catch (DecodeException e) {
      throw new ImageRagException("Cannot search by " + request.image() + ": " + e.skip(), e);
    }
    float[] query = encoders.visualImages().embedImages(List.of(image)).get(0);
    return store.nearest(VectorNames.VISUAL, query, k, request.filter());
  }

  private void requireVisual() {
    if (!encoders.hasVisual()) {
      throw new ImageRagException("Visual search is not available: " + encoders.visualMissing()
          + ". Keyword search works meanwhile (--mode keyword or hybrid).");
    }
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
