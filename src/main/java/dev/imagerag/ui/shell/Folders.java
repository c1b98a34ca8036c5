package dev.imagerag.ui.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The folders the side panel lists: what the user imported, with single files standing for their
 * folder, and folders inside another listed folder left out. Reads the disk: call it off the UI
 * thread.
 */
final class Folders {
  private Folders() {}

  static List<String> of(List<String> roots) {
    TreeSet<String> folders = new TreeSet<>();
    for (String root : roots) {
      Path path = Path.of(root);
      if (Files.isRegularFile(path) && path.getParent() != null) {
        folders.add(path.getParent().toString());
      } else {
        folders.add(path.toString()); // a folder, or one that is gone (still in the library until rescanned)
      }
    }
    List<String> outermost = new ArrayList<>();
    for (String folder : folders) {
      boolean inside = outermost.stream().anyMatch(o -> Path.of(folder).startsWith(Path.of(o)));
      if (!inside) {
        outermost.add(folder);
      }
    }
    return outermost;
  }
}
