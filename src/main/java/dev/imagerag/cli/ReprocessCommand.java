package dev.imagerag.cli;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.ImageRagException;
import dev.imagerag.domain.StageState;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.ingest.ImportRequest;
import dev.imagerag.logic.ingest.ImportSummary;
import dev.imagerag.logic.jobs.JobControl;
import dev.imagerag.logic.jobs.Progress;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.library.LibraryOpener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code reprocess --stage S [PATH...]}: runs one stage again, then whatever depends on it. */
@Command(name = "reprocess", description = {
    "Run a stage again for some images (files, folders, ids) or for the whole library, then the",
    "stages that use its result (text embedding, index)."})
final class ReprocessCommand implements Callable<Integer> {
  @ParentCommand ImageRagCommand root;

  @Option(names = "--stage", required = true, paramLabel = "STAGE",
      description = "thumbnail, visual, tags, ocr, caption, text or index.")
  String stage;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files, folders or image ids (default: all).")
  List<String> targets = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    try (Library library = root.open(LibraryOpener.Access.WRITE)) {
      List<String> enabled = library.pipeline().progressNames().subList(1, library.pipeline().progressNames().size());
      if (!enabled.contains(stage)) {
        throw new ImageRagException("The stage '" + stage + "' is not enabled in this library (enabled: "
            + String.join(", ", enabled) + ")." + library.notices().stream().map(n -> " " + n).reduce("", String::concat));
      }
      Catalog catalog = library.catalog();
      int queued;
      if (targets.isEmpty()) {
        queued = catalog.requeue(stage, EnumSet.allOf(StageState.class));
      } else {
        queued = catalog.requeueImages(stage, images(catalog));
      }
      Progress progress = library.pipeline().newProgress();
      ImportSummary summary;
      try (ProgressDisplay display = root.context.interactive()
          ? new ProgressDisplay(progress, "Reprocessing", System.err) : null) {
        summary = library.pipeline().run(ImportRequest.resume(), new JobControl(), progress);
      }
      if (!root.json) {
        root.context.out().printf("Queued %d image%s for %s.%n", queued, queued == 1 ? "" : "s", stage);
      }
      RunPrinter.print(summary, library.notices(), library.captionCosts().map(c -> c.totals()).orElse(null),
          root.json, root.context.out());
      return summary.errors().isEmpty() ? Cli.OK : Cli.FAILURE;
    }
  }

  private Set<ImageId> images(Catalog catalog) {
    Set<ImageId> ids = new LinkedHashSet<>();
    for (String target : targets) {
      String absolute = Path.of(target).toAbsolutePath().normalize().toString();
      List<String> paths = catalog.pathsUnder(absolute);
      if (!paths.isEmpty()) {
        paths.forEach(p -> catalog.findPath(p).ifPresent(e -> ids.add(e.imageId())));
      } else {
        ids.add(ImageArgument.resolve(catalog, target));
      }
    }
    return ids;
  }
}
