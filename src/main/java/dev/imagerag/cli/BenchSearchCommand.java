package dev.imagerag.cli;

import dev.imagerag.logic.eval.SearchBenchmark;
import dev.imagerag.logic.eval.SyntheticLibrary;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.library.LibraryOpener;
import dev.imagerag.logic.library.LibraryPaths;
import dev.imagerag.logic.search.SearchService;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code bench search --images N}: builds a throw-away library of synthetic images and measures
 * search latency per mode (query encoders excluded), HNSW recall against exact search, build time
 * and index size.
 */
@Command(name = "search", description = {
    "Build a temporary library of N synthetic images (embedding-like visual and text vectors, OCR-like",
    "text), then time keyword, visual, text and hybrid search over the same queries with precomputed",
    "query vectors (encoders excluded), and measure recall@k of the vector searches against exact",
    "search. Prints build time, index size and p50/p95/max latency per mode. Nothing of yours is touched."})
final class BenchSearchCommand implements Callable<Integer> {
  @ParentCommand BenchCommand bench;

  @Option(names = "--images", paramLabel = "N", required = true, description = "Number of synthetic images.")
  int images;

  @Option(names = "--dim", paramLabel = "D", defaultValue = "512", description = "Visual vector dimension (default ${DEFAULT-VALUE}).")
  int dim;

  @Option(names = "--rank", paramLabel = "R", defaultValue = "64",
      description = "Rank of the vectors' low-rank structure (default ${DEFAULT-VALUE}).")
  int rank;

  @Option(names = "--queries", paramLabel = "Q", defaultValue = "200", description = "Timed queries per mode (default ${DEFAULT-VALUE}).")
  int queries;

  @Option(names = {"-k", "--k"}, paramLabel = "K", defaultValue = "10", description = "Hits per query (default ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--batch", paramLabel = "B", defaultValue = "10000", description = "Images per index write (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--text-share", paramLabel = "S", defaultValue = "0.4",
      description = "Share of images carrying text (default ${DEFAULT-VALUE}).")
  double textShare;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic data (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--beams", paramLabel = "C[,C...]", split = ",", defaultValue = "200,400",
      description = "Also time visual search asking for C candidates (a wider HNSW beam), with its recall "
          + "(default ${DEFAULT-VALUE}).")
  List<Integer> beams;

  @Option(names = "--no-catalog", description = "Skip the catalog and the full SearchService measurement (faster build).")
  boolean noCatalog;

  @Override
  public Integer call() throws IOException {
    check(images >= 1, "--images must be at least 1");
    check(queries >= 1 && k >= 1 && batch >= 1, "--queries, --k and --batch must be at least 1");
    check(beams.stream().allMatch(b -> b >= k), "--beams must each be at least --k");
    check(rank >= 1 && rank <= dim && dim >= 2, "--rank must be between 1 and --dim (" + dim + "), got " + rank);
    ImageRagCommand root = bench.root;
    SearchBenchmark benchmark =
        new SearchBenchmark(new SyntheticLibrary(new SyntheticLibrary.Spec(images, dim, rank, textShare, seed)));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("images", images);
    result.put("visualDim", dim);
    result.put("textDim", SyntheticLibrary.TEXT_DIM);
    result.put("rank", rank);
    result.put("textShare", textShare);
    result.put("queries", queries);
    result.put("k", k);
    result.put("batch", batch);
    Path temp = Files.createTempDirectory("image-rag-bench-search");
    try {
      LibraryPaths paths = new LibraryPaths(temp.resolve("library"));
      // An empty models folder: no visual model, so nothing checks the synthetic dimension.
      LibraryOpener.Options options = new LibraryOpener.Options(temp.resolve("models"), root.device, null, null);
      build(benchmark, root, paths, options, result);
      try (Library library = root.context.opener().open(paths, LibraryOpener.Access.WRITE, options)) {
        result.put("indexMiB", round(library.store().info().sizeBytes() / 1048576.0));
        result.put("segments", segments(paths.indexDir()));
        SearchService service = noCatalog ? null
            : new SearchService(library.catalog(), library.store(), null, benchmark.encoders(queries));
        progress(root.context.err(), "measuring " + queries + " queries per mode");
        List<SearchBenchmark.ModeMeasurement> modes = benchmark.measure(library.store(), service, queries, k, beams);
        result.put("modes", modes.stream().map(BenchSearchCommand::toMap).toList());
        print(result, modes, root);
      }
      return Cli.OK;
    } finally {
      BenchCommand.ImportBench.deleteTree(temp);
    }
  }

