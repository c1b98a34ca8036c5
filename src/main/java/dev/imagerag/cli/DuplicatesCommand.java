package dev.imagerag.cli;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.library.LibraryOpener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code duplicates}: groups of near-duplicate images (nothing is deleted). */
@Command(name = "duplicates", description = {
    "List groups of near-duplicate images (visual similarity at or above --threshold), the best",
    "image of each group first (largest, then sharpest). Nothing is deleted. Exact copies are one",
    "image already (see `show`)."})
final class DuplicatesCommand implements Callable<Integer> {
  @ParentCommand ImageRagCommand root;

  @Option(names = "--threshold", paramLabel = "COSINE", defaultValue = "0.95",
      description = "Visual similarity from which images count as near-duplicates (default ${DEFAULT-VALUE}).")
  double threshold;

  @Override
  public Integer call() {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("--threshold must be in (0, 1], got " + threshold);
    }
    try (Library library = root.open(LibraryOpener.Access.READ)) {
      Catalog catalog = library.catalog();
      List<List<ImageId>> groups = library.search().duplicateGroups(threshold);
      int number = 0;
      for (List<ImageId> group : groups) {
        number++;
        if (root.json) {
          Map<String, Object> line = new LinkedHashMap<>();
          line.put("group", number);
          line.put("best", catalog.paths(group.get(0)).get(0));
          line.put("images", group.stream().map(id -> Map.of("id", id.hex(), "paths", catalog.paths(id))).toList());
          root.context.out().println(Json.line(line));
        } else {
          root.context.out().printf("Group %d (%d images):%n", number, group.size());
          for (int i = 0; i < group.size(); i++) {
            root.context.out().printf("  %s %s%n", i == 0 ? "*" : " ", catalog.paths(group.get(i)).get(0));
          }
        }
      }
      if (!root.json) {
        root.context.out().printf("%d group%s of near-duplicates; * marks the best of each.%n", groups.size(),
            groups.size() == 1 ? "" : "s");
      }
      return Cli.OK;
    }
  }
}
