package dev.imagerag.cli;

import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.ingest.ImportRequest;
import dev.imagerag.logic.ingest.ImportSummary;
import dev.imagerag.logic.ingest.Pipeline;
import dev.imagerag.logic.jobs.JobControl;
import dev.imagerag.logic.jobs.Progress;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.library.LibraryOpener;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code reindex}: rebuild the index from the catalog; no model runs again. */
@Command(name = "reindex", description = {
    "Rebuild the search index from the catalog (vectors and text are kept there, no model runs).",
    "Interrupted, it resumes on the next index or reindex."})
final class ReindexCommand implements Callable<Integer> {
  @ParentCommand ImageRagCommand root;

  @Override
  public Integer call() throws InterruptedException {
    try (Library library = root.open(LibraryOpener.Access.WRITE)) {
      Pipeline pipeline = library.pipeline();
      pipeline.prepareReindex();
      Progress progress = pipeline.newProgress();
      ImportSummary summary;
      try (ProgressDisplay display = root.context.interactive()
          ? new ProgressDisplay(progress, "Reindexing", System.err) : null) {
        summary = pipeline.run(ImportRequest.stagesOnly(Set.of(Catalog.INDEX_STAGE)), new JobControl(), progress);
      }
      pipeline.reconcile();
      long images = library.catalog().imageCount();
      long entries = library.store().count();
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("images", images);
      result.put("indexEntries", entries);
      result.put("seconds", summary.elapsed().toMillis() / 1000.0);
      result.put("errors", summary.errors());
      if (root.json) {
        root.context.out().println(Json.line(result));
      } else {
        root.context.out().printf(Locale.ROOT, "Reindexed %,d images in %.1f s; the index holds %,d entries.%n",
            images, summary.elapsed().toMillis() / 1000.0, entries);
        summary.errors().forEach(e -> root.context.out().println("error: " + e));
      }
      return images == entries && summary.errors().isEmpty() ? Cli.OK : Cli.FAILURE;
    }
  }
}
