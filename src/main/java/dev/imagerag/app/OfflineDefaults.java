package dev.imagerag.app;

import java.nio.file.Path;
import java.util.Map;

/**
 * Keeps the process silent on the network unless the user configured an endpoint: DJL would
 * otherwise look up cloud metadata and report usage. Its native libraries are cached in an
 * app-owned folder instead of {@code ~/.djl.ai}.
 */
final class OfflineDefaults {
  private OfflineDefaults() {}

  static void apply(Map<String, String> env, Path home) {
    setIfAbsent("ai.djl.offline", "true");
    setIfAbsent("OPT_OUT_TRACKING", "true");
    String cacheHome = env.get("XDG_CACHE_HOME");
    Path cache = (cacheHome == null || cacheHome.isBlank() ? home.resolve(".cache") : Path.of(cacheHome))
        .resolve("image-rag");
    setIfAbsent("DJL_CACHE_DIR", cache.resolve("djl").toString());
    setIfAbsent("ENGINE_CACHE_DIR", cache.resolve("djl").toString());
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
