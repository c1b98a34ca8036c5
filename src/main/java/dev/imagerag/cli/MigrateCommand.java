package dev.imagerag.cli;

import dev.imagerag.domain.ImageRagException;
import dev.imagerag.logic.jobs.JobControl;
import dev.imagerag.logic.jobs.Progress;
import dev.imagerag.logic.library.IndexMigration;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.library.LibraryOpener;
import dev.imagerag.logic.store.StoreFactory;
import dev.imagerag.logic.store.StoreInfo;
import dev.imagerag.logic.store.StoreOverrides;
import dev.imagerag.logic.store.StoreSettings;
import dev.imagerag.logic.store.VectorNames;
import dev.imagerag.logic.store.VectorStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code migrate --to qdrant|embedded}: copies the library's index from the catalog into the other
 * kind of store ({@link IndexMigration}), resumable, with a count check. Needs the application's
 * {@link LibraryOpener} to also be a {@link StoreFactory}, to open the target.
 */
@Command(name = "migrate", description = {
    "Copy the search index into a Qdrant collection or the embedded index, from the catalog (no model runs).",
    "Interrupted or failed, it continues where it stopped when run again with the same target.",
    "Afterwards, switch the library to the new index in its settings."})
final class MigrateCommand implements Callable<Integer> {
  @ParentCommand ImageRagCommand root;

  @Option(names = "--to", required = true, paramLabel = "embedded|qdrant",
      description = "The store to fill: qdrant (a collection on a Qdrant server) or embedded (the index folder).")
  String to;

  @Option(names = "--restart", description = "Ignore an unfinished migration and copy everything again.")
  boolean restart;

  @Override
  public Integer call() throws Exception {
    StoreSettings.Kind kind = StoreSettings.Kind.fromId(to);
    if (!(root.context.opener() instanceof StoreFactory stores)) {
      throw new ImageRagException("This build cannot open a second index; migrate is unavailable.");
    }
    JobControl control = new JobControl();
    // Ctrl+C: stop after the batch in flight; the checkpoint lets the next run continue.
    try (CancelOnInterrupt interrupt = new CancelOnInterrupt(control::cancel, Long.MAX_VALUE);
        Library library = root.open(LibraryOpener.Access.WRITE)) {
      Path libraryRoot = library.paths().root();
      StoreSettings target = target(stores.configured(libraryRoot), kind);
      String targetId = targetId(target, libraryRoot);
      StoreInfo current = library.store().info();
      if (targetId.equals(currentId(current))) {
        throw new ImageRagException("The library already uses " + targetId + ". To rebuild it from the catalog, run "
            + "`image-rag reindex`.");
      }
      try (VectorStore store = stores.open(target, libraryRoot, current.dimensions())) {
        IndexMigration migration = new IndexMigration(library.catalog(), Map.of(
            VectorNames.VISUAL, library.models().visualModel(), VectorNames.TEXTUAL, library.models().textModel()),
            libraryRoot);
        if (restart) {
          migration.restart();
        }
        Progress progress = new Progress(List.of(IndexMigration.STAGE));
        IndexMigration.Result result;
        try (ProgressDisplay display = root.context.interactive()
            ? new ProgressDisplay(progress, "Migrating", System.err) : null) {
          result = migration.run(store, targetId, control, progress);
        }
        print(result, target, targetId, migration);
        return result.complete() ? Cli.OK : Cli.FAILURE;
      }
    }
  }

  /**
   * The target: the library's saved store settings (URL, key, collection) with the command line's
   * {@code --qdrant-url}, {@code --qdrant-api-key} and {@code --collection} over them, the key also
   * from QDRANT_API_KEY.
   */
  StoreSettings target(StoreSettings saved, StoreSettings.Kind kind) {
    if (kind == StoreSettings.Kind.EMBEDDED) {
      return saved.withKind(kind);
    }
    StoreSettings target = new StoreOverrides(null, root.qdrantUrl, root.qdrantApiKey, root.collection)
        .apply(saved.withKind(kind));
    String envKey = root.context.env().get("QDRANT_API_KEY");
    return target.apiKey() == null && envKey != null ? target.withApiKey(envKey) : target;
  }

  /** The target as the checkpoint names it: kind and where (never the key). */
  static String targetId(StoreSettings target, Path libraryRoot) {
    return target.isQdrant()
        ? "qdrant " + target.endpoint() + "/" + target.collectionFor(libraryRoot)
        : "embedded " + libraryRoot.resolve("index");
  }

  private static String currentId(StoreInfo current) {
    String location = current.location().replace(" (unreachable)", "");
    return (current.kind().equals("qdrant") ? "qdrant " : "embedded ") + location;
  }

  private void print(IndexMigration.Result result, StoreSettings target, String targetId, IndexMigration migration) {
    if (root.json) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("to", target.kind().id());
      json.put("target", targetId);
      json.put("images", result.images());
      json.put("copied", result.copied());
      json.put("resumedAfter", result.resumedAfter() == null ? null : result.resumedAfter().hex());
      json.put("missingCopied", result.missingCopied());
      json.put("extraDeleted", result.extraDeleted());
      json.put("withoutFiles", result.withoutFiles());
      json.put("expected", result.expected());
      json.put("entries", result.targetCount());
      json.put("complete", result.complete());
      json.put("seconds", result.elapsed().toMillis() / 1000.0);
      root.context.out().println(Json.line(json));
      return;
    }
    var out = root.context.out();
    out.printf(Locale.ROOT, "%s %,d images to %s in %.1f s%s.%n",
        result.resumedAfter() == null ? "Copied" : "Continued the migration: copied", result.copied(), targetId,
        result.elapsed().toMillis() / 1000.0,
        result.missingCopied() + result.extraDeleted() > 0 ? " (final check: " + result.missingCopied()
            + " missing copied, " + result.extraDeleted() + " stale entries deleted)" : "");
    if (result.complete()) {
      out.printf(Locale.ROOT, "The new index holds %,d entries, one per image with files. To use it, %s.%n",
          result.targetCount(), target.isQdrant()
              ? "turn the remote index on in settings.json (remoteIndex: enabled, url " + target.endpoint() + ", collection "
                  + targetId.substring(targetId.lastIndexOf('/') + 1) + ") or in the settings window"
              : "turn the remote index off in settings.json (remoteIndex.enabled: false) or in the settings window");
    } else {
      out.printf(Locale.ROOT, "error: the new index holds %,d entries but %,d images have files. Run the migration "
          + "again; the checkpoint is %s.%n", result.targetCount(), result.expected(), migration.checkpointFile());
    }
  }
}
