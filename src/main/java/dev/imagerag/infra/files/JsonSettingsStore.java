package dev.imagerag.infra.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagerag.domain.ImageRagException;
import dev.imagerag.logic.embed.Device;
import dev.imagerag.logic.embed.EmbeddingSettings;
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
    JsonNode models = root == null ? null : root.path("models");
    ImportSettings importDefaults = ImportSettings.DEFAULTS;
    EmbeddingSettings modelDefaults = EmbeddingSettings.DEFAULTS;
    try {
      int workers = intValue(imports, "import.", "workers", 0);
      ImportSettings importSettings = new ImportSettings(
          longValue(imports, "import.", "maxMegapixels", importDefaults.maxPixels() / 1_000_000) * 1_000_000,
          longValue(imports, "import.", "maxFileMegabytes", importDefaults.maxFileBytes() >> 20) << 20,
          intValue(imports, "import.", "thumbnailSize", importDefaults.thumbnailSize()),
          Duration.ofSeconds(longValue(imports, "import.", "perFileTimeoutSeconds", importDefaults.perFileTimeout().toSeconds())),
          workers <= 0 ? importDefaults.workers() : workers);
      EmbeddingSettings embedding = new EmbeddingSettings(
          textValue(models, "models.", "visual", modelDefaults.visualModel()),
          Device.fromId(textValue(models, "models.", "device", modelDefaults.device().id())),
          intValue(models, "models.", "batchSize", modelDefaults.batchSize()),
          intValue(models, "models.", "threads", modelDefaults.threads()),
          Duration.ofMinutes(longValue(models, "models.", "idleUnloadMinutes", modelDefaults.idleUnload().toMinutes())));
      return new Settings(importSettings, embedding);
    } catch (IllegalArgumentException invalid) {
      throw new ImageRagException("Invalid setting in " + file + ": " + invalid.getMessage()
          + ". Fix it or delete the key to use the default.", invalid);
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
    ObjectNode models = root.putObject("models");
    EmbeddingSettings embedding = settings.embedding();
    models.put("visual", embedding.visualModel());
    models.put("device", embedding.device().id());
    models.put("batchSize", embedding.batchSize());
    models.put("threads", embedding.threads());
    models.put("idleUnloadMinutes", embedding.idleUnload().toMinutes());
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

  private static long longValue(JsonNode node, String section, String key, long fallback) {
    return value(node, section, key, fallback, JsonNode::isNumber, "a number", JsonNode::asLong);
  }

  private static int intValue(JsonNode node, String section, String key, int fallback) {
    return value(node, section, key, fallback, JsonNode::isNumber, "a number", JsonNode::asInt);
  }

  private static String textValue(JsonNode node, String section, String key, String fallback) {
    return value(node, section, key, fallback, JsonNode::isTextual, "a string", JsonNode::asText);
  }

  private static <T> T value(JsonNode node, String section, String key, T fallback,
      java.util.function.Predicate<JsonNode> valid, String kind, Function<JsonNode, T> read) {
    if (node == null || node.isMissingNode() || !node.has(key) || node.get(key).isNull()) {
      return fallback;
    }
    JsonNode value = node.get(key);
    if (!valid.test(value)) {
      throw new IllegalArgumentException(section + key + " must be " + kind + ", got " + value);
    }
    return read.apply(value);
  }
}
