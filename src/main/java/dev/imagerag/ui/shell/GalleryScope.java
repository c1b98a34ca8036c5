package dev.imagerag.ui.shell;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.store.SearchFilter;
import dev.imagerag.ui.chat.ChatScope;
import dev.imagerag.ui.gallery.GalleryItem;
import dev.imagerag.ui.gallery.GalleryViewModel;
import dev.imagerag.ui.search.FilterChip;
import dev.imagerag.ui.search.QueryBarViewModel;
import java.util.List;
import java.util.stream.Collectors;
import javafx.collections.ListChangeListener;

/** The gallery's filter chips and selection, as the chat pane sees them. UI thread only. */
final class GalleryScope implements ChatScope.Source {
  private final QueryBarViewModel queryBar;
  private final GalleryViewModel gallery;

  GalleryScope(QueryBarViewModel queryBar, GalleryViewModel gallery) {
    this.queryBar = queryBar;
    this.gallery = gallery;
  }

  /** Tells {@code scope} whenever the chips or the selection change. */
  void follow(ChatScope scope) {
    queryBar.chips().addListener((ListChangeListener<FilterChip>) c -> scope.changed());
    gallery.selection().versionProperty().addListener((o, was, now) -> scope.changed());
  }

  @Override
  public SearchFilter filter() {
    return queryBar.filter();
  }

  @Override
  public String filterText() {
    return queryBar.chips().stream().map(FilterChip::label).collect(Collectors.joining(" · "));
  }

  @Override
  public List<ImageId> selected() {
    return gallery.selection().selectedItems().stream().map(GalleryItem::id).toList();
  }
}
