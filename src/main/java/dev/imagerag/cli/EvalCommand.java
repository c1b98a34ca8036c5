package dev.imagerag.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.imagerag.domain.ImageRagException;
import dev.imagerag.domain.SearchHit;
import dev.imagerag.domain.SearchMode;
import dev.imagerag.logic.embed.TextEmbedder;
import dev.imagerag.logic.eval.Evaluation;
import dev.imagerag.logic.eval.EvaluationReport;
import dev.imagerag.logic.eval.LabelledQuery;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.library.LibraryOpener;
import dev.imagerag.logic.search.CachingTextEmbedder;
import dev.imagerag.logic.search.Encoders;
import dev.imagerag.logic.search.SearchRequest;
import dev.imagerag.logic.search.SearchService;
import dev.imagerag.logic.store.SearchFilter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code eval --queries FILE.jsonl}: retrieval quality and latency of each search mode. */
@Command(name = "eval", description = {
    "Measure search quality on a labelled query set: Precision@5, Recall@10, MRR and nDCG@10 per mode",
    "(binary relevance), plus latency per query (p50, p95, max; query encoding included).",
    "FILE has one JSON object per line: {\"query\": \"...\", \"relevant\": [\"name.png\", ...]} or",
    "{\"image\": \"example.jpg\", \"relevant\": [...]}. A relevant entry is a file name or a path; relative",
    "paths (entries and images) are relative to FILE's folder. Near-duplicates are not grouped."})
final class EvalCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParentCommand ImageRagCommand root;

  @Option(names = "--queries", paramLabel = "FILE", required = true, description = "Labelled queries (JSON lines).")
  Path queries;

  @Option(names = "--modes", paramLabel = "MODE[,MODE...]", split = ",", defaultValue = "hybrid,visual,text,keyword",
      description = "Modes to evaluate (default ${DEFAULT-VALUE}).")
  List<SearchMode> modes;

  @Option(names = {"-k", "--k"}, paramLabel = "N", defaultValue = "10", description = "Hits per query (default ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the full results, per query, as JSON.")
  Path out;

  @Override
  public Integer call() throws IOException {
    if (k < 1 || k > SearchRequest.MAX_K) {
      throw new IllegalArgumentException("--k must be between 1 and " + SearchRequest.MAX_K + ", got " + k);
    }
    List<LabelledQuery> labelled = read(queries);
    EvaluationReport report;
    try (Library library = root.open(LibraryOpener.Access.READ)) {
      Evaluation evaluation = new Evaluation(new LibrarySearcher(library.search()));
      report = evaluation.run(labelled, modes, k);
    }
    if (out != null) {
      JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), report.toMap());
    }
    if (root.json) {
      root.context.out().println(Json.line(report.toMap()));
    } else {
      root.context.out().print(report.table());
      if (out != null) {
        root.context.out().println("Results per query written to " + out);
      }
    }
    return Cli.OK;
  }

  /** Searches as the command line does; forgetting empties the query embedding caches. */
  private record LibrarySearcher(SearchService service) implements Evaluation.Searcher {
    @Override
    public List<List<String>> search(String text, Path image, SearchMode mode, int n) {
      return service.search(new SearchRequest(text, image, mode, n, SearchFilter.NONE, null, false, false)).stream()
          .map(SearchHit::paths).toList();
    }

    @Override
    public void forgetQueries() {
      Encoders encoders = service.encoders();
      for (TextEmbedder embedder : java.util.Arrays.asList(encoders.visualTexts(), encoders.texts())) {
        if (embedder instanceof CachingTextEmbedder cache) {
          cache.clear();
        }
      }
    }
  }

  /** Reads the labelled queries; a bad line stops everything with its line number. */
  static List<LabelledQuery> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ImageRagException("Cannot read the queries file " + file + ": " + e.getMessage(), e);
    }
    Path base = file.toAbsolutePath().getParent();
    List<LabelledQuery> result = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        result.add(parse(lines.get(i), base, file, i + 1));
      }
    }
    if (result.isEmpty()) {
      throw new ImageRagException("The queries file " + file + " holds no queries.");
    }
    return result;
  }

  private static LabelledQuery parse(String line, Path base, Path file, int number) {
    String where = "Line " + number + " of " + file;
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ImageRagException(where + " is not a JSON object: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new ImageRagException(where + " is not a JSON object.");
    }
    JsonNode relevant = node.get("relevant");
    if (relevant == null || !relevant.isArray()) {
      throw new ImageRagException(where + " needs \"relevant\": a list of file names or paths.");
    }
    List<String> entries = new ArrayList<>();
    relevant.forEach(entry -> entries.add(resolveEntry(entry.asText(), base)));
    Path image = null;
    if (node.hasNonNull("image")) {
      image = base.resolve(node.get("image").asText()).normalize();
      if (!Files.isRegularFile(image)) {
        throw new ImageRagException(where + ": no such image file " + image + ".");
      }
    }
    String text = node.hasNonNull("query") ? node.get("query").asText() : null;
    try {
      return new LabelledQuery(text, image, entries);
    } catch (IllegalArgumentException e) {
      throw new ImageRagException(where + ": " + e.getMessage() + ".");
    }
  }

  /** A bare file name stays as it is; a path becomes absolute, relative to the queries file. */
  private static String resolveEntry(String entry, Path base) {
    String trimmed = entry.strip();
    if (trimmed.isEmpty() || !(trimmed.contains("/") || trimmed.contains(java.io.File.separator))) {
      return trimmed;
    }
    return base.resolve(trimmed).normalize().toString();
  }
}
