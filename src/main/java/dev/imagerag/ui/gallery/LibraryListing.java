package dev.imagerag.ui.gallery;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.catalog.ImageSort;
import dev.imagerag.logic.catalog.ImageSummary;
import dev.imagerag.logic.store.SearchFilter;
import java.io.File;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The library as the gallery browses it: every image in one sort order, narrowed by the same
 * filter chips a search uses (folder, dates, format, tag, has text). One catalog query plus, for
 * tags and text, one id set each; the rest is filtered in memory (50,000 summaries take ~10 MB).
 * Blocks: call it off the UI thread.
 */
final class LibraryListing {
  private LibraryListing() {}

  static List<ImageSummary> list(Catalog catalog, ImageSort sort, SearchFilter filter) {
    List<String> folders = filter.pathPrefixes();
    String folder = folders.size() == 1 ? folders.get(0) : null;
    List<ImageSummary> all = catalog.listImages(sort, folder, 0, Integer.MAX_VALUE);
    Predicate<ImageSummary> keep = s -> true;
    if (folders.size() > 1) {
      keep = keep.and(s -> folders.stream().anyMatch(f -> under(s.path(), f)));
    }
    if (filter.from() != null) {
      keep = keep.and(s -> s.date() != null && !s.date().isBefore(filter.from()));
    }
    if (filter.to() != null) {
      keep = keep.and(s -> s.date() != null && s.date().isBefore(filter.to()));
    }
    if (!filter.formats().isEmpty()) {
      keep = keep.and(s -> filter.formats().contains(s.format().id()));
    }
    if (filter.minWidth() > 0 || filter.minHeight() > 0) {
      keep = keep.and(s -> s.width() >= filter.minWidth() && s.height() >= filter.minHeight());
    }
    for (String tag : filter.tags()) {
      Set<ImageId> tagged = catalog.imagesTagged(tag);
      keep = keep.and(s -> tagged.contains(s.id()));
    }
    if (filter.hasText() != null) {
      Set<ImageId> withText = catalog.imagesWithText("ocr");
      boolean wanted = filter.hasText();
      keep = keep.and(s -> withText.contains(s.id()) == wanted);
    }
    return filter.isEmpty() ? all : all.stream().filter(keep).toList();
  }

  static boolean under(String path, String folder) {
    return path.equals(folder) || path.startsWith(folder.endsWith(File.separator) ? folder : folder + File.separator);
  }
}
