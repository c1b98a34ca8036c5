package dev.imagerag.logic.library;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where a library keeps its files. Everything lives under one root folder:
 * {@code catalog.db} (SQLite), {@code thumbnails/}, {@code index/} (embedded index),
 * {@code settings.json}, {@code logs/}, {@code tmp/} and {@code library.lock}.
 */
public record LibraryPaths(Path root) {
  public static final String HOME_VARIABLE = "IMAGE_RAG_HOME";

  public LibraryPaths {
    root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
  }

  /**
   * The library to use: {@code explicit} when given, else {@code IMAGE_RAG_HOME}, else the user's
   * data folder ({@code $XDG_DATA_HOME/image-rag} or {@code ~/.local/share/image-rag} on Linux,
   * {@code ~/Library/Application Support/Image RAG} on macOS, {@code %APPDATA%\Image RAG} on
   * Windows).
   */
  public static LibraryPaths resolve(Path explicit, Map<String, String> env, String osName, Path home) {
    if (explicit != null) {
      return new LibraryPaths(explicit);
    }
    String fromEnv = env.get(HOME_VARIABLE);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new LibraryPaths(Path.of(fromEnv));
    }
    return new LibraryPaths(userDataFolder(env, osName, home));
  }

  static Path userDataFolder(Map<String, String> env, String osName, Path home) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.contains("win")) {
      String appData = env.get("APPDATA");
      Path base = appData != null ? Path.of(appData) : home.resolve("AppData").resolve("Roaming");
      return base.resolve("Image RAG");
    }
    if (os.contains("mac")) {
      return home.resolve("Library").resolve("Application Support").resolve("Image RAG");
    }
    String xdg = env.get("XDG_DATA_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("share");
    return base.resolve("image-rag");
  }

  public Path catalogFile() {
    return root.resolve("catalog.db");
  }

  public Path thumbnailsDir() {
    return root.resolve("thumbnails");
  }

  public Path indexDir() {
    return root.resolve("index");
  }

  public Path settingsFile() {
    return root.resolve("settings.json");
  }

  public Path logsDir() {
    return root.resolve("logs");
  }

  public Path tmpDir() {
    return root.resolve("tmp");
  }

  public Path lockFile() {
    return root.resolve("library.lock");
  }

  /** Present while a writer has the library open; left behind by a crash. */
  public Path dirtyMarker() {
    return root.resolve(".open");
  }
}
