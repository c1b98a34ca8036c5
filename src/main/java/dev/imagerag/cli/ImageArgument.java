package dev.imagerag.cli;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.ImageRagException;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.catalog.PathEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Resolves what a user typed to name an image: a file path, a full id or an id prefix. */
final class ImageArgument {
  private ImageArgument() {}

  static ImageId resolve(Catalog catalog, String argument) {
    Optional<PathEntry> byPath = catalog.findPath(Path.of(argument).toAbsolutePath().normalize().toString());
    if (byPath.isPresent()) {
      return byPath.get().imageId();
    }
    if (ImageId.looksLikeIdOrPrefix(argument)) {
      List<ImageId> matches = catalog.findByIdPrefix(argument, 2);
      if (matches.size() == 1) {
        return matches.get(0);
      }
      if (matches.size() > 1) {
        throw new ImageRagException("The id prefix " + argument + " matches several images; give more digits.");
      }
    }
    throw new ImageRagException("No image in the library matches " + argument
        + " (give a file path that was imported, or an image id from `search --json`).");
  }
}
