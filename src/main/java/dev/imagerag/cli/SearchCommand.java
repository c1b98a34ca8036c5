package dev.imagerag.cli;

import dev.imagerag.domain.SearchHit;
import dev.imagerag.domain.SearchMode;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.library.LibraryOpener;
import dev.imagerag.logic.search.SearchRequest;
import dev.imagerag.logic.store.SearchFilter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code search TEXT} or {@code search --image FILE}: ranked hits. */
@Command(name = "search", description = "Search the library by text or by an example image.")
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

  @Override
  public Integer call() {
    String text = String.join(" ", words).strip();
    if (text.isEmpty() && image == null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "give TEXT to search for, or --image FILE");
    }
    if (image != null && !Files.isRegularFile(image)) {
      throw new IllegalArgumentException("no such image file: " + image);
    }
    try (Library library = root.open(LibraryOpener.Access.READ)) {
      SearchRequest request = new SearchRequest(text, image, mode, k, SearchFilter.NONE);
      List<SearchHit> hits = library.search().search(request);
      print(hits, root.json, root.context.out());
      return Cli.OK;
    }
  }

  static void print(List<SearchHit> hits, boolean json, PrintWriter out) {
    if (json) {
      for (SearchHit hit : hits) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("rank", hit.rank());
        line.put("id", hit.id().hex());
        line.put("path", hit.path());
        line.put("score", hit.score());
        line.put("mode", hit.mode().id());
        line.put("paths", hit.paths());
        out.println(Json.line(line));
      }
      return;
    }
    if (hits.isEmpty()) {
      out.println("No matches.");
      return;
    }
    for (SearchHit hit : hits) {
      out.printf(Locale.ROOT, "%3d  %8.4f  %s%n", hit.rank(), hit.score(), hit.path());
    }
  }
}
