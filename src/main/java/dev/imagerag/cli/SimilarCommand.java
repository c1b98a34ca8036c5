package dev.imagerag.cli;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.SearchHit;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.library.LibraryOpener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code similar PATH|ID}: images that look like one in the library. */
@Command(name = "similar", description = "List the images most visually similar to one in the library.")
final class SimilarCommand implements Callable<Integer> {
  @ParentCommand ImageRagCommand root;

  @Parameters(paramLabel = "ID|PATH", description = "An imported file, an image id or an id prefix.")
  String image;

  @Option(names = {"-k", "--k"}, paramLabel = "N", defaultValue = "20", description = "Number of hits (default ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--filter", paramLabel = "KEY=VALUE", description = "As for search; repeatable.")
  List<String> filters = new ArrayList<>();

  @Override
  public Integer call() {
    try (Library library = root.open(LibraryOpener.Access.READ)) {
      ImageId id = ImageArgument.resolve(library.catalog(), image);
      List<SearchHit> hits = library.search().similar(id, k, FilterOption.parse(filters));
      SearchCommand.print(hits, root.json, false, root.context.out());
      return Cli.OK;
    }
  }
}
