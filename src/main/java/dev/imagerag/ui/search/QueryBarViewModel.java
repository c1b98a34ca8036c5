package dev.imagerag.ui.search;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.SearchHit;
import dev.imagerag.domain.SearchMode;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.search.SearchRequest;
import dev.imagerag.logic.store.SearchFilter;
import dev.imagerag.ui.common.LibrarySession;
import dev.imagerag.ui.common.Problems;
import dev.imagerag.ui.common.UiTasks;
import dev.imagerag.ui.gallery.GalleryItem;
import dev.imagerag.ui.gallery.GalleryViewModel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The query bar: text searched as it is typed (debounced, on a background thread, stale answers
 * dropped), the mode, filter chips, and searching by an example image or by an image of the
 * library ("find similar"). Results replace the gallery; clearing returns to the library.
 * UI thread only.
 */
public final class QueryBarViewModel {
  static final Duration DEBOUNCE = Duration.ofMillis(250);
  static final int RESULTS = 150;

  /** What the query bar is doing. */
  public enum State { LIBRARY, SEARCHING, RESULTS, NO_RESULTS, FAILED }

  /** What the results are similar to, for "find similar". */
  public record SimilarTo(ImageId id, String name) { }

  private final LibrarySession session;
  private final UiTasks tasks;
  private final GalleryViewModel gallery;
  private final ZoneId zone;
  private final StringProperty text = new SimpleStringProperty("");
  private final ObjectProperty<SearchMode> mode = new SimpleObjectProperty<>(SearchMode.HYBRID);
  private final ObservableList<FilterChip> chips = FXCollections.observableArrayList();
  private final ObservableList<FilterChip> chipsView = FXCollections.unmodifiableObservableList(chips);
  private final ReadOnlyObjectWrapper<Path> image = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<SimilarTo> similarTo = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.LIBRARY);
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private UiTasks.Cancellable pending = UiTasks.Cancellable.NONE;
  private long generation;
  private boolean quiet;

  public QueryBarViewModel(LibrarySession session, UiTasks tasks, GalleryViewModel gallery, ZoneId zone) {
    this.session = session;
    this.tasks = tasks;
    this.gallery = gallery;
    this.zone = zone;
    text.addListener((o, was, now) -> {
      if (!quiet) {
        similarTo.set(null);
        schedule();
      }
    });
    mode.addListener((o, was, now) -> searchNow());
    chips.addListener((ListChangeListener<FilterChip>) change -> searchNow());
  }

  private void schedule() {
    pending.cancel();
    pending = tasks.after(DEBOUNCE, this::searchNow);
  }

  /** Searches now (Enter), or shows the library when there is nothing to search for. */
  public void searchNow() {
    pending.cancel();
    if (session.current().isEmpty()) {
      return; // the window searches once the library is open
    }
    long mine = ++generation;
    SearchFilter filter = filter();
    if (similarTo.get() != null) {
      similar(similarTo.get(), filter, mine);
      return;
    }
    String query = text.get() == null ? "" : text.get().strip();
    if (query.isEmpty() && image.get() == null) {
      state.set(State.LIBRARY);
      message.set("");
      gallery.browse(filter);
      return;
    }
    SearchMode chosen = mode.get();
    if (!visualReady() && image.get() != null) {
      fail("Searching by an image needs a visual model — download one in Settings ▸ Models.");
      return;
    }
    if (needsVisual(chosen) && !visualReady()) {
      fail("No visual model yet — download one in Settings ▸ Models. Keyword and text search work meanwhile.");
      return;
    }
    SearchRequest request = new SearchRequest(query.isEmpty() ? null : query, image.get(), chosen, RESULTS, filter);
    state.set(State.SEARCHING);
    long started = System.nanoTime();
    tasks.run(() -> {
      Library library = session.library();
      return ResultItems.of(library.catalog(), library.search().search(request));
    }, items -> answered(mine, items, started), failure -> {
      if (mine == generation) {
        fail(Problems.message(failure));
      }
    });
  }

  private void similar(SimilarTo to, SearchFilter filter, long mine) {
    if (!visualReady()) {
      fail("Finding similar images needs a visual model — download one in Settings ▸ Models.");
      return;
    }
    state.set(State.SEARCHING);
    long started = System.nanoTime();
    tasks.run(() -> {
      Library library = session.library();
      List<SearchHit> hits = library.search().similar(to.id(), RESULTS, filter);
      return ResultItems.of(library.catalog(), hits);
    }, items -> answered(mine, items, started), failure -> {
      if (mine == generation) {
        fail(Problems.message(failure));
      }
    });
  }

  private void answered(long mine, List<GalleryItem> items, long started) {
    if (mine != generation) {
      return; // a newer query was typed meanwhile
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    gallery.showResults(items, noResultsHint());
    state.set(items.isEmpty() ? State.NO_RESULTS : State.RESULTS);
    message.set(items.isEmpty() ? "No results" : String.format("%,d result%s · %d ms", items.size(),
        items.size() == 1 ? "" : "s", millis));
  }

  private void fail(String reason) {
    state.set(State.FAILED);
    message.set(reason);
    gallery.showResults(List.of(), reason);
  }

  private String noResultsHint() {
    StringBuilder hint = new StringBuilder("Try other words");
    if (mode.get() != SearchMode.HYBRID) {
      hint.append(", switch to Hybrid");
    }
    if (!chips.isEmpty()) {
      hint.append(", or remove a filter");
    }
    if (!visualReady()) {
      hint.append(". Searching by what images show needs a visual model: download one in Settings ▸ Models");
    }
    return hint.append('.').toString();
  }

  private static boolean needsVisual(SearchMode mode) {
    return mode == SearchMode.VISUAL;
  }

  private boolean visualReady() {
    return session.current().map(o -> o.library().models().visualReady()).orElse(false);
  }

  // ---- commands -------------------------------------------------------------------------------

  /** Searches by an example image file (dropped or pasted) alone; the file is not imported. */
  public void searchByImage(Path file) {
    similarTo.set(null);
    setTextQuietly("");
    image.set(file);
    if (mode.get() == SearchMode.KEYWORD || mode.get() == SearchMode.TEXT) {
      mode.set(SearchMode.HYBRID); // searches too
      return;
    }
    searchNow();
  }

  /** Shows the images most similar to one of the library. */
  public void findSimilar(ImageId id, String name) {
    image.set(null);
    setTextQuietly("");
    similarTo.set(new SimilarTo(id, name));
    searchNow();
  }

  private void setTextQuietly(String value) {
    quiet = true;
    try {
      text.set(value);
    } finally {
      quiet = false;
    }
  }

  /** Esc / the clear button: back to the library, filters kept. */
  public void clear() {
    similarTo.set(null);
    image.set(null);
    setTextQuietly("");
    searchNow();
  }

  public void removeImage() {
    image.set(null);
    searchNow();
  }

  public void addChip(FilterChip chip) {
    if (chip.kind() == FilterChip.Kind.DATE || chip.kind() == FilterChip.Kind.HAS_TEXT) {
      chips.removeIf(c -> c.kind() == chip.kind());
    }
    if (!chips.contains(chip)) {
      chips.add(chip);
    }
  }

  public void removeChip(FilterChip chip) {
    chips.remove(chip);
  }

  public void clearChips() {
    chips.clear();
  }

  /** The words of the query, for highlighting them in the detail view. */
  public List<String> queryWords() {
    String query = text.get() == null ? "" : text.get();
    return Arrays.stream(query.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
        .filter(w -> w.length() > 1).distinct().toList();
  }

  public SearchFilter filter() {
    return FilterChip.filterOf(chips, zone);
  }

  // ---- properties -----------------------------------------------------------------------------

  /** The query text; the text field binds to it both ways. */
  public StringProperty textProperty() {
    return text;
  }

  /** The search mode; the mode selector binds to it both ways. */
  public ObjectProperty<SearchMode> modeProperty() {
    return mode;
  }

  public ObservableList<FilterChip> chips() {
    return chipsView;
  }

  public ReadOnlyObjectProperty<Path> imageProperty() {
    return image.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<SimilarTo> similarToProperty() {
    return similarTo.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  /** "42 results · 35 ms", or why nothing could be searched. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }
}
