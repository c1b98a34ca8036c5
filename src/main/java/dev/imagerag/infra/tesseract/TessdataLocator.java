package dev.imagerag.infra.tesseract;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the folder of Tesseract's {@code *.traineddata}: the configured one; else
 * {@code TESSDATA_PREFIX} (the folder itself, or its {@code tessdata} child as Tesseract 3 had it);
 * else where Debian/Ubuntu, Fedora, Homebrew, MacPorts and the Windows installer put it.
 */
final class TessdataLocator {
  private static final List<String> UNIX_FOLDERS = List.of(
      "/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata", "/usr/share/tessdata",
      "/usr/share/tesseract/tessdata", "/opt/homebrew/share/tessdata", "/usr/local/share/tessdata",
      "/opt/local/share/tessdata");
  private static final List<String> WINDOWS_FOLDERS = List.of(
      "C:\\Program Files\\Tesseract-OCR\\tessdata", "C:\\Program Files (x86)\\Tesseract-OCR\\tessdata");

  /**
   * A folder and the configured languages whose data it lacks.
   *
   * @param folder the tessdata folder
   * @param missing language codes without a {@code <code>.traineddata} there; empty when all are
   */
  record Found(Path folder, List<String> missing) {}

  private TessdataLocator() {}

  /** Where to look, in order; only the configured folder when there is one. */
  static List<Path> candidates(String configured, Map<String, String> env, String osName) {
    if (configured != null && !configured.isBlank()) {
      return List.of(Path.of(configured));
    }
    Set<Path> folders = new LinkedHashSet<>();
    String prefix = env.get("TESSDATA_PREFIX");
    if (prefix != null && !prefix.isBlank()) {
      folders.add(Path.of(prefix));
      folders.add(Path.of(prefix, "tessdata"));
    }
    boolean windows = osName != null && osName.toLowerCase(Locale.ROOT).startsWith("windows");
    if (windows) {
      String local = env.get("LOCALAPPDATA");
      WINDOWS_FOLDERS.forEach(f -> folders.add(Path.of(f)));
      if (local != null) {
        folders.add(Path.of(local, "Programs", "Tesseract-OCR", "tessdata"));
      }
    } else {
      UNIX_FOLDERS.forEach(f -> folders.add(Path.of(f)));
    }
    return new ArrayList<>(folders);
  }

  /**
   * The first candidate holding every language; else the first holding any language data, with
   * what it lacks; empty when no candidate holds any.
   */
  static Optional<Found> locate(List<Path> candidates, List<String> languages) {
    Found partial = null;
    for (Path folder : candidates) {
      if (!Files.isDirectory(folder)) {
        continue;
      }
      List<String> missing = languages.stream().filter(l -> !Files.isRegularFile(traineddata(folder, l))).toList();
      if (missing.isEmpty()) {
        return Optional.of(new Found(folder, List.of()));
      }
      if (partial == null && holdsAnyData(folder)) {
        partial = new Found(folder, missing);
      }
    }
    if (partial == null && candidates.size() == 1 && Files.isDirectory(candidates.get(0))) {
      // A configured folder without any data: report it, not the search.
      return Optional.of(new Found(candidates.get(0), languages));
    }
    return Optional.ofNullable(partial);
  }

  static Path traineddata(Path folder, String language) {
    return folder.resolve(language + ".traineddata");
  }

  private static boolean holdsAnyData(Path folder) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.traineddata")) {
      return files.iterator().hasNext();
    } catch (IOException e) {
      return false;
    }
  }
}
