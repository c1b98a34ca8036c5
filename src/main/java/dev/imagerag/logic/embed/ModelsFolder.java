package dev.imagerag.logic.embed;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where downloaded model files live: {@code <root>/<model id>/<file>}, plus the user's own
 * manifests as {@code <root>/<model id>.json}. Shared by every library of the user, so a model is
 * downloaded once.
 */
public record ModelsFolder(Path root) {
  public static final String VARIABLE = "IMAGE_RAG_MODELS";

  public ModelsFolder {
    root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
  }

  /**
   * The models folder to use: {@code explicit} ({@code --models DIR}) when given, else
   * {@code IMAGE_RAG_MODELS}, else the user's cache folder ({@code $XDG_CACHE_HOME/image-rag/models}
   * or {@code ~/.cache/image-rag/models} on Linux, {@code ~/Library/Caches/Image RAG/models} on
   * macOS, {@code %LOCALAPPDATA%\Image RAG\models} on Windows).
   */
  public static ModelsFolder resolve(Path explicit, Map<String, String> env, String osName, Path home) {
    if (explicit != null) {
      return new ModelsFolder(explicit);
    }
    String fromEnv = env.get(VARIABLE);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new ModelsFolder(Path.of(fromEnv));
    }
    return new ModelsFolder(userCacheFolder(env, osName, home).resolve("models"));
  }

  static Path userCacheFolder(Map<String, String> env, String osName, Path home) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.contains("win")) {
      String localAppData = env.get("LOCALAPPDATA");
      Path base = localAppData != null && !localAppData.isBlank()
          ? Path.of(localAppData) : home.resolve("AppData").resolve("Local");
      return base.resolve("Image RAG");
    }
    if (os.contains("mac")) {
      return home.resolve("Library").resolve("Caches").resolve("Image RAG");
    }
    String xdg = env.get("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".cache");
    return base.resolve("image-rag");
  }

  /** The folder holding one model's files. */
  public Path modelDir(String modelId) {
    return root.resolve(modelId);
  }
}
