package dev.imagerag.logic.search;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.ImageRagException;
import dev.imagerag.domain.SearchHit;
import dev.imagerag.domain.SearchMode;
import dev.imagerag.domain.SignalScore;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.catalog.StoredVector;
import dev.imagerag.logic.embed.TextEmbedder;
import dev.imagerag.logic.embed.Vectors;
import dev.imagerag.logic.ingest.DecodeException;
import dev.imagerag.logic.ingest.ImageDecoder;
import dev.imagerag.logic.ingest.IndexStage;
import dev.imagerag.logic.ingest.ThumbnailStore;
import dev.imagerag.logic.store.StoreHit;
import dev.imagerag.logic.store.VectorNames;
import dev.imagerag.logic.store.VectorStore;
import dev.imagerag.support.Deadline;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;

/**
 * The one search entry point for GUI, CLI and chat.
 *
 * <ul>
 *   <li>keyword: BM25 over file and folder names, OCR text, captions and tags;
 *   <li>visual: the query (text through the CLIP text tower, images through its vision tower)
 *       against the images' visual vectors;
 *   <li>text: the query's meaning against caption/OCR text vectors;
 *   <li>hybrid (default): reciprocal rank fusion of whichever signals are available, weighted by
 *       {@link SearchSettings}. Ranks are fused rather than scores because cosine and BM25 scores
 *       are not comparable; a missing signal (no model, no text in a photo) simply adds nothing.
 * </ul>
 *
 * <p>Queries may combine weighted terms ({@link QueryTerms}). Every hit explains itself (the score
 * of each signal that knows it, snippets of its text), near-duplicates are shown once, and the list
 * can be cut where the scores drop off ({@link RelevanceCutoff}). Filters apply inside every
 * signal's search. Thread-safe.
 */
