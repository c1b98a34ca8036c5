package dev.imagerag.infra.qdrant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.infra.lucene.LuceneVectorStore;
import dev.imagerag.logic.eval.Latencies;
import dev.imagerag.logic.store.ImagePayload;
import dev.imagerag.logic.store.IndexedImage;
import dev.imagerag.logic.store.SearchFilter;
import dev.imagerag.logic.store.StoreTestData;
import dev.imagerag.logic.store.VectorNames;
import dev.imagerag.logic.store.VectorStore;
import dev.imagerag.testing.qdrant.FakeQdrantServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upsert throughput and query latency of the Qdrant store against the embedded index on the same
 * synthetic library (embedding-like 512-d visual and 384-d text vectors, captions from a small
 * vocabulary, dates, formats). A manual benchmark, not a timed test:
 *
 * <pre>QDRANT_URL=http://localhost:6334 mvn -B test -Dtest=QdrantBenchmarkTest -Dimagerag.benchmark=true
 *     [-Dimagerag.benchmark.images=20000]</pre>
 *
 * prints a table and writes it to {@code target/qdrant-benchmark.txt}. The smoke test runs the same
 * code on a few hundred images against the in-process double so the harness keeps working; its
 * numbers mean nothing.
 */
@Tag("benchmark")
class QdrantBenchmarkTest {
  private static final int QUERIES = 200;
  private static final int WARMUP = 20;
  private static final String[] WORDS = {"beach", "dog", "receipt", "invoice", "error", "screenshot", "mountain",
      "sunset", "family", "chart", "kitchen", "car", "street", "harbour", "meeting", "notes", "total", "snow"};

  @TempDir Path dir;

  @Test
  @EnabledIfEnvironmentVariable(named = "QDRANT_URL", matches = ".+",
      disabledReason = "benchmark: needs QDRANT_URL and -Dimagerag.benchmark=true")
  @EnabledIfSystemProperty(named = "imagerag.benchmark", matches = "true",
      disabledReason = "benchmark: run with -Dimagerag.benchmark=true (and QDRANT_URL)")
  void qdrantAgainstTheEmbeddedIndex() throws Exception {
    int images = Integer.getInteger("imagerag.benchmark.images", 20_000);
    List<IndexedImage> library = library(images);
    String collection = "image-rag-bench-" + UUID.randomUUID();
    List<String> rows = new ArrayList<>();
    try (VectorStore lucene = LuceneVectorStore.open(dir.resolve("index"))) {
      rows.add(measure("embedded (Lucene)", lucene, library));
    }
    try (QdrantVectorStore qdrant = QdrantVectorStore.open(RealQdrantVectorStoreTest.settings().withCollection(collection),
        dir, Map.of(VectorNames.VISUAL, 512, VectorNames.TEXTUAL, 384), false)) {
      try {
        rows.add(measure("qdrant " + qdrant.serverVersion(), qdrant, library));
      } finally {
        qdrant.deleteAll();
      }
    }
    report(images, rows, Path.of("target", "qdrant-benchmark.txt"));
  }

  @Test
  void theHarnessRunsAgainstTheDouble() throws Exception {
    List<IndexedImage> library = library(300);
    try (FakeQdrantServer server = FakeQdrantServer.start();
        QdrantVectorStore store = new QdrantVectorStore(new QdrantConnection(server.channel(), "http://fake:6334",
            Duration.ofSeconds(30), QdrantRetry.standard(), null), "bench", Map.of(), false)) {
      String row = measure("double", store, library);
      assertThat(row).startsWith("double");
      assertThat(store.count()).isEqualTo(300);
    }
  }

  private static String measure(String name, VectorStore store, List<IndexedImage> library) {
    long start = System.nanoTime();
    for (int i = 0; i < library.size(); i += 256) {
      store.upsert(library.subList(i, Math.min(library.size(), i + 256)));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Random random = new Random(7);
    StoreTestData.EmbeddingLike queries = new StoreTestData.EmbeddingLike(42, 512, 64);
    SearchFilter filter = SearchFilter.NONE.withFormats(java.util.Set.of("png"))
        .withDateRange(Instant.parse("2021-01-01T00:00:00Z"), null);
    Latencies nearest = time(i -> store.nearest(VectorNames.VISUAL, queries.next(), 10, SearchFilter.NONE));
    Latencies filtered = time(i -> store.nearest(VectorNames.VISUAL, queries.next(), 10, filter));
    Latencies keyword = time(i -> store.keyword(WORDS[random.nextInt(WORDS.length)] + " "
        + WORDS[random.nextInt(WORDS.length)], 10, SearchFilter.NONE));
    return String.format(Locale.ROOT, "%-22s %10.0f %8.1f %8.1f %8.1f %8.1f %8.1f %8.1f", name,
        library.size() / seconds, nearest.p50(), nearest.p95(), filtered.p50(), filtered.p95(), keyword.p50(),
        keyword.p95());
  }

  private static Latencies time(Function<Integer, Object> query) {
    for (int i = 0; i < WARMUP; i++) {
      query.apply(i);
    }
    long[] nanos = new long[QUERIES];
    for (int i = 0; i < QUERIES; i++) {
      long t = System.nanoTime();
      query.apply(i);
      nanos[i] = System.nanoTime() - t;
    }
    return Latencies.ofNanos(nanos);
  }

  private static List<IndexedImage> library(int size) {
    Random random = new Random(1);
    StoreTestData.EmbeddingLike visual = new StoreTestData.EmbeddingLike(1, 512, 64);
    StoreTestData.EmbeddingLike textual = new StoreTestData.EmbeddingLike(2, 384, 32);
    List<IndexedImage> images = new ArrayList<>(size);
    for (int n = 0; n < size; n++) {
      StringBuilder caption = new StringBuilder();
      for (int w = 0; w < 8; w++) {
        caption.append(WORDS[(int) Math.min(WORDS.length - 1, Math.abs(random.nextGaussian()) * 4)]).append(' ');
      }
      ImagePayload payload = new ImagePayload(List.of("/photos/" + (2015 + n % 10) + "/img_" + n + ".jpg"),
          caption.toString().strip(), n % 4 == 0 ? "total " + n : "", List.of(WORDS[n % WORDS.length]),
          Instant.parse("2015-01-01T00:00:00Z").plusSeconds(n * 3600L), 4000, 3000, 2_000_000,
          n % 3 == 0 ? "png" : "jpeg");
      images.add(new IndexedImage(StoreTestData.id(n), payload,
          Map.of(VectorNames.VISUAL, visual.next(), VectorNames.TEXTUAL, textual.next())));
    }
    return images;
  }

  private static void report(int images, List<String> rows, Path file) throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add(images + " images; latencies in ms over " + QUERIES + " queries (k = 10) after " + WARMUP + " warm-up");
    lines.add(String.format(Locale.ROOT, "%-22s %10s %8s %8s %8s %8s %8s %8s", "store", "upserts/s", "knn p50",
        "knn p95", "filt p50", "filt p95", "kw p50", "kw p95"));
    lines.addAll(rows);
    lines.forEach(System.out::println);
    Files.createDirectories(file.getParent());
    Files.write(file, lines);
  }
}
