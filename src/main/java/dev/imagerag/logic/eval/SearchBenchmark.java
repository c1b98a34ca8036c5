package dev.imagerag.logic.eval;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.SearchMode;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.embed.ImageEmbedder;
import dev.imagerag.logic.embed.TextEmbedder;
import dev.imagerag.logic.search.Encoders;
import dev.imagerag.logic.search.RankFusion;
import dev.imagerag.logic.search.SearchRequest;
import dev.imagerag.logic.search.SearchService;
import dev.imagerag.logic.store.IndexedImage;
import dev.imagerag.logic.store.SearchFilter;
import dev.imagerag.logic.store.StoreHit;
import dev.imagerag.logic.store.VectorNames;
import dev.imagerag.logic.store.VectorStore;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Measures search on a {@link SyntheticLibrary}: fills an index (and optionally a catalog), then
 * times each mode over the same queries with their vectors computed beforehand (the query
 * encoders are not measured), and compares approximate nearest neighbours with exact ones.
 *
 * <p>Modes: keyword, visual and text each ask the store for as many candidates as
 * {@code SearchService} does; "hybrid (index)" is the three lists fused as {@code SearchService}
 * fuses them; "hybrid (service)" is the whole {@code SearchService.search} (fusion, catalog
 * lookups, near-duplicate grouping, explanations, snippets), with and without grouping.
 */
public final class SearchBenchmark {
  public static final String KEYWORD = "keyword";
  public static final String VISUAL = "visual";
  public static final String TEXT = "text";
  public static final String HYBRID_INDEX = "hybrid (index)";
  public static final String HYBRID_SERVICE = "hybrid (service)";
  public static final String HYBRID_SERVICE_UNGROUPED = "hybrid (service, no grouping)";
  private static final int MAX_WARM_UP = 50;

  /** One mode's latency (ms) and, for nearest-neighbour modes, recall@k against exact search. */
  public record ModeMeasurement(String mode, Latencies latency, Double recall) {}

  private final SyntheticLibrary data;

  public SearchBenchmark(SyntheticLibrary data) {
    this.data = data;
  }

