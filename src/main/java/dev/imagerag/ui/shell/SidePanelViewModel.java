package dev.imagerag.ui.shell;

import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.ui.common.LibrarySession;
import dev.imagerag.ui.common.UiTasks;
import dev.imagerag.ui.search.FilterChip;
import dev.imagerag.ui.search.QueryBarViewModel;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The side panel: the library's folders (what the user imported), its tags with how many images
 * carry each, and the active filters. Picking a folder or a tag adds a filter to the query bar.
 * UI thread only.
 */
public final class SidePanelViewModel {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SidePanelViewModel.class);
  static final int MAX_TAGS = 60;

  /** One tag and how many images carry it. */
  public record TagCount(String tag, long count) {
    public String label() {
      return tag + "  " + count;
    }
  }

  private final LibrarySession session;
  private final UiTasks tasks;
  private final QueryBarViewModel queryBar;
  private final ObservableList<String> folders = FXCollections.observableArrayList();
  private final ObservableList<String> foldersView = FXCollections.unmodifiableObservableList(folders);
  private final ObservableList<TagCount> tags = FXCollections.observableArrayList();
  private final ObservableList<TagCount> tagsView = FXCollections.unmodifiableObservableList(tags);
  private final ReadOnlyObjectWrapper<String> folder = new ReadOnlyObjectWrapper<>();
  private boolean loading;
  private boolean again;

  public SidePanelViewModel(LibrarySession session, UiTasks tasks, QueryBarViewModel queryBar) {
    this.session = session;
    this.tasks = tasks;
    this.queryBar = queryBar;
    queryBar.chips().addListener((javafx.collections.ListChangeListener<FilterChip>) c -> folder.set(
        queryBar.chips().stream().filter(chip -> chip.kind() == FilterChip.Kind.FOLDER).map(FilterChip::value)
            .findFirst().orElse(null)));
  }

  /** Reads folders and tag counts again (after imports); one read at a time. */
  public void refresh() {
    if (session.current().isEmpty()) {
      return;
    }
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    tasks.run(() -> {
      Catalog catalog = session.library().catalog();
      List<TagCount> counts = catalog.tagCounts().entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .limit(MAX_TAGS).map(e -> new TagCount(e.getKey(), e.getValue())).toList();
      return new Panel(Folders.of(catalog.roots()), counts);
    }, panel -> {
      List<String> roots = panel.roots();
      List<TagCount> counts = panel.tags();
      if (!roots.equals(folders)) {
        folders.setAll(roots);
      }
      if (!counts.equals(tags)) {
        tags.setAll(counts);
      }
      done();
    }, failure -> {
      LOG.warn("Could not read the library's folders and tags", failure);
      done();
    });
  }

  private record Panel(List<String> roots, List<TagCount> tags) { }

  private void done() {
    loading = false;
    if (again) {
      again = false;
      refresh();
    }
  }

  /** Shows one folder's images (null: the whole library). Replaces a folder filter. */
  public void selectFolder(String path) {
    queryBar.chips().stream().filter(c -> c.kind() == FilterChip.Kind.FOLDER).toList()
        .forEach(queryBar::removeChip);
    if (path != null) {
      queryBar.addChip(FilterChip.folder(path));
    }
  }

  public void selectTag(String tag) {
    queryBar.addChip(FilterChip.tag(tag));
  }

  public ObservableList<String> folders() {
    return foldersView;
  }

  public ObservableList<TagCount> tags() {
    return tagsView;
  }

  /** The folder being shown, or null for the whole library. */
  public ReadOnlyObjectProperty<String> folderProperty() {
    return folder.getReadOnlyProperty();
  }
}
