package dev.imagerag.ui.gallery;

import dev.imagerag.domain.ImageId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

/**
 * Selection and keyboard focus of the gallery, as a file manager does it: click selects one,
 * Ctrl+click toggles, Shift+click and Shift+arrows extend from the anchor, Ctrl+A selects all.
 * Survives reloads by image id. UI thread only.
 */
public final class GallerySelection {
  private final Set<ImageId> selected = new LinkedHashSet<>();
  private final ReadOnlyIntegerWrapper focus = new ReadOnlyIntegerWrapper(-1);
  private final ReadOnlyLongWrapper version = new ReadOnlyLongWrapper();
  private List<GalleryItem> items = List.of();
  private int anchor = -1;

  /** The items changed (reload, search): keeps what is still there, by id. */
  void itemsChanged(List<GalleryItem> now) {
    ImageId focused = focusedId();
    items = now;
    Set<ImageId> present = new java.util.HashSet<>();
    now.forEach(i -> present.add(i.id()));
    selected.retainAll(present);
    int newFocus = -1;
    if (focused != null) {
      for (int i = 0; i < now.size(); i++) {
        if (now.get(i).id().equals(focused)) {
          newFocus = i;
          break;
        }
      }
    }
    anchor = newFocus;
    focus.set(newFocus);
    changed();
  }

  /** A click on tile {@code index}. */
  public void click(int index, boolean toggle, boolean extend) {
    if (index < 0 || index >= items.size()) {
      return;
    }
    if (extend && anchor >= 0) {
      if (!toggle) {
        selected.clear();
      }
      selectRange(anchor, index);
    } else if (toggle) {
      ImageId id = items.get(index).id();
      if (!selected.remove(id)) {
        selected.add(id);
      }
      anchor = index;
    } else {
      selected.clear();
      selected.add(items.get(index).id());
      anchor = index;
    }
    focus.set(index);
    changed();
  }

  /** Moves the focus by {@code delta} tiles (±1 for left/right, ±columns for up/down), clamped. */
  public void move(int delta, boolean extend) {
    if (items.isEmpty()) {
      return;
    }
    int from = focus.get() < 0 ? (delta > 0 ? -1 : items.size()) : focus.get();
    int to = Math.max(0, Math.min(items.size() - 1, from + delta));
    if (extend && anchor >= 0) {
      selected.clear();
      selectRange(anchor, to);
      focus.set(to);
      changed();
    } else {
      click(to, false, false);
    }
  }

  public void selectAll() {
    items.forEach(i -> selected.add(i.id()));
    changed();
  }

  public void clear() {
    selected.clear();
    changed();
  }

  private void selectRange(int a, int b) {
    for (int i = Math.min(a, b); i <= Math.max(a, b); i++) {
      selected.add(items.get(i).id());
    }
  }

  public boolean isSelected(ImageId id) {
    return selected.contains(id);
  }

  /** Selected items in gallery order. */
  public List<GalleryItem> selectedItems() {
    List<GalleryItem> result = new ArrayList<>();
    for (GalleryItem item : items) {
      if (selected.contains(item.id())) {
        result.add(item);
      }
    }
    return result;
  }

  public int size() {
    return selected.size();
  }

  /** The focused item, else the first selected one, else null. */
  public GalleryItem focusedItem() {
    int f = focus.get();
    if (f >= 0 && f < items.size()) {
      return items.get(f);
    }
    List<GalleryItem> chosen = selectedItems();
    return chosen.isEmpty() ? null : chosen.get(0);
  }

  private ImageId focusedId() {
    int f = focus.get();
    return f >= 0 && f < items.size() ? items.get(f).id() : null;
  }

  public ReadOnlyIntegerProperty focusProperty() {
    return focus.getReadOnlyProperty();
  }

  /** Grows on every change, so tiles can restyle themselves. */
  public ReadOnlyLongProperty versionProperty() {
    return version.getReadOnlyProperty();
  }

  private void changed() {
    version.set(version.get() + 1);
  }
}
