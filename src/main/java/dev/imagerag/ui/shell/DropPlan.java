package dev.imagerag.ui.shell;

import dev.imagerag.domain.ImageFormat;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a drop on the window will do, decided while the user drags (so the overlay can say it):
 * import files and folders, import an image from a web page (its URL or its pixels), or, over the
 * query bar, search by the dropped image.
 *
 * @param message what the overlay says, e.g. "Drop to import 12 files"
 * @param files the files or folders to import or search by
 * @param url the web address to fetch, or null
 */
public record DropPlan(Action action, String message, List<Path> files, String url) {

  /** The outcome of a drop. */
  public enum Action {
    IMPORT_FILES, IMPORT_URL, IMPORT_IMAGE_DATA, SEARCH_BY_FILE, SEARCH_BY_URL, SEARCH_BY_IMAGE_DATA, NONE;

    public boolean searches() {
      return this == SEARCH_BY_FILE || this == SEARCH_BY_URL || this == SEARCH_BY_IMAGE_DATA;
    }
  }

  public DropPlan {
    files = List.copyOf(files);
  }

  /**
   * What is being dragged, as the window's drag events present it.
   *
   * @param files dragged files and folders (a file manager, or a browser that saved the image)
   * @param url a dragged link or image address, or null
   * @param imageData true when raw pixels are offered (an image dragged out of a browser)
   */
  public record Dragged(List<Path> files, String url, boolean imageData) {
    public Dragged {
      files = files == null ? List.of() : List.copyOf(files);
    }
  }

  static DropPlan none(String why) {
    return new DropPlan(Action.NONE, why, List.of(), null);
  }

  /** Decides what dropping {@code dragged} does, over the query bar or elsewhere. */
  public static DropPlan of(Dragged dragged, boolean overQueryBar, boolean readOnly) {
    if (!dragged.files().isEmpty()) {
      return files(dragged.files(), overQueryBar, readOnly);
    }
    String url = webAddress(dragged.url());
    if (overQueryBar && (url != null || dragged.imageData())) {
      return new DropPlan(url != null ? Action.SEARCH_BY_URL : Action.SEARCH_BY_IMAGE_DATA,
          "Drop image to search by it", List.of(), url);
    }
    if (readOnly) {
      return none("This library is read-only: another Image RAG process is writing it");
    }
    if (url != null) {
      return new DropPlan(Action.IMPORT_URL, "Drop to import the image from " + host(url), List.of(), url);
    }
    if (dragged.imageData()) {
      return new DropPlan(Action.IMPORT_IMAGE_DATA, "Drop to import this image", List.of(), null);
    }
    return none("Only images, folders and image links can be dropped here");
  }

  private static DropPlan files(List<Path> dropped, boolean overQueryBar, boolean readOnly) {
    long folders = dropped.stream().filter(Files::isDirectory).count();
    List<Path> images = dropped.stream().filter(p -> !Files.isDirectory(p) && isImage(p)).toList();
    if (overQueryBar && folders == 0 && images.size() == 1 && dropped.size() == 1) {
      return new DropPlan(Action.SEARCH_BY_FILE, "Drop image to search by it", images, null);
    }
    if (folders == 0 && images.isEmpty()) {
      return none(dropped.size() == 1 ? "This file is not an image Image RAG can read"
          : "None of these files is an image Image RAG can read");
    }
    if (readOnly) {
      return none("This library is read-only: another Image RAG process is writing it");
    }
    List<Path> chosen = dropped.stream().filter(p -> Files.isDirectory(p) || isImage(p)).toList();
    return new DropPlan(Action.IMPORT_FILES, "Drop to import " + describe(folders, images.size()), chosen, null);
  }

  static String describe(long folders, long files) {
    String f = files == 1 ? "1 file" : String.format("%,d files", files);
    String d = folders == 1 ? "1 folder" : String.format("%,d folders", folders);
    if (folders == 0) {
      return f;
    }
    return files == 0 ? d + " (with everything in them)" : d + " and " + f;
  }

  static boolean isImage(Path file) {
    Path name = file.getFileName();
    return name != null && ImageFormat.byExtension(name.toString()).map(ImageFormat::supported).orElse(false);
  }

  /** The http(s) address in a dragged string (browsers may add a title line), or null. */
  static String webAddress(String text) {
    if (text == null) {
      return null;
    }
    for (String line : text.split("\\R")) {
      String candidate = line.strip();
      String lower = candidate.toLowerCase(Locale.ROOT);
      if ((lower.startsWith("http://") || lower.startsWith("https://")) && !candidate.contains(" ")) {
        try {
          URI.create(candidate);
          return candidate;
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
    }
    return null;
  }

  private static String host(String url) {
    try {
      String host = URI.create(url).getHost();
      return host == null ? "the web" : host;
    } catch (IllegalArgumentException e) {
      return "the web";
    }
  }
}