public final class SearchService {
  static final String KEYWORD = "keyword";
  static final String VISUAL = "visual";
  static final String TEXT = "text";
  /** Candidates asked of each signal before fusion, grouping and cutting (more than k keeps recall). */
  private static final int MIN_CANDIDATES = 50;
  /** Ranked images looked at (at least) for liveness and duplicate groups: those that can be shown. */
  private static final int HIT_WINDOW = 40;
  /** Runs one signal's index search beside the others (daemon threads, created as needed). */
  private static final ExecutorService SIGNAL_THREADS = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "imagerag-search-signal");
    thread.setDaemon(true);
    return thread;
  });
  private static final long QUERY_IMAGE_PIXELS = 24_000_000L;

  private final Catalog catalog;
  private final VectorStore store;
  private final ImageDecoder decoder;
  private final Encoders encoders;
  private final ThumbnailStore thumbnails;
  private final SearchSettings settings;

  public SearchService(
      Catalog catalog, VectorStore store, ImageDecoder decoder, Encoders encoders, ThumbnailStore thumbnails,
      SearchSettings settings) {
    this.catalog = catalog;
    this.store = store;
    this.decoder = decoder;
    this.encoders = cached(encoders);
    this.thumbnails = thumbnails;
    this.settings = settings;
  }

  public SearchService(Catalog catalog, VectorStore store, ImageDecoder decoder, Encoders encoders) {
    this(catalog, store, decoder, encoders, null, SearchSettings.DEFAULTS);
  }

  public SearchService(Catalog catalog, VectorStore store) {
    this(catalog, store, null, Encoders.NONE);
  }

  private static Encoders cached(Encoders e) {
    TextEmbedder visualTexts = e.visualTexts() == null ? null : new CachingTextEmbedder(e.visualTexts(), 512);
    TextEmbedder texts = e.texts() == null ? null : new CachingTextEmbedder(e.texts(), 512);
    return new Encoders(e.visualImages(), visualTexts, texts, e.visualMissing());
  }

  public Encoders encoders() {
    return encoders;
  }

  /**
   * Ranked hits (one per duplicate group), best first; hits whose image has no file left are
   * dropped.
   *
   * @throws ImageRagException when the mode needs a model that is not available, the query has
   *     nothing the mode can use, or an example image cannot be read
   */
  public List<SearchHit> search(SearchRequest request) {
    Query query = Query.of(request);
    int candidates = Math.max(MIN_CANDIDATES, request.k() * (request.groupDuplicates() ? 4 : 3));
    Map<String, List<StoreHit>> lists = new LinkedHashMap<>();
    Map<String, float[]> queryVectors = new HashMap<>();
    switch (request.mode()) {
      case KEYWORD -> lists.put(KEYWORD, keyword(query, candidates, request, true));
      case VISUAL -> lists.put(VISUAL, nearest(VISUAL, visualVector(query, true), candidates, request, queryVectors));
      case TEXT -> lists.put(TEXT, nearest(TEXT, textVector(query, true), candidates, request, queryVectors));
      case HYBRID -> hybridLists(query, candidates, request, lists, queryVectors);
    }
    List<StoreHit> ranked = rank(lists, request.mode());
    Map<ImageId, Double> relevance = relevance(ranked, lists, request.mode());
    ranked = cut(ranked, relevance, request);
    return hits(ranked, lists, queryVectors, query, request);
  }

  /**
   * Images visually most similar to an image already in the library (itself excluded).
   *
   * @throws ImageRagException when the image has no visual vector of the current model
   */
  public List<SearchHit> similar(ImageId id, int k, dev.imagerag.logic.store.SearchFilter filter) {
    float[] vector = currentVisual(id);
    if (vector == null) {
      throw new ImageRagException("The image " + id.shortHex() + " has no visual vector yet"
          + (encoders.hasVisual() ? "; run `image-rag index` to finish embedding." : ": " + encoders.visualMissing()
              + "."));
    }
    // Whole images against whole images: a plan is not similar to a photo because one tile is.
    List<StoreHit> hits = store.nearestWhole(VectorNames.VISUAL, vector, k + 1, filter).stream()
        .filter(h -> !h.id().equals(id)).limit(k).toList();
    List<SearchHit> result = new ArrayList<>();
    for (StoreHit hit : hits) {
      List<String> paths = catalog.paths(hit.id());
      if (!paths.isEmpty()) {
        result.add(new SearchHit(result.size() + 1, hit.id(), paths, hit.score(), SearchMode.VISUAL,
            List.of(new SignalScore(VISUAL, hit.score(), result.size() + 1)), List.of(), List.of()));
      }
    }
    return result;
  }

  /**
   * Every group of near-duplicates in the library (visual similarity at least {@code threshold}),
   * largest first; within a group the best image (largest, then sharpest) comes first. Nothing is
   * deleted. Costs one nearest-neighbour query per image.
   */
  public List<List<ImageId>> duplicateGroups(double threshold) {
    requireVisual();
    Map<ImageId, ImageId> parent = new HashMap<>();
    catalog.forEachImageId(id -> {
      float[] vector = currentVisual(id);
      if (vector == null) {
        return;
      }
      for (StoreHit hit : store.nearestWhole(VectorNames.VISUAL, vector, 20,
          dev.imagerag.logic.store.SearchFilter.NONE)) {
        if (hit.score() >= threshold && !hit.id().equals(id)) {
          union(parent, id, hit.id());
        }
      }
    });
    Map<ImageId, List<ImageId>> groups = new LinkedHashMap<>();
    for (ImageId id : parent.keySet()) {
      groups.computeIfAbsent(find(parent, id), r -> new ArrayList<>()).add(id);
    }
    Comparator<ImageId> best = better().reversed();
    return groups.values().stream().filter(g -> g.size() > 1)
        .map(g -> g.stream().sorted(best).toList())
        .sorted(Comparator.comparingInt((List<ImageId> g) -> g.size()).reversed())
        .toList();
  }

  private static ImageId find(Map<ImageId, ImageId> parent, ImageId id) {
    ImageId root = id;
    while (!parent.getOrDefault(root, root).equals(root)) {
      root = parent.get(root);
    }
    parent.putIfAbsent(id, root);
    return root;
  }

  private static void union(Map<ImageId, ImageId> parent, ImageId a, ImageId b) {
    parent.putIfAbsent(a, a);
    parent.putIfAbsent(b, b);
    ImageId ra = find(parent, a);
    ImageId rb = find(parent, b);
    if (!ra.equals(rb)) {
      parent.put(ra, rb);
    }
  }

  // ---- signals ----------------------------------------------------------------------------

  /**
   * The three signals' lists. The query is encoded first (the encoders run one at a time); then
   * the visual search runs on another thread while the keyword and text searches run on this one,
   * so a hybrid query costs about its slowest signal rather than their sum.
   */
  private void hybridLists(Query query, int candidates, SearchRequest request, Map<String, List<StoreHit>> lists,
      Map<String, float[]> queryVectors) {
    float[] visual = null;
    if (encoders.hasVisual()) {
      visual = visualVector(query, true);
    } else if (query.hasImages()) {
      requireVisual();
    }
    boolean textSignal = encoders.texts() != null && query.hasText() && !query.hasImages();
    float[] text = textSignal ? textVector(query, false) : null;
    float[] visualQuery = visual;
    CompletableFuture<List<StoreHit>> visualHits = visualQuery == null ? null
        : CompletableFuture.supplyAsync(() -> nearest(VISUAL, visualQuery, candidates, request, new HashMap<>()),
            SIGNAL_THREADS);
    List<StoreHit> keywordHits;
    List<StoreHit> textHits;
    try {
      keywordHits = query.keywordText().isEmpty() ? null : keyword(query, candidates, request, false);
      textHits = text == null ? null : nearest(TEXT, text, candidates, request, queryVectors);
    } catch (RuntimeException | Error e) {
      if (visualHits != null) {
        visualHits.cancel(false);
      }
      throw e;
    }
    if (keywordHits != null) {
      lists.put(KEYWORD, keywordHits);
    }
    if (visualHits != null) {
      lists.put(VISUAL, join(visualHits));
      queryVectors.put(VISUAL, visualQuery);
    } else if (encoders.hasVisual()) {
      lists.put(VISUAL, List.of());
    }
    if (textSignal) {
      lists.put(TEXT, textHits == null ? List.of() : textHits);
    }
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  private List<StoreHit> keyword(Query query, int k, SearchRequest request, boolean required) {
    if (query.hasImages() && required) {
      throw new ImageRagException("An example image can only be searched visually (--mode visual or hybrid).");
    }
    if (query.keywordText().isEmpty()) {
      if (required) {
        throw new ImageRagException("Keyword search needs words to look for.");
      }
      return List.of();
    }
    return store.keyword(query.keywordText(), k, request.filter());
  }

  private List<StoreHit> nearest(String signal, float[] vector, int k, SearchRequest request,
      Map<String, float[]> queryVectors) {
    if (vector == null) {
      return List.of();
    }
    queryVectors.put(signal, vector);
    String field = signal.equals(VISUAL) ? VectorNames.VISUAL : VectorNames.TEXTUAL;
    return store.nearest(field, vector, k, request.filter());
  }

  private float[] visualVector(Query query, boolean required) {
    if (!encoders.hasVisual()) {
      if (required) {
        requireVisual();
      }
      return null;
    }
    List<float[]> parts = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    List<QueryTerms.Term> texts = query.terms().stream().filter(t -> !t.isImage()).toList();
    if (!texts.isEmpty()) {
      List<float[]> embedded = encoders.visualTexts().embedTexts(texts.stream().map(QueryTerms.Term::text).toList());
      for (int i = 0; i < texts.size(); i++) {
        parts.add(embedded.get(i));
        weights.add(texts.get(i).weight());
      }
    }
    for (QueryTerms.Term term : query.terms()) {
      if (term.isImage()) {
        parts.add(encoders.visualImages().embedImages(List.of(readImage(term.image()))).get(0));
        weights.add(term.weight());
      }
    }
    return combine(parts, weights);
  }

  private float[] textVector(Query query, boolean required) {
    if (encoders.texts() == null) {
      throw new ImageRagException("Text search needs the text embedder, which is not available in this library.");
    }
    if (query.hasImages()) {
      if (required) {
        throw new ImageRagException("Text search compares words; search an example image with --mode visual.");
      }
      return null;
    }
    List<QueryTerms.Term> terms = query.terms();
    List<float[]> embedded = encoders.texts().embedTexts(terms.stream().map(QueryTerms.Term::text).toList());
    return combine(embedded, terms.stream().map(QueryTerms.Term::weight).toList());
  }

  /** The weighted sum of unit vectors, normalised; the terms must not cancel out. */
  private static float[] combine(List<float[]> parts, List<Double> weights) {
    if (parts.size() == 1 && weights.get(0) > 0) {
      return parts.get(0);
    }
    float[] sum = new float[parts.get(0).length];
    for (int p = 0; p < parts.size(); p++) {
      float[] unit = Vectors.normalized(parts.get(p));
      for (int i = 0; i < sum.length; i++) {
        sum[i] += (float) (weights.get(p) * unit[i]);
      }
    }
    try {
      return Vectors.normalized(sum);
    } catch (IllegalArgumentException e) {
      throw new ImageRagException("The query's terms cancel each other out; add or reweight a term.", e);
    }
  }

  private BufferedImage readImage(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ImageRagException("No such image file: " + file);
    }
    try {
      return decoder.decodeWithin(file, QUERY_IMAGE_PIXELS, Deadline.after(Duration.ofSeconds(30))).pixels();
    } catch (DecodeException e) {
      throw new ImageRagException("Cannot search by " + file + ": " + e.skip(), e);
    }
  }

  private void requireVisual() {
    if (!encoders.hasVisual()) {
      throw new ImageRagException("Visual search is not available: " + encoders.visualMissing()
          + ". Keyword search works meanwhile (--mode keyword or hybrid).");
    }
  }

  // ---- ranking, cutting, grouping -----------------------------------------------------------

  /** One signal's list as it is (its own scores); several fused by weighted reciprocal ranks. */
  private List<StoreHit> rank(Map<String, List<StoreHit>> lists, SearchMode mode) {
    if (lists.isEmpty()) {
      return List.of();
    }
    if (mode != SearchMode.HYBRID || lists.size() == 1) {
      return lists.values().iterator().next();
    }
    List<RankFusion.Ranking> rankings = new ArrayList<>();
    lists.forEach((signal, hits) -> rankings.add(new RankFusion.Ranking(hits, weight(signal))));
    return RankFusion.fuse(rankings, Integer.MAX_VALUE);
  }

  private double weight(String signal) {
    return switch (signal) {
      case KEYWORD -> settings.keywordWeight();
      case VISUAL -> settings.visualWeight();
      default -> settings.textWeight();
    };
  }

  /**
   * A score in [0, 1] per hit that compares across signals: each signal's score divided by that
   * signal's best score for this query, the best signal counting.
   */
  private static Map<ImageId, Double> relevance(List<StoreHit> ranked, Map<String, List<StoreHit>> lists,
      SearchMode mode) {
    Map<ImageId, Double> relevance = new HashMap<>();
    if (mode != SearchMode.HYBRID || lists.size() == 1) {
      ranked.forEach(h -> relevance.put(h.id(), h.score()));
      return relevance;
    }
    for (List<StoreHit> hits : lists.values()) {
      if (hits.isEmpty() || !(hits.get(0).score() > 0)) {
        continue;
      }
      double top = hits.get(0).score();
      for (StoreHit hit : hits) {
        relevance.merge(hit.id(), Math.max(0, hit.score() / top), Math::max);
      }
    }
    return relevance;
  }

  private static List<StoreHit> cut(List<StoreHit> ranked, Map<ImageId, Double> relevance, SearchRequest request) {
    List<StoreHit> kept = ranked;
    if (request.threshold() != null) {
      kept = kept.stream().filter(h -> h.score() >= request.threshold()).toList();
    }
    if (request.relevantOnly() && !kept.isEmpty()) {
      double[] scores = kept.stream().mapToDouble(h -> relevance.getOrDefault(h.id(), 0.0)).toArray();
      double[] sorted = Arrays.stream(scores).boxed().sorted(Comparator.reverseOrder())
          .mapToDouble(Double::doubleValue).toArray();
      int keep = RelevanceCutoff.keep(sorted);
      double floor = sorted[keep - 1];
      kept = kept.stream().filter(h -> relevance.getOrDefault(h.id(), 0.0) >= floor).toList();
    }
    return kept;
  }

  private List<SearchHit> hits(List<StoreHit> ranked, Map<String, List<StoreHit>> lists,
      Map<String, float[]> queryVectors, Query query, SearchRequest request) {
    // Fused lists hold several times k images; only the head of the ranking is shown. Liveness and
    // grouping (a catalog read per image) look at a window of it, widened until k groups fill it.
    Map<ImageId, StoreHit> byId = new HashMap<>();
    Map<ImageId, float[]> visuals = new HashMap<>();
    Comparator<ImageId> better = foundBySignals(lists).thenComparing(better());
    int window = Math.min(ranked.size(), Math.max(HIT_WINDOW, request.k() * 4));
    List<DuplicateGroups.Group> groups;
    while (true) {
      List<StoreHit> live = ranked.subList(0, window).stream()
          .filter(h -> byId.containsKey(h.id()) || !catalog.paths(h.id()).isEmpty()).toList();
      live.forEach(h -> byId.put(h.id(), h));
      if (request.groupDuplicates() && encoders.hasVisual()) {
        groups = DuplicateGroups.of(live.stream().map(StoreHit::id).toList(),
            id -> visuals.computeIfAbsent(id, this::currentVisual), settings.duplicateThreshold(), better);
      } else {
        groups = live.stream().map(h -> new DuplicateGroups.Group(h.id(), List.of(h.id()))).toList();
      }
      if (groups.size() >= request.k() || window == ranked.size()) {
        break;
      }
      window = Math.min(ranked.size(), window * 2);
    }
    List<SearchHit> result = new ArrayList<>();
    for (DuplicateGroups.Group group : groups) {
      if (result.size() >= request.k()) {
        break;
      }
      ImageId id = group.representative();
      double score = byId.get(group.members().get(0)).score();
      result.add(new SearchHit(result.size() + 1, id, catalog.paths(id), score, request.mode(),
          signals(id, lists, queryVectors), snippets(id, query), group.others()));
    }
    return result;
  }

  private List<SignalScore> signals(ImageId id, Map<String, List<StoreHit>> lists, Map<String, float[]> queryVectors) {
    List<SignalScore> signals = new ArrayList<>();
    Map<String, StoredVector> vectors = null;
    for (Map.Entry<String, List<StoreHit>> list : lists.entrySet()) {
      List<StoreHit> hits = list.getValue();
      int rank = 0;
      for (int i = 0; i < hits.size(); i++) {
        if (hits.get(i).id().equals(id)) {
          rank = i + 1;
          break;
        }
      }
      if (rank > 0) {
        signals.add(new SignalScore(list.getKey(), hits.get(rank - 1).score(), rank));
        continue;
      }
      float[] queryVector = queryVectors.get(list.getKey());
      if (queryVector != null) {
        if (vectors == null) {
          vectors = catalog.storedVectors(id);
        }
        StoredVector stored = vectors.get(list.getKey().equals(VISUAL) ? VectorNames.VISUAL : VectorNames.TEXTUAL);
        if (stored != null && stored.vector().length == queryVector.length) {
          signals.add(new SignalScore(list.getKey(), Vectors.cosine(stored.vector(), queryVector), 0));
        }
      }
    }
    return signals;
  }

  private List<String> snippets(ImageId id, Query query) {
    if (query.keywordText().isEmpty()) {
      return List.of();
    }
    Map<String, String> texts = catalog.texts(id);
    List<String> snippets = new ArrayList<>();
    for (String field : List.of(IndexStage.OCR, IndexStage.CAPTION)) {
      snippets.addAll(Snippets.of(texts.get(field), query.keywordText(), 2 - snippets.size()));
      if (snippets.size() >= 2) {
        break;
      }
    }
    return snippets;
  }

  /** The image's visual vector from the current visual model, or null. */
  private float[] currentVisual(ImageId id) {
    StoredVector stored = catalog.storedVectors(id).get(VectorNames.VISUAL);
    if (stored == null || (encoders.visualImages() != null
        && !stored.model().equals(encoders.visualImages().modelId()))) {
      return null;
    }
    return stored.vector();
  }

  /**
   * Members found by more of the query's signals first: a lookalike that only the visual signal
   * found (another screenshot of the same window) must not stand in for the one whose words match.
   */
  private static Comparator<ImageId> foundBySignals(Map<String, List<StoreHit>> lists) {
    Map<ImageId, Integer> signals = new HashMap<>();
    lists.values().forEach(hits -> hits.forEach(h -> signals.merge(h.id(), 1, Integer::sum)));
    return Comparator.comparingInt(id -> signals.getOrDefault(id, 0));
  }

  /** Larger resolution first, then the sharper thumbnail. */
  private Comparator<ImageId> better() {
    Map<ImageId, Double> sharpness = new HashMap<>();
    Comparator<ImageId> byPixels = Comparator.comparingLong(id -> catalog.image(id)
        .map(r -> (long) r.width() * r.height()).orElse(0L));
    return byPixels.thenComparingDouble(id -> sharpness.computeIfAbsent(id, this::sharpness));
  }

  private double sharpness(ImageId id) {
    if (thumbnails == null || !thumbnails.exists(id)) {
      return 0;
    }
    try {
      BufferedImage thumbnail = ImageIO.read(thumbnails.path(id).toFile());
      return thumbnail == null ? 0 : Sharpness.of(thumbnail);
    } catch (IOException e) {
      return 0;
    }
  }

  /** The parsed query: its terms and the words keyword search uses. */
  private record Query(List<QueryTerms.Term> terms, String keywordText) {
    static Query of(SearchRequest request) {
      List<QueryTerms.Term> terms = new ArrayList<>();
      if (request.text() != null) {
        terms.addAll(QueryTerms.parse(request.text()));
      }
      if (request.image() != null) {
        terms.add(new QueryTerms.Term(1.0, null, request.image()));
      }
      String words = terms.stream().filter(t -> !t.isImage() && t.weight() > 0).map(QueryTerms.Term::text)
          .filter(Objects::nonNull).collect(Collectors.joining(" "));
      return new Query(terms, words);
    }

    boolean hasImages() {
      return terms.stream().anyMatch(QueryTerms.Term::isImage);
    }

    boolean hasText() {
      return terms.stream().anyMatch(t -> !t.isImage());
    }
  }

}
