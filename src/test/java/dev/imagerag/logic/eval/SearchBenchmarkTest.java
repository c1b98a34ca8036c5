package dev.imagerag.logic.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.infra.catalog.SqliteCatalog;
import dev.imagerag.infra.lucene.LuceneVectorStore;
import dev.imagerag.logic.search.SearchService;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search benchmark end to end on a small synthetic library in a real index and catalog. */
class SearchBenchmarkTest {
  @TempDir Path dir;

  @Test
  void measuresEveryModeAndHnswRecallOnASmallLibrary() {
    SyntheticLibrary data = new SyntheticLibrary(new SyntheticLibrary.Spec(1500, 64, 16, 0.4, 1));
    SearchBenchmark benchmark = new SearchBenchmark(data);
    try (LuceneVectorStore store = LuceneVectorStore.open(dir.resolve("index"));
        SqliteCatalog catalog = SqliteCatalog.open(dir.resolve("catalog.db"))) {
      benchmark.fillCatalog(catalog, line -> { });
      benchmark.fillIndex(store, 500, line -> { });
      SearchService service = new SearchService(catalog, store, null, benchmark.encoders(20));

      List<SearchBenchmark.ModeMeasurement> modes = benchmark.measure(store, service, 20, 10, List.of(200));

      Map<String, SearchBenchmark.ModeMeasurement> byMode = modes.stream()
          .collect(Collectors.toMap(SearchBenchmark.ModeMeasurement::mode, m -> m));
      assertThat(byMode).containsOnlyKeys(SearchBenchmark.KEYWORD, SearchBenchmark.VISUAL, SearchBenchmark.TEXT,
          SearchBenchmark.HYBRID_INDEX, "visual (200 candidates)", SearchBenchmark.HYBRID_SERVICE,
          SearchBenchmark.HYBRID_SERVICE_UNGROUPED);
      assertThat(byMode.get("visual (200 candidates)").recall()).isGreaterThanOrEqualTo(0.98);
      assertThat(modes).allSatisfy(m -> assertThat(m.latency().count()).isEqualTo(20));
      assertThat(byMode.get(SearchBenchmark.VISUAL).recall()).isGreaterThanOrEqualTo(0.98);
      assertThat(byMode.get(SearchBenchmark.TEXT).recall()).isGreaterThanOrEqualTo(0.98);
      assertThat(byMode.get(SearchBenchmark.KEYWORD).recall()).isNull();
      assertThat(store.count()).isEqualTo(1500);
      assertThat(catalog.imageCount()).isEqualTo(1500);
    }
  }

  @Test
  void theServiceAnswersABenchmarkQueryFromPrecomputedVectors() {
    SyntheticLibrary data = new SyntheticLibrary(new SyntheticLibrary.Spec(300, 32, 8, 0.5, 2));
    SearchBenchmark benchmark = new SearchBenchmark(data);
    try (LuceneVectorStore store = LuceneVectorStore.open(dir.resolve("index"));
        SqliteCatalog catalog = SqliteCatalog.open(dir.resolve("catalog.db"))) {
      benchmark.fillCatalog(catalog, line -> { });
      benchmark.fillIndex(store, 100, line -> { });
      SearchService service = new SearchService(catalog, store, null, benchmark.encoders(5));

      var hits = service.search(dev.imagerag.logic.search.SearchRequest.text(data.query(0).words(),
          dev.imagerag.domain.SearchMode.HYBRID, 10));

      assertThat(hits).hasSize(10);
      assertThat(hits.get(0).signals()).extracting("signal").contains("visual");
    }
  }
}
