package dev.imagerag.cli;

import dev.imagerag.domain.SearchHit;
import dev.imagerag.domain.SearchMode;
import dev.imagerag.domain.SignalScore;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.library.LibraryOpener;
import dev.imagerag.logic.search.SearchRequest;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code search TEXT} or {@code search --image FILE}: ranked hits. */
@Command(name = "search", description = {
    "Search the library by text or by an example image. Terms combine like",
    "  \"2:red car\" + photo.jpg - night",
    "(a weight N: in front, + adds a term, - subtracts one, a path to an image is an image term)."})
final class SearchCommand implements Callable<Integer> {
  @ParentCommand ImageRagCommand root;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "TEXT", arity = "0..*", description = "What to look for.")
  List<String> words = new ArrayList<>();

  @Option(names = "--image", paramLabel = "FILE", description = "Search by this image (it is not imported).")
  Path image;

  @Option(names = {"-k", "--k"}, paramLabel = "N", defaultValue = "20", description = "Number of hits (default ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--mode", paramLabel = "MODE", defaultValue = "hybrid",
      description = "hybrid (default), visual, text or keyword.")
  SearchMode mode;

  @Option(names = "--filter", paramLabel = "KEY=VALUE", description = {
      "folder=DIR, after=YYYY-MM-DD, before=YYYY-MM-DD, tag=TAG, format=png, min-size=800x600,",
      "has-text=true|false. Repeatable; all must hold."})
  List<String> filters = new ArrayList<>();

  @Option(names = "--threshold", paramLabel = "SCORE",
      description = "Keep hits scoring at least this (cosine for visual/text, BM25 for keyword, fused for hybrid).")
  Double threshold;

  @Option(names = "--relevant", description = "Keep only the hits before the scores drop off (adapts per query).")
  boolean relevant;

  @Option(names = "--no-group", description = "Show near-duplicates as separate hits.")
  boolean noGroup;

  @Option(names = "--explain", description = "Show each signal's score and text snippets under every hit.")
  boolean explain;

  @Override
  public Integer call() {
    String text = String.join(" ", words).strip();
    if (text.isEmpty() && image == null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give TEXT to search for, or --image FILE");
    }
    if (image != null && !Files.isRegularFile(image)) {
      throw new IllegalArgumentException("no such image file: " + image);
    }
    try (Library library = root.open(LibraryOpener.Access.READ)) {
      SearchRequest request = new SearchRequest(text, image, mode, k, FilterOption.parse(filters), threshold, relevant,
          !noGroup);
      List<SearchHit> hits = library.search().search(request);
      print(hits, root.json, explain, root.context.out());
      return Cli.OK;
    }
  }

  static void print(List<SearchHit> hits, boolean json, boolean explain, PrintWriter out) {
    if (json) {
      for (SearchHit hit : hits) {
        out.println(Json.line(toJson(hit)));
      }
      return;
    }
    if (hits.isEmpty()) {
      out.println("No matches.");
      return;
    }
    for (SearchHit hit : hits) {
      String similar = hit.similar().isEmpty() ? "" : "  (+" + hit.similar().size() + " similar)";
      out.printf(Locale.ROOT, "%3d  %8.4f  %s%s%n", hit.rank(), hit.score(), hit.path(), similar);
      if (explain) {
        out.println("       " + hit.signals().stream().map(SearchCommand::describe).collect(Collectors.joining(", ")));
        hit.snippets().forEach(s -> out.println("       " + s));
      }
    }
  }

  static Map<String, Object> toJson(SearchHit hit) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("rank", hit.rank());
    line.put("id", hit.id().hex());
    line.put("path", hit.path());
    line.put("score", hit.score());
    line.put("mode", hit.mode().id());
    line.put("paths", hit.paths());
    Map<String, Object> signals = new LinkedHashMap<>();
    for (SignalScore s : hit.signals()) {
      signals.put(s.signal(), Map.of("score", s.score(), "rank", s.rank()));
    }
    line.put("signals", signals);
    line.put("snippets", hit.snippets());
    line.put("similar", hit.similar().stream().map(id -> id.hex()).toList());
    return line;
  }

  private static String describe(SignalScore s) {
    String rank = s.rank() > 0 ? " #" + s.rank() : "";
    return String.format(Locale.ROOT, "%s %.3f%s", s.signal(), s.score(), rank);
  }
}
