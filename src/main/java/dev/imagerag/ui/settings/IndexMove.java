package dev.imagerag.ui.settings;

import dev.imagerag.domain.ImageRagException;
import dev.imagerag.logic.jobs.JobContext;
import dev.imagerag.logic.jobs.Progress;
import dev.imagerag.logic.jobs.ProgressSnapshot;
import dev.imagerag.logic.library.IndexMigration;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.store.StoreFactory;
import dev.imagerag.logic.store.StoreInfo;
import dev.imagerag.logic.store.StoreSettings;
import dev.imagerag.logic.store.VectorNames;
import dev.imagerag.logic.store.VectorStore;
import dev.imagerag.ui.common.UiTasks;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * What the settings dialog does with the index's location: checks a Qdrant server before it is
 * used, and copies the library's index from the catalog into another store ({@link IndexMigration},
 * no model runs) before the settings switch to it. Blocking; called off the UI thread.
 */
final class IndexMove {
  private IndexMove() {
  }

  /** Where {@code settings} keep the index of the library in {@code root} (never the key). */
  static String location(StoreSettings settings, Path root) {
    return settings.isQdrant()
        ? "qdrant " + settings.endpoint() + "/" + settings.collectionFor(root)
        : "embedded " + root.resolve("index");
  }

  /** True when saving {@code next} over {@code saved} moves the index somewhere else. */
  static boolean moves(StoreSettings saved, StoreSettings next, Path root) {
    return !location(saved, root).equals(location(next, root));
  }

  /**
   * Connects to the Qdrant server {@code target} names and opens its collection for the library
   * (created empty when missing, as the first use would).
   *
   * @return what the server holds, e.g. "Connected to http://host:6334: collection c holds 12 images"
   */
  static String test(StoreFactory stores, Library library, StoreSettings target) {
    StoreSettings qdrant = target.withKind(StoreSettings.Kind.QDRANT);
    Path root = library.paths().root();
    try (VectorStore store = stores.open(qdrant, root, library.store().info().dimensions())) {
      long count = store.count();
      return String.format(Locale.ROOT, "Connected to %s: collection %s holds %,d image%s", qdrant.endpoint(),
          qdrant.collectionFor(root), count, count == 1 ? "" : "s");
    }
  }

  /**
   * A progress for {@link #copy} that tells {@code text} "Copying the index… 1,200 of 5,000" on the
   * UI thread; changes arriving faster than the UI takes them are coalesced into one update.
   */
  static Progress reporting(UiTasks tasks, Consumer<String> text) {
    Progress progress = new Progress(List.of(IndexMigration.STAGE));
    AtomicBoolean posted = new AtomicBoolean();
    progress.addListener(() -> {
      if (posted.compareAndSet(false, true)) {
        tasks.onUi(() -> {
          posted.set(false);
          text.accept(copyingText(progress.snapshot()));
        });
      }
    });
    return progress;
  }

  static String copyingText(ProgressSnapshot snapshot) {
    return snapshot.stages().stream().filter(s -> s.stage().equals(IndexMigration.STAGE) && s.total() > 0)
        .findFirst()
        .map(s -> String.format(Locale.ROOT, "Copying the index… %,d of %,d", s.finished(), s.total()))
        .orElse("Copying the index…");
  }

  /**
   * Fills the store {@code target} describes with the library's index, continuing an unfinished
   * copy to the same place.
   *
   * @throws ImageRagException when the target does not end up holding every image
   */
  static IndexMigration.Result copy(StoreFactory stores, Library library, StoreSettings target, JobContext context,
      Progress progress) throws InterruptedException {
    Path root = library.paths().root();
    StoreInfo current = library.store().info();
    try (VectorStore store = stores.open(target, root, current.dimensions())) {
      IndexMigration migration = new IndexMigration(library.catalog(), Map.of(
          VectorNames.VISUAL, library.models().visualModel(), VectorNames.TEXTUAL, library.models().textModel()), root);
      IndexMigration.Result result = migration.run(store, location(target, root), context, progress);
      if (!result.complete()) {
        throw new ImageRagException(String.format(Locale.ROOT,
            "The index was copied, but %s holds %,d entries instead of %,d; the library keeps its current index. "
                + "Save again to retry.", target.describe(), result.targetCount(), result.expected()));
      }
      return result;
    }
  }
}
