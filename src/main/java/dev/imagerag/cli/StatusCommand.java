package dev.imagerag.cli;

import dev.imagerag.domain.SkipReason;
import dev.imagerag.domain.StageState;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.library.LibraryOpener;
import dev.imagerag.logic.library.ModelsStatus;
import dev.imagerag.logic.store.StoreInfo;
import dev.imagerag.support.ByteSizes;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code status}: what the library holds and how far each stage is. */
@Command(name = "status", description = "Show the library's location, counts per stage and state, and the index.")
final class StatusCommand implements Callable<Integer> {
  @ParentCommand ImageRagCommand root;

  @Override
  public Integer call() {
    try (Library library = root.open(LibraryOpener.Access.READ)) {
      Map<String, Object> status = collect(library);
      if (root.json) {
        root.context.out().println(Json.line(status));
      } else {
        printText(library, status, root.context.out());
      }
      return Cli.OK;
    }
  }

  private static Map<String, Object> collect(Library library) {
    Catalog catalog = library.catalog();
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("library", library.paths().root().toString());
    status.put("readOnly", library.readOnly());
    status.put("images", catalog.imageCount());
    status.put("paths", catalog.pathCount());
    Map<SkipReason, Long> skippedCounts = catalog.skippedCounts();
    Map<String, Object> skipped = new LinkedHashMap<>();
    skipped.put("total", skippedCounts.values().stream().mapToLong(Long::longValue).sum());
    skipped.put("byReason", skippedCounts.entrySet().stream().collect(Collectors.toMap(
        e -> e.getKey().id(), Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new)));
    status.put("skipped", skipped);
    Map<String, Object> stages = new LinkedHashMap<>();
    catalog.stageCounts().forEach((stage, counts) -> {
      Map<String, Long> byState = new LinkedHashMap<>();
      for (StageState state : StageState.values()) {
        byState.put(state.id(), counts.getOrDefault(state, 0L));
      }
      stages.put(stage, byState);
    });
    status.put("stages", stages);
    StoreInfo info = library.store().info();
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("kind", info.kind());
    index.put("location", info.location());
    index.put("entries", info.count());
    index.put("bytes", info.sizeBytes());
    index.put("dimensions", info.dimensions());
    status.put("index", index);
    ModelsStatus models = library.models();
    Map<String, Object> modelInfo = new LinkedHashMap<>();
    modelInfo.put("visual", models.visualModel());
    modelInfo.put("visualState", models.visualState());
    modelInfo.put("visualSearch", models.visualReady());
    modelInfo.put("visualNote", models.visualNote());
    modelInfo.put("text", models.textModel());
    modelInfo.put("device", models.device());
    modelInfo.put("folder", models.modelsFolder());
    status.put("models", modelInfo);
    status.put("captions", library.captions());
    status.put("ocr", library.ocr());
    Map<String, Object> catalogInfo = new LinkedHashMap<>();
    catalogInfo.put("schemaVersion", catalog.schemaVersion());
    catalogInfo.put("bytes", size(library.paths().catalogFile()));
    status.put("catalog", catalogInfo);
    return status;
  }

  @SuppressWarnings("unchecked")
  private static void printText(Library library, Map<String, Object> s, PrintWriter out) {
    out.printf("Library   %s%s%n", s.get("library"),
        library.readOnly() ? "  (read-only view: another process is writing it, or the folder cannot be written)" : "");
    out.printf(Locale.ROOT, "Images    %,d (%,d files)%n", (Long) s.get("images"), (Long) s.get("paths"));
    Map<String, Object> skipped = (Map<String, Object>) s.get("skipped");
    Map<String, Long> byReason = (Map<String, Long>) skipped.get("byReason");
    out.printf(Locale.ROOT, "Skipped   %,d file%s%s%n", (Long) skipped.get("total"),
        (Long) skipped.get("total") == 1 ? "" : "s",
        byReason.isEmpty() ? "" : ": " + byReason.entrySet().stream()
            .map(e -> SkipReason.fromId(e.getKey()).label() + " " + e.getValue())
            .collect(Collectors.joining(", ")));
    Map<String, Map<String, Long>> stages = (Map<String, Map<String, Long>>) s.get("stages");
    String label = "Stages";
    for (Map.Entry<String, Map<String, Long>> stage : stages.entrySet()) {
      String counts = stage.getValue().entrySet().stream().filter(e -> e.getValue() > 0)
          .map(e -> String.format(Locale.ROOT, "%,d %s", e.getValue(), e.getKey()))
          .collect(Collectors.joining(", "));
      out.printf("%-9s %-10s %s%n", label, stage.getKey(), counts);
      label = "";
    }
    Map<String, Object> index = (Map<String, Object>) s.get("index");
    long bytes = (Long) index.get("bytes");
    long entries = (Long) index.get("entries");
    // A remote index that does not answer reports -1 entries.
    out.printf(Locale.ROOT, "Index     %s, %s, %s, %s%n", index.get("kind"),
        entries < 0 ? "unreachable" : String.format(Locale.ROOT, "%,d entries", entries),
        bytes < 0 ? "size unknown" : ByteSizes.format(bytes), index.get("location"));
    ModelsStatus models = library.models();
    out.printf("Models    visual %s (%s), text %s, device %s%n", models.visualModel(), models.visualState(),
        models.textModel(), models.device());
    if (!models.visualReady()) {
      out.printf("          visual search is off: %s%n", models.visualNote());
    }
    out.printf("OCR       %s%n", library.ocr());
    out.printf("Captions  %s%n", library.captions());
    Map<String, Object> catalog = (Map<String, Object>) s.get("catalog");
    out.printf("Catalog   schema v%s, %s%n", catalog.get("schemaVersion"), ByteSizes.format((Long) catalog.get("bytes")));
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (java.io.IOException e) {
      return 0;
    }
  }
}