  /**
   * Fills the catalog (unless skipped) and the index, then closes the library: closing waits for
   * Lucene's pending merges, so build time = upserts + close.
   */
  private void build(SearchBenchmark benchmark, ImageRagCommand root, LibraryPaths paths,
      LibraryOpener.Options options, Map<String, Object> result) {
    PrintWriter err = root.context.err();
    long closeStart;
    try (Library library = root.context.opener().open(paths, LibraryOpener.Access.WRITE, options)) {
      if (!noCatalog) {
        result.put("catalogSeconds", seconds(benchmark.fillCatalog(library.catalog(), line -> progress(err, line))));
      }
      result.put("upsertSeconds", seconds(benchmark.fillIndex(library.store(), batch, line -> progress(err, line))));
      closeStart = System.nanoTime();
    }
    double closeSeconds = seconds(System.nanoTime() - closeStart);
    result.put("closeSeconds", closeSeconds);
    result.put("buildSeconds", round((Double) result.get("upsertSeconds") + closeSeconds));
    result.put("imagesPerSecond", round(images / (Double) result.get("buildSeconds")));
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  private static void progress(PrintWriter err, String line) {
    err.println(line);
    err.flush();
  }

  private static long segments(Path indexDir) throws IOException {
    try (Stream<Path> files = Files.list(indexDir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".si")).count();
    }
  }

  private static Map<String, Object> toMap(SearchBenchmark.ModeMeasurement m) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("mode", m.mode());
    map.put("latencyMs", m.latency().toMap());
    if (m.recall() != null) {
      map.put("recall", round(m.recall()));
    }
    return map;
  }

  private void print(Map<String, Object> result, List<SearchBenchmark.ModeMeasurement> modes, ImageRagCommand root) {
    PrintWriter out = root.context.out();
    if (root.json) {
      out.println(Json.line(result));
      return;
    }
    out.printf(Locale.ROOT, "%,d images (%.0f%% with text), visual %d-d rank %d, text %d-d; %d queries, k = %d%n",
        images, textShare * 100, dim, rank, SyntheticLibrary.TEXT_DIM, queries, k);
    if (result.containsKey("catalogSeconds")) {
      out.printf(Locale.ROOT, "catalog: %.1f s%n", (Double) result.get("catalogSeconds"));
    }
    out.printf(Locale.ROOT, "index build: %.1f s (upserts %.1f s in batches of %,d + close/merges %.1f s), %.0f images/s%n",
        result.get("buildSeconds"), result.get("upsertSeconds"), batch, result.get("closeSeconds"),
        result.get("imagesPerSecond"));
    out.printf(Locale.ROOT, "index on disk: %.1f MiB in %d segments%n", result.get("indexMiB"), result.get("segments"));
    out.printf(Locale.ROOT, "%-32s %8s %8s %8s %10s%n", "mode (ms, encoders excluded)", "p50", "p95", "max",
        "recall@" + k);
    for (SearchBenchmark.ModeMeasurement m : modes) {
      out.printf(Locale.ROOT, "%-32s %8.2f %8.2f %8.2f %10s%n", m.mode(), m.latency().p50(), m.latency().p95(),
          m.latency().max(), m.recall() == null ? "" : String.format(Locale.ROOT, "%.4f", m.recall()));
    }
  }

  private static double seconds(long nanos) {
    return round(nanos / 1e9);
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
