package dev.imagerag.infra.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagerag.domain.ImageRagException;
import dev.imagerag.logic.ingest.ImportSettings;
import dev.imagerag.logic.settings.Settings;
import dev.imagerag.logic.settings.SettingsStore;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.function.Function;

/**
 * {@code settings.json} in the library folder. Written atomically with owner-only permissions
 * (rw-------) where the file system supports POSIX permissions; unknown keys are kept as they are.
 */
public final class JsonSettingsStore implements SettingsStore {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;

  public JsonSettingsStore(Path file) {
    this.file = file;
  }

  @Override
  public Settings load() {
    if (!Files.exists(file)) {
      return Settings.DEFAULTS;
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new ImageRagException("The settings file " + file + " is not valid JSON (" + e.getOriginalMessage()
          + "). Fix it or delete it to return to the defaults.", e);
    } catch (IOException e) {
      throw new ImageRagException("Could not read the settings file " + file + ": " + e.getMessage(), e);
    }
    JsonNode imports = root == null ? null : root.path("import");
    ImportSettings d = ImportSettings.DEFAULTS;
    try {
      int workers = intValue(imports, "workers", 0);
      return new Settings(new ImportSettings(
          longValue(imports, "maxMegapixels", d.maxPixels() / 1_000_000) * 1_000_000,
          longValue(imports, "maxFileMegabytes", d.maxFileBytes() >> 20) << 20,
          intValue(imports, "thumbnailSize", d.thumbnailSize()),
          Duration.ofSeconds(longValue(imports, "perFileTimeoutSeconds", d.perFileTimeout().toSeconds())),
          workers <= 0 ? d.workers() : workers));
    } catch (IllegalArgumentException e) {
      throw new ImageRagException("Invalid setting in " + file + ": " + e.getMessage()
          + ". Fix it or delete the key to use the default.", e);
    }
  }

  @Override
  public void save(Settings settings) {
    ObjectNode root = readExisting();
    ObjectNode imports = root.putObject("import");
    ImportSettings s = settings.imports();
    imports.put("maxMegapixels", s.maxPixels() / 1_000_000);
    imports.put("maxFileMegabytes", s.maxFileBytes() >> 20);
    imports.put("thumbnailSize", s.thumbnailSize());
    imports.put("perFileTimeoutSeconds", s.perFileTimeout().toSeconds());
    imports.put("workers", s.workers() == ImportSettings.DEFAULTS.workers() ? 0 : s.workers());
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "settings", ".tmp");
      try {
        ownerOnly(temp);
        JSON.writeValue(temp.toFile(), root);
        try {
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
      ownerOnly(file);
    } catch (IOException e) {
      throw new ImageRagException("Could not save the settings to " + file + ": " + e.getMessage(), e);
    }
  }

  private ObjectNode readExisting() {
    try {
      if (Files.exists(file) && JSON.readTree(file.toFile()) instanceof ObjectNode existing) {
        return existing;
      }
    } catch (IOException e) {
      // an unreadable file is replaced by a valid one
    }
    return JSON.createObjectNode();
  }

  private static void ownerOnly(Path path) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    }
  }

  private static long longValue(JsonNode node, String key, long fallback) {
    return value(node, key, fallback, JsonNode::asLong);
  }

  private static int intValue(JsonNode node, String key, int fallback) {
    return value(node, key, fallback, JsonNode::asInt);
  }

  private static <T> T value(JsonNode node, String key, T fallback, Function<JsonNode, T> read) {
    if (node == null || node.isMissingNode() || !node.has(key) || node.get(key).isNull()) {
      return fallback;
    }
    JsonNode value = node.get(key);
    if (!value.isNumber()) {
      throw new IllegalArgumentException("import." + key + " must be a number, got " + value);
    }
    return read.apply(value);
  }
}
