package dev.imagerag.ui.gallery;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.catalog.ImageSort;
import dev.imagerag.logic.ingest.ImportRequest;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.store.SearchFilter;
import dev.imagerag.ui.common.DesktopActions;
import dev.imagerag.ui.common.LibrarySession;
import dev.imagerag.ui.common.NotificationsViewModel;
import dev.imagerag.ui.common.UiTasks;
import dev.imagerag.ui.jobs.JobsViewModel;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The gallery: the library (sorted, narrowed by filters) or the results of a search, selection,
 * and what can be done to images (open, remove with undo, reprocess). Library listings load in
 * the background and are reloaded, throttled, while an import adds images. UI thread only.
 */
public final class GalleryViewModel {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GalleryViewModel.class);
  static final int MIN_THUMBNAIL = 96;
  static final int MAX_THUMBNAIL = 320;

  /** What the gallery shows. */
  public enum State { LOADING, EMPTY_LIBRARY, BROWSING, NO_MATCHES, RESULTS, NO_RESULTS }

  /** Orders the user can pick; relevance only for search results. */
  public enum Sort {
    DATE_NEWEST("Newest first", ImageSort.DATE_NEWEST),
    DATE_OLDEST("Oldest first", ImageSort.DATE_OLDEST),
    NAME("Name", ImageSort.NAME),
    ADDED("Recently added", ImageSort.ADDED),
    RELEVANCE("Relevance", null);

    private final String label;
    private final ImageSort catalogSort;

    Sort(String label, ImageSort catalogSort) {
      this.label = label;
      this.catalogSort = catalogSort;
    }

    public String label() {
      return label;
    }
  }

  private final LibrarySession session;
  private final UiTasks tasks;
  private final JobsViewModel jobs;
  private final NotificationsViewModel notices;
  private final DesktopActions desktop;
  private final GallerySelection selection = new GallerySelection();
  private final ObservableList<GalleryItem> items = FXCollections.observableArrayList();
  private final ObservableList<GalleryItem> readOnlyItems = FXCollections.unmodifiableObservableList(items);
  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.LOADING);
  private final ReadOnlyObjectWrapper<Sort> sort = new ReadOnlyObjectWrapper<>(Sort.DATE_NEWEST);
  private final ReadOnlyIntegerWrapper thumbnailSize = new ReadOnlyIntegerWrapper(160);
  private final ReadOnlyStringWrapper countText = new ReadOnlyStringWrapper("");
  private final javafx.beans.property.ReadOnlyLongWrapper removals = new javafx.beans.property.ReadOnlyLongWrapper(0);
  private final ReadOnlyStringWrapper emptyTitle = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper emptyHint = new ReadOnlyStringWrapper("");
  private final ObservableList<Sort> sortChoices =
      FXCollections.observableArrayList(Sort.DATE_NEWEST, Sort.DATE_OLDEST, Sort.NAME, Sort.ADDED);
  private final ObservableList<Sort> sortChoicesView = FXCollections.unmodifiableObservableList(sortChoices);
  private final LoadThrottle throttle;
  private final ImageRemoval removal;
  private SearchFilter filter = SearchFilter.NONE;
  private Sort browseSort = Sort.DATE_NEWEST;
  private List<GalleryItem> results = List.of();

  public GalleryViewModel(LibrarySession session, UiTasks tasks, JobsViewModel jobs, NotificationsViewModel notices,
      DesktopActions desktop) {
    this(session, tasks, jobs, notices, desktop, System::currentTimeMillis);
  }

  /** @param clock milliseconds, for the reload throttle (tests pass their own) */
  GalleryViewModel(LibrarySession session, UiTasks tasks, JobsViewModel jobs, NotificationsViewModel notices,
      DesktopActions desktop, java.util.function.LongSupplier clock) {
    this.session = session;
    this.tasks = tasks;
    this.jobs = jobs;
    this.notices = notices;
    this.desktop = desktop;
    this.throttle = new LoadThrottle(tasks, this::loadNow, clock);
    this.removal = new ImageRemoval(session, tasks, jobs, notices);
  }

  // ---- what is shown ----------------------------------------------------------------------

  /** Shows the library, narrowed by {@code filter} (no text query). */
  public void browse(SearchFilter newFilter) {
    filter = newFilter == null ? SearchFilter.NONE : newFilter;
    results = List.of();
    offerSorts(Sort.DATE_NEWEST, Sort.DATE_OLDEST, Sort.NAME, Sort.ADDED);
    sort.set(browseSort);
    state.set(State.LOADING);
    throttle.now();
  }

  /** Something in the catalog changed (an import progressed): reload the listing, throttled. */
  public void catalogChanged() {
    if (!isShowingResults()) {
      throttle.request();
    }
  }

  /** Reloads the library listing now (after a run finished: badges and counts are final). */
  public void refresh() {
    if (!isShowingResults() && state.get() != State.LOADING) {
      throttle.now();
    }
  }

  /**
   * Shows ranked search results instead of the library.
   *
   * @param noResultsHint what to say when there are none (what to try next)
   */
  public void showResults(List<GalleryItem> hits, String noResultsHint) {
    results = List.copyOf(hits);
    throttle.cancel();
    offerSorts(Sort.RELEVANCE, Sort.DATE_NEWEST, Sort.DATE_OLDEST, Sort.NAME);
    sort.set(Sort.RELEVANCE);
    show(results);
    state.set(hits.isEmpty() ? State.NO_RESULTS : State.RESULTS);
    emptyTitle.set("No results");
    emptyHint.set(noResultsHint);
    countText.set(hits.isEmpty() ? "No results" : String.format("%,d result%s", hits.size(), hits.size() == 1 ? "" : "s"));
  }

  /** Replacing equal choices would make a bound combo box drop its value: only real changes are made. */
  private void offerSorts(Sort... choices) {
    if (!sortChoices.equals(List.of(choices))) {
      sortChoices.setAll(choices);
    }
  }

  public boolean isShowingResults() {
    return state.get() == State.RESULTS || state.get() == State.NO_RESULTS;
  }

  /** Picks an order; relevance is only offered for results, and dates/names re-sort results too. */
  public void sortBy(Sort newSort) {
    if (newSort == null || newSort == sort.get()) {
      return;
    }
    if (isShowingResults()) {
      sort.set(newSort);
      show(ResultOrder.sorted(results, newSort));
      return;
    }
    if (newSort == Sort.RELEVANCE) {
      return;
    }
    browseSort = newSort;
    sort.set(newSort);
    throttle.now();
  }

  public void setThumbnailSize(int size) {
    thumbnailSize.set(Math.max(MIN_THUMBNAIL, Math.min(MAX_THUMBNAIL, size)));
  }

  private void loadNow() {
    if (session.current().isEmpty()) {
      throttle.done(); // the library is still opening: its first listing follows
      return;
    }
    ImageSort order = browseSort.catalogSort;
    SearchFilter narrowedBy = filter;
    tasks.run(() -> {
      long start = System.nanoTime();
      Library library = session.library();
      List<GalleryItem> listed = LibraryListing.list(library.catalog(), order, narrowedBy).stream()
          .map(GalleryItem::of).toList();
      LOG.debug("Listed {} images in {} ms", listed.size(), (System.nanoTime() - start) / 1_000_000);
      return listed;
    }, listed -> {
      throttle.done();
      if (isShowingResults() || narrowedBy != filter) {
        return;
      }
      show(listed);
      state.set(!listed.isEmpty() ? State.BROWSING : narrowedBy.isEmpty() ? State.EMPTY_LIBRARY : State.NO_MATCHES);
      if (listed.isEmpty() && narrowedBy.isEmpty()) {
        emptyTitle.set("Drop folders here to start");
        emptyHint.set("Drag photos, screenshots or whole folders onto this window, or use File ▸ Import… (Ctrl+O). "
            + "Your files stay where they are.");
      } else if (listed.isEmpty()) {
        emptyTitle.set("No images match these filters");
        emptyHint.set("Remove a filter in the side panel or the query bar.");
      }
      countText.set(String.format("%,d image%s", listed.size(), listed.size() == 1 ? "" : "s"));
    }, failure -> {
      throttle.done();
      notices.error("Could not list the library", failure);
    });
  }

  private void show(List<GalleryItem> now) {
    if (!now.equals(items)) {
      items.setAll(now);
    }
    selection.itemsChanged(items);
  }

  // ---- actions on images --------------------------------------------------------------------

  public void open(GalleryItem item) {
    desktop.open(Path.of(item.path()));
  }

  public void showInFolder(GalleryItem item) {
    desktop.showInFolder(Path.of(item.path()));
  }

  /** Copies the image's recognised text, or says there is none. */
  public void copyOcrText(GalleryItem item) {
    tasks.run(() -> session.library().catalog().texts(item.id()).getOrDefault("ocr", ""), text -> {
      if (text.isBlank()) {
        notices.info("No text was recognised in " + item.fileName());
      } else {
        desktop.copyText(text);
        notices.info("Copied the text of " + item.fileName());
      }
    }, failure -> notices.error("Could not read the text", failure));
  }

  /** Queues every stage of the images again and runs them. */
  public void reprocess(List<GalleryItem> chosen) {
    List<ImageId> ids = chosen.stream().map(GalleryItem::id).toList();
    if (ids.isEmpty() || session.current().map(LibrarySession.Opened::readOnly).orElse(true)) {
      return;
    }
    tasks.run(() -> {
      Library library = session.library();
      for (String stage : library.pipeline().progressNames()) {
        if (!stage.equals("import")) {
          library.catalog().requeueImages(stage, ids);
        }
      }
      return ids.size();
    }, count -> {
      jobs.submit(ImportRequest.resume());
      notices.info(String.format("Processing %,d image%s again", count, count == 1 ? "" : "s"));
    }, failure -> notices.error("Could not reprocess", failure));
  }

  /**
   * Takes the images out of the library (files on disk stay); the removal can be undone for a
   * while (see {@link ImageRemoval}).
   */
  public void remove(List<GalleryItem> chosen) {
    if (chosen.isEmpty() || session.current().map(LibrarySession.Opened::readOnly).orElse(true)) {
      return;
    }
    removal.remove(chosen.stream().map(GalleryItem::id).toList(), this::removed);
  }

  private void removed(List<ImageId> ids) {
    items.removeIf(item -> ids.contains(item.id()));
    results = results.stream().filter(r -> !ids.contains(r.id())).toList();
    selection.itemsChanged(items);
    countText.set(String.format("%,d %s", items.size(), isShowingResults() ? "results" : "images"));
    removals.set(removals.get() + 1);
  }

  /** Grows each time images leave the library (the library's counts changed). */
  public javafx.beans.property.ReadOnlyLongProperty removalsProperty() {
    return removals.getReadOnlyProperty();
  }

  public void removeSelected() {
    remove(selection.selectedItems());
  }

  // ---- properties ---------------------------------------------------------------------------

  public ObservableList<GalleryItem> items() {
    return readOnlyItems;
  }

  public GallerySelection selection() {
    return selection;
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Sort> sortProperty() {
    return sort.getReadOnlyProperty();
  }

  public ReadOnlyIntegerProperty thumbnailSizeProperty() {
    return thumbnailSize.getReadOnlyProperty();
  }

  /** "1,234 images" or "42 results". */
  public ReadOnlyStringProperty countTextProperty() {
    return countText.getReadOnlyProperty();
  }

  /** The orders that make sense for what is shown. */
  public ObservableList<Sort> sortChoices() {
    return sortChoicesView;
  }

  /** The empty state's headline ("Drop folders here to start", "No results"). */
  public ReadOnlyStringProperty emptyTitleProperty() {
    return emptyTitle.getReadOnlyProperty();
  }

  /** What to do next when nothing is shown. */
  public ReadOnlyStringProperty emptyHintProperty() {
    return emptyHint.getReadOnlyProperty();
  }

  public SearchFilter filter() {
    return filter;
  }
}
