package dev.imagerag.ui.shell;

import dev.imagerag.logic.ingest.ImportRequest;
import dev.imagerag.ui.common.LibrarySession;
import dev.imagerag.ui.common.NotificationsViewModel;
import dev.imagerag.ui.common.UiTasks;
import dev.imagerag.ui.jobs.JobsViewModel;
import dev.imagerag.ui.search.QueryBarViewModel;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Dropping things anywhere on the window (and File ▸ Import…): the overlay's message while
 * dragging, then importing in the background or searching by the dropped image. Web images are
 * saved into the library's {@code tmp} folder first. UI thread only.
 */
public final class DropViewModel {
  private final LibrarySession session;
  private final UiTasks tasks;
  private final JobsViewModel jobs;
  private final QueryBarViewModel queryBar;
  private final NotificationsViewModel notices;
  private final ImageFetcher fetcher = new ImageFetcher();
  private final ReadOnlyBooleanWrapper showing = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper accepted = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

  public DropViewModel(LibrarySession session, UiTasks tasks, JobsViewModel jobs, QueryBarViewModel queryBar,
      NotificationsViewModel notices) {
    this.session = session;
    this.tasks = tasks;
    this.jobs = jobs;
    this.queryBar = queryBar;
    this.notices = notices;
  }

  /** The user drags something over the window; returns the plan (the view accepts unless NONE). */
  public DropPlan hover(DropPlan.Dragged dragged, boolean overQueryBar) {
    DropPlan plan = plan(dragged, overQueryBar);
    showing.set(true);
    accepted.set(plan.action() != DropPlan.Action.NONE);
    message.set(plan.message());
    return plan;
  }

  public void exit() {
    showing.set(false);
  }

  /**
   * The user dropped. {@code imageData} supplies the dropped pixels as PNG bytes when the plan
   * needs them (encoding happens only then).
   *
   * @return true when the drop was taken
   */
  public boolean drop(DropPlan.Dragged dragged, boolean overQueryBar, Supplier<byte[]> imageData) {
    showing.set(false);
    DropPlan plan = plan(dragged, overQueryBar);
    switch (plan.action()) {
      case IMPORT_FILES -> importFiles(plan.files());
      case SEARCH_BY_FILE -> queryBar.searchByImage(plan.files().get(0));
      case IMPORT_URL, SEARCH_BY_URL -> fetch(() -> fetcher.download(plan.url(), folder(plan)), plan.action().searches());
      case IMPORT_IMAGE_DATA, SEARCH_BY_IMAGE_DATA -> {
        byte[] png = imageData.get();
        if (png == null) {
          notices.warning("Could not read the dropped image", "Save it to a file and drop the file instead.");
          return false;
        }
        fetch(() -> fetcher.save(png, folder(plan)), plan.action().searches());
      }
      case NONE -> {
        return false;
      }
    }
    return true;
  }

  /** Imports files and folders (from a drop, or File ▸ Import…). */
  public void importFiles(List<Path> files) {
    if (files.isEmpty()) {
      return;
    }
    jobs.submit(ImportRequest.of(files));
    notices.info("Importing " + DropPlan.describe(files.stream().filter(java.nio.file.Files::isDirectory).count(),
        files.stream().filter(f -> !java.nio.file.Files.isDirectory(f)).count()) + "…");
  }

  private void fetch(java.util.concurrent.Callable<Path> save, boolean search) {
    notices.info(search ? "Fetching the image to search by…" : "Fetching the dropped image…");
    tasks.run(save, file -> {
      if (search) {
        queryBar.searchByImage(file);
      } else {
        jobs.submit(ImportRequest.of(List.of(file)));
      }
    }, failure -> notices.error("Could not use the dropped image", failure));
  }

  private Path folder(DropPlan plan) {
    Path tmp = session.library().paths().tmpDir();
    return plan.action().searches() ? tmp.resolve("query") : tmp.resolve("dropped");
  }

  private DropPlan plan(DropPlan.Dragged dragged, boolean overQueryBar) {
    boolean readOnly = session.current().map(LibrarySession.Opened::readOnly).orElse(true);
    return DropPlan.of(dragged, overQueryBar, readOnly);
  }

  public ReadOnlyBooleanProperty showingProperty() {
    return showing.getReadOnlyProperty();
  }

  /** False when the drop would be refused (the overlay says why). */
  public ReadOnlyBooleanProperty acceptedProperty() {
    return accepted.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }
}
