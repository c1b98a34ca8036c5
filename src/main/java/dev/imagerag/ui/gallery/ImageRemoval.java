package dev.imagerag.ui.gallery;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.ingest.ImportRequest;
import dev.imagerag.ui.common.LibrarySession;
import dev.imagerag.ui.common.NotificationsViewModel;
import dev.imagerag.ui.common.UiTasks;
import dev.imagerag.ui.jobs.JobsViewModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Removing images from the library with undo: their paths leave the catalog at once (files on
 * disk stay), and a notice offers Undo for {@link #UNDO_WINDOW}, which imports the same files
 * again. Index entries and thumbnails are swept only after the window (or by the next run), so an
 * undone removal costs little. UI thread only.
 */
final class ImageRemoval {
  static final Duration UNDO_WINDOW = Duration.ofSeconds(10);

  private final LibrarySession session;
  private final UiTasks tasks;
  private final JobsViewModel jobs;
  private final NotificationsViewModel notices;

  ImageRemoval(LibrarySession session, UiTasks tasks, JobsViewModel jobs, NotificationsViewModel notices) {
    this.session = session;
    this.tasks = tasks;
    this.jobs = jobs;
    this.notices = notices;
  }

  /** Removes the images; {@code removed} hears which ones left, on the UI thread. */
  void remove(List<ImageId> ids, Consumer<List<ImageId>> removed) {
    tasks.run(() -> {
      Catalog catalog = session.library().catalog();
      List<String> paths = new ArrayList<>();
      ids.forEach(id -> paths.addAll(catalog.paths(id)));
      catalog.removePaths(paths);
      return paths;
    }, paths -> {
      removed.accept(ids);
      offerUndo(ids.size(), paths);
    }, failure -> notices.error("Could not remove the images", failure));
  }

  private void offerUndo(int count, List<String> paths) {
    boolean[] undone = {false};
    String title = count == 1 ? "Removed 1 image from the library"
        : String.format("Removed %,d images from the library", count);
    notices.withAction(NotificationsViewModel.Level.INFO, title, "Undo", () -> {
      undone[0] = true;
      jobs.submit(ImportRequest.of(paths.stream().map(Path::of).toList()));
    }, UNDO_WINDOW);
    tasks.after(UNDO_WINDOW.plusSeconds(1), () -> {
      if (!undone[0] && !jobs.busy()) {
        tasks.run(() -> session.library().pipeline().sweepTombstones(), n -> { }, failure -> { });
      }
    });
  }
}
