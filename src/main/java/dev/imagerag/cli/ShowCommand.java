package dev.imagerag.cli;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.ImageRagException;
import dev.imagerag.domain.ImageRecord;
import dev.imagerag.domain.StageStatus;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.catalog.StoredVector;
import dev.imagerag.logic.catalog.TileVectors;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.library.LibraryOpener;
import dev.imagerag.logic.store.VectorNames;
import dev.imagerag.support.ByteSizes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code show ID|PATH}: everything the library knows about one image. */
@Command(name = "show", description = {
    "Print everything stored for an image: paths, size, dates, caption, OCR text, tags, and every",
    "stage's state, model and reason."})
final class ShowCommand implements Callable<Integer> {
  @ParentCommand ImageRagCommand root;

  @Parameters(paramLabel = "ID|PATH", description = "An imported file, an image id or an id prefix (8+ digits).")
  String image;

  @Override
  public Integer call() {
    try (Library library = root.open(LibraryOpener.Access.READ)) {
      Catalog catalog = library.catalog();
      ImageId id = ImageArgument.resolve(catalog, image);
      ImageRecord record = catalog.image(id)
          .orElseThrow(() -> new ImageRagException("The image " + id.shortHex() + " is no longer in the library."));
      Map<String, Object> shown = describe(catalog, id, record);
      if (root.json) {
        root.context.out().println(Json.line(shown));
      } else {
        print(catalog, id, record, root.context.out());
      }
      return Cli.OK;
    }
  }

  private static Map<String, Object> describe(Catalog catalog, ImageId id, ImageRecord record) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("id", id.hex());
    map.put("paths", catalog.paths(id));
    map.put("width", record.width());
    map.put("height", record.height());
    map.put("format", record.format().id());
    map.put("bytes", record.sizeBytes());
    map.put("fileTime", record.fileTime().toString());
    map.put("capturedAt", record.capturedAt() == null ? null : record.capturedAt().toString());
    map.put("addedAt", record.addedAt().toString());
    map.put("texts", catalog.texts(id));
    List<Map<String, Object>> stages = new ArrayList<>();
    for (StageStatus s : catalog.stages(id)) {
      Map<String, Object> stage = new LinkedHashMap<>();
      stage.put("stage", s.stage());
      stage.put("state", s.state().id());
      stage.put("version", s.version());
      stage.put("reason", s.reason());
      stage.put("updatedAt", s.updatedAt() == null ? null : s.updatedAt().toString());
      stages.add(stage);
    }
    map.put("stages", stages);
    Map<String, Object> vectors = new LinkedHashMap<>();
    Map<String, StoredVector> stored = catalog.storedVectors(id);
    stored.forEach((name, v) -> {
      int tiles = tileCount(name, v, stored);
      vectors.put(name, tiles == 0 ? Map.of("model", v.model(), "dimension", v.vector().length)
          : Map.of("model", v.model(), "dimension", v.vector().length / tiles, "tiles", tiles));
    });
    map.put("vectors", vectors);
    return map;
  }

  private static void print(Catalog catalog, ImageId id, ImageRecord r, PrintWriter out) {
    out.println("Image     " + id.hex());
    List<String> paths = catalog.paths(id);
    for (int i = 0; i < paths.size(); i++) {
      out.println((i == 0 ? "Paths     " : "          ") + paths.get(i));
    }
    out.printf(Locale.ROOT, "Size      %d×%d %s, %s%n", r.width(), r.height(), r.format().id(),
        ByteSizes.format(r.sizeBytes()));
    out.println("Taken     " + (r.capturedAt() == null ? "unknown (file time " + r.fileTime() + ")" : r.capturedAt()));
    out.println("Added     " + r.addedAt());
    Map<String, String> texts = catalog.texts(id);
    printText(out, "Caption", texts.get("caption"));
    printText(out, "Elements", texts.get("caption.elements"));
    printText(out, "Category", texts.get("caption.category"));
    printText(out, "Tags", String.join(", ", tags(texts)));
    printText(out, "OCR text", texts.get("ocr"));
    out.println("Stages");
    for (StageStatus s : catalog.stages(id)) {
      out.printf(Locale.ROOT, "  %-10s %-8s %s%s%n", s.stage(), s.state().id(), s.version() == null ? "" : s.version(),
          s.reason() == null ? "" : "  (" + s.reason() + ")");
    }
    Map<String, StoredVector> vectors = catalog.storedVectors(id);
    if (!vectors.isEmpty()) {
      out.println("Vectors");
      vectors.forEach((name, v) -> {
        int tiles = tileCount(name, v, vectors);
        String size = tiles == 0 ? String.valueOf(v.vector().length) : tiles + " × " + v.vector().length / tiles;
        out.printf("  %-12s %s dimensions from %s%n", name, size, v.model());
      });
    }
  }

  /** How many tile vectors a {@link TileVectors#NAME} entry holds (split by the visual dimension); else 0. */
  private static int tileCount(String name, StoredVector vector, Map<String, StoredVector> all) {
    StoredVector visual = all.get(VectorNames.VISUAL);
    if (!TileVectors.NAME.equals(name) || visual == null || visual.vector().length == 0
        || vector.vector().length % visual.vector().length != 0) {
      return 0;
    }
    return vector.vector().length / visual.vector().length;
  }

  private static List<String> tags(Map<String, String> texts) {
    List<String> tags = new ArrayList<>();
    for (String field : List.of("tags", "caption.tags")) {
      for (String tag : texts.getOrDefault(field, "").split("[,\\n]")) {
        if (!tag.isBlank() && !tags.contains(tag.strip())) {
          tags.add(tag.strip());
        }
      }
    }
    return tags;
  }

  private static void printText(PrintWriter out, String label, String text) {
    if (text == null || text.isBlank()) {
      return;
    }
    String[] lines = text.strip().split("\\R");
    for (int i = 0; i < lines.length; i++) {
      out.printf("%-10s%s%n", i == 0 ? label : "", lines[i]);
    }
  }
}