  /** Upserts every image, {@code batch} per call; returns the nanoseconds spent. */
  public long fillIndex(VectorStore store, int batch, Consumer<String> progress) {
    long start = System.nanoTime();
    for (int from = 0; from < data.size(); from += batch) {
      int to = Math.min(data.size(), from + batch);
      List<IndexedImage> images = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        images.add(data.image(i));
      }
      store.upsert(images);
      progress.accept(String.format(java.util.Locale.ROOT, "indexed %,d of %,d images (%.0f s)", to, data.size(),
          (System.nanoTime() - start) / 1e9));
    }
    return System.nanoTime() - start;
  }

  /** Records every image in the catalog with its path, vectors and text; returns nanoseconds. */
  public long fillCatalog(Catalog catalog, Consumer<String> progress) {
    long start = System.nanoTime();
    for (int i = 0; i < data.size(); i++) {
      ImageId id = data.id(i);
      catalog.recordImport(data.record(i), data.pathEntry(i), List.of(), Map.of());
      catalog.putVector(id, VectorNames.VISUAL, SyntheticLibrary.VISUAL_MODEL, data.visual(i));
      catalog.putText(id, "tags", SyntheticLibrary.VISUAL_MODEL, String.join(", ", data.tags(i)));
      if (data.hasText(i)) {
        catalog.putVector(id, VectorNames.TEXTUAL, SyntheticLibrary.TEXT_MODEL, data.textual(i));
        catalog.putText(id, "ocr", SyntheticLibrary.TEXT_MODEL, data.ocr(i));
      }
      if ((i + 1) % 10_000 == 0 || i + 1 == data.size()) {
        progress.accept(String.format(java.util.Locale.ROOT, "catalogued %,d of %,d images (%.0f s)", i + 1,
            data.size(), (System.nanoTime() - start) / 1e9));
      }
    }
    return System.nanoTime() - start;
  }

  /**
   * Query encoders answering the benchmark's queries from precomputed vectors, for a
   * {@code SearchService} over the filled catalog and index.
   */
  public Encoders encoders(int queries) {
    Map<String, float[]> visual = new HashMap<>();
    Map<String, float[]> textual = new HashMap<>();
    for (int q = 0; q < queries; q++) {
      SyntheticLibrary.Query query = data.query(q);
      visual.putIfAbsent(query.words(), query.visual());
      textual.putIfAbsent(query.words(), query.textual());
    }
    TextEmbedder visualTexts = new PrecomputedTextEmbedder(SyntheticLibrary.VISUAL_MODEL,
        data.spec().visualDim(), visual);
    TextEmbedder texts = new PrecomputedTextEmbedder(SyntheticLibrary.TEXT_MODEL, SyntheticLibrary.TEXT_DIM, textual);
    return new Encoders(new NoImages(data.spec().visualDim()), visualTexts, texts, null);
  }

  /**
   * Times every mode over {@code queries} queries and measures recall@k of the two vector
   * searches. Modes take turns query by query (after an untimed warm-up of each), so a busy
   * machine slows them alike.
   *
   * @param service a search service over the same index and a filled catalog, or null to skip the
   *     service-level modes
   * @param wideBeams extra visual searches asking the store for this many candidates (the HNSW
   *     beam is at least that wide) before keeping the top k: what recall a wider beam would buy
   */
  public List<ModeMeasurement> measure(
      VectorStore store, SearchService service, int queries, int k, List<Integer> wideBeams) {
    List<SyntheticLibrary.Query> list = new ArrayList<>();
    for (int q = 0; q < queries; q++) {
      list.add(data.query(q));
    }
    Map<String, Function<SyntheticLibrary.Query, List<?>>> modes = modes(store, service, k, wideBeams);
    Map<String, long[]> nanos = new LinkedHashMap<>();
    Map<String, List<List<?>>> answers = new HashMap<>();
    modes.forEach((mode, search) -> {
      list.stream().limit(MAX_WARM_UP).forEach(search::apply);
      nanos.put(mode, new long[queries]);
      answers.put(mode, new ArrayList<>());
    });
    for (int q = 0; q < queries; q++) {
      for (Map.Entry<String, Function<SyntheticLibrary.Query, List<?>>> mode : modes.entrySet()) {
        long start = System.nanoTime();
        List<?> hits = mode.getValue().apply(list.get(q));
        nanos.get(mode.getKey())[q] = System.nanoTime() - start;
        answers.get(mode.getKey()).add(hits);
      }
    }
    Map<String, Double> recalls = recalls(list, answers, k);
    List<ModeMeasurement> result = new ArrayList<>();
    nanos.forEach((mode, times) -> result.add(new ModeMeasurement(mode, Latencies.ofNanos(times), recalls.get(mode))));
    return result;
  }

  /** Each mode as one call per query, in the order they are reported. */
  private Map<String, Function<SyntheticLibrary.Query, List<?>>> modes(
      VectorStore store, SearchService service, int k, List<Integer> wideBeams) {
    int candidates = Math.max(50, 4 * k); // what SearchService asks of each signal
    Map<String, Function<SyntheticLibrary.Query, List<?>>> modes = new LinkedHashMap<>();
    modes.put(KEYWORD, q -> store.keyword(q.words(), candidates, SearchFilter.NONE));
    modes.put(VISUAL, q -> store.nearest(VectorNames.VISUAL, q.visual(), candidates, SearchFilter.NONE));
    modes.put(TEXT, q -> store.nearest(VectorNames.TEXTUAL, q.textual(), candidates, SearchFilter.NONE));
    modes.put(HYBRID_INDEX, q -> RankFusion.fuse(List.of(
        new RankFusion.Ranking(store.keyword(q.words(), candidates, SearchFilter.NONE), 1),
        new RankFusion.Ranking(store.nearest(VectorNames.VISUAL, q.visual(), candidates, SearchFilter.NONE), 1),
        new RankFusion.Ranking(store.nearest(VectorNames.TEXTUAL, q.textual(), candidates, SearchFilter.NONE), 1)),
        k));
    for (int beam : wideBeams) {
      modes.put(VISUAL + " (" + beam + " candidates)",
          q -> store.nearest(VectorNames.VISUAL, q.visual(), beam, SearchFilter.NONE));
    }
    if (service != null) {
      modes.put(HYBRID_SERVICE, q -> service.search(SearchRequest.text(q.words(), SearchMode.HYBRID, k)));
      modes.put(HYBRID_SERVICE_UNGROUPED,
          q -> service.search(SearchRequest.text(q.words(), SearchMode.HYBRID, k).withGroupDuplicates(false)));
    }
    return modes;
  }

  /** Recall@k of the text mode and of every visual mode, against exact search. */
  private Map<String, Double> recalls(List<SyntheticLibrary.Query> queries, Map<String, List<List<?>>> answers, int k) {
    int[][] exactVisual = exact(queries, SyntheticLibrary.Query::visual, data::visual, k);
    Map<String, Double> recalls = new HashMap<>();
    recalls.put(TEXT, recall(answers.get(TEXT), exact(queries, SyntheticLibrary.Query::textual, data::textual, k), k));
    for (String mode : answers.keySet()) {
      if (mode.startsWith(VISUAL)) {
        recalls.put(mode, recall(answers.get(mode), exactVisual, k));
      }
    }
    return recalls;
  }

  private int[][] exact(List<SyntheticLibrary.Query> queries, Function<SyntheticLibrary.Query, float[]> queryVector,
      IntFunction<float[]> vector, int k) {
    return ExactNeighbours.topK(queries.stream().map(queryVector).toList(), data.size(), vector, k);
  }

  /** Mean share of the exact top k found in the approximate top k. */
  private static double recall(List<List<?>> approximate, int[][] exact, int k) {
    double sum = 0;
    for (int q = 0; q < exact.length; q++) {
      java.util.Set<Integer> found = new java.util.HashSet<>();
      approximate.get(q).stream().limit(k).forEach(h -> found.add(SyntheticLibrary.indexOf(((StoreHit) h).id())));
      int hit = 0;
      for (int i : exact[q]) {
        hit += found.contains(i) ? 1 : 0;
      }
      sum += exact[q].length == 0 ? 1 : (double) hit / exact[q].length;
    }
    return sum / exact.length;
  }

  /** The visual model's image tower is never asked for: queries here are words. */
  private record NoImages(int dimension) implements ImageEmbedder {
    @Override
    public String modelId() {
      return SyntheticLibrary.VISUAL_MODEL;
    }

    @Override
    public List<float[]> embedImages(List<BufferedImage> images) {
      throw new UnsupportedOperationException("the benchmark searches by words only");
    }
  }
}
