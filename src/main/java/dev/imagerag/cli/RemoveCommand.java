package dev.imagerag.cli;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.ingest.ImportRequest;
import dev.imagerag.logic.jobs.JobControl;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.library.LibraryOpener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code remove PATH...}: take files or folders out of the library (the files stay on disk). */
@Command(name = "remove", description = {
    "Remove files or whole folders from the library. The files on disk are not touched."})
final class RemoveCommand implements Callable<Integer> {
  @ParentCommand ImageRagCommand root;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or folders to remove from the library.")
  List<Path> paths = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    try (Library library = root.open(LibraryOpener.Access.WRITE)) {
      Catalog catalog = library.catalog();
      Set<String> matched = new LinkedHashSet<>();
      List<String> notFound = new ArrayList<>();
      for (Path path : paths) {
        String absolute = path.toAbsolutePath().normalize().toString();
        List<String> under = new ArrayList<>(catalog.pathsUnder(absolute));
        under.addAll(catalog.skippedUnder(absolute));
        if (under.isEmpty()) {
          notFound.add(absolute);
        }
        matched.addAll(under);
        catalog.removeRoots(absolute);
      }
      long knownPaths = matched.stream().filter(p -> catalog.findPath(p).isPresent()).count();
      List<ImageId> removedImages = catalog.removePaths(matched);
      library.pipeline().sweepTombstones();
      // Images that keep other paths need their index entry updated.
      library.pipeline().run(ImportRequest.stagesOnly(Set.of(Catalog.INDEX_STAGE)), new JobControl(),
          library.pipeline().newProgress());
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("removedPaths", knownPaths);
      result.put("removedImages", removedImages.size());
      result.put("notFound", notFound);
      if (root.json) {
        root.context.out().println(Json.line(result));
      } else {
        root.context.out().printf("Removed %d file%s from the library (%d image%s no longer in it).%n",
            knownPaths, knownPaths == 1 ? "" : "s", removedImages.size(), removedImages.size() == 1 ? "" : "s");
        notFound.forEach(p -> root.context.out().println("Not in the library: " + p));
      }
      return notFound.size() == paths.size() ? Cli.FAILURE : Cli.OK;
    }
  }
}
