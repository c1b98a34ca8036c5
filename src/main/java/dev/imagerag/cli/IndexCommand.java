package dev.imagerag.cli;

import dev.imagerag.logic.ingest.ImportRequest;
import dev.imagerag.logic.ingest.ImportSummary;
import dev.imagerag.logic.jobs.JobControl;
import dev.imagerag.logic.jobs.Progress;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.library.LibraryOpener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code index PATH...}: import files and folders and wait for every stage to finish. */
@Command(name = "index", description = {
    "Import images from files and folders (recursively) and process them.",
    "Unchanged files are recognised cheaply; files that vanished from a scanned folder leave the",
    "library. Without PATH, finishes pending work. Ctrl+C stops; the next run resumes."})
final class IndexCommand implements Callable<Integer> {
  @ParentCommand ImageRagCommand root;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or folders to import.")
  List<Path> paths = new ArrayList<>();

  @Option(names = "--no-wait", description = "Import and queue the later stages without running them.")
  boolean noWait;

  @Option(names = "--retry-failed", description = "Queue images whose stages failed before again.")
  boolean retryFailed;

  @Option(names = "--rescan", description = "Scan again every folder imported before.")
  boolean rescan;

  @Override
  public Integer call() throws Exception {
    JobControl control = new JobControl();
    // Ctrl+C: stop taking new work, let files in flight finish, close the library cleanly.
    try (CancelOnInterrupt interrupt = new CancelOnInterrupt(control::cancel, 30);
        Library library = root.open(LibraryOpener.Access.WRITE)) {
      List<Path> roots = new ArrayList<>(paths);
      if (rescan) {
        library.catalog().roots().forEach(r -> roots.add(Path.of(r)));
      }
      ImportRequest request = new ImportRequest(roots, !noWait, retryFailed, Set.of());
      Progress progress = library.pipeline().newProgress();
      ImportSummary summary;
      try (ProgressDisplay display = root.context.interactive()
          ? new ProgressDisplay(progress, "Indexing", System.err) : null) {
        summary = library.pipeline().run(request, control, progress);
      }
      RunPrinter.print(summary, library.notices(), library.captionCosts().map(c -> c.totals()).orElse(null),
          root.json, root.context.out());
      return summary.errors().isEmpty() ? Cli.OK : Cli.FAILURE;
    }
  }
}
