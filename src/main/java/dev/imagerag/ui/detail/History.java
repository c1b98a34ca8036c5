package dev.imagerag.ui.detail;

import dev.imagerag.domain.ImageId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Back/forward through the images visited in the detail view, like a browser's. */
final class History {
  static final int LIMIT = 200;

  private final List<ImageId> visited = new ArrayList<>();
  private int position = -1;

  /** Visits {@code id}: what was ahead of the current position is forgotten. */
  void push(ImageId id) {
    if (position >= 0 && visited.get(position).equals(id)) {
      return;
    }
    while (visited.size() > position + 1) {
      visited.remove(visited.size() - 1);
    }
    visited.add(id);
    if (visited.size() > LIMIT) {
      visited.remove(0);
    }
    position = visited.size() - 1;
  }

  Optional<ImageId> back() {
    if (!canBack()) {
      return Optional.empty();
    }
    return Optional.of(visited.get(--position));
  }

  Optional<ImageId> forward() {
    if (!canForward()) {
      return Optional.empty();
    }
    return Optional.of(visited.get(++position));
  }

  boolean canBack() {
    return position > 0;
  }

  boolean canForward() {
    return position >= 0 && position < visited.size() - 1;
  }

  void clear() {
    visited.clear();
    position = -1;
  }
}
