package dev.imagerag.infra.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagerag.domain.ImageRagException;
import dev.imagerag.logic.caption.CaptionSettings;
import dev.imagerag.logic.chat.ChatSettings;
import dev.imagerag.logic.embed.Device;
import dev.imagerag.logic.embed.EmbeddingSettings;
import dev.imagerag.logic.embed.TileSettings;
import dev.imagerag.logic.ingest.ImportSettings;
import dev.imagerag.logic.ocr.OcrSettings;
import dev.imagerag.logic.search.SearchSettings;
import dev.imagerag.logic.settings.Settings;
import dev.imagerag.logic.store.StoreSettings;
import dev.imagerag.logic.settings.SettingsStore;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * {@code settings.json} in the library folder, one object per feature ({@code import},
 * {@code models}, {@code ocr}, {@code captions}, {@code search}, {@code remoteIndex}, {@code chat}).
 * Written atomically with owner-only permissions
 * (rw-------) where the file system supports POSIX permissions, because it may hold an API key;
 * keys it does not know are kept as they are.
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
    try {
      return new Settings(
          imports(new Section(root, "import")), embedding(new Section(root, "models")),
          ocr(new Section(root, "ocr")), captions(new Section(root, "captions")), search(new Section(root, "search")),
          store(new Section(root, "remoteIndex")), chat(new Section(root, "chat")));
    } catch (IllegalArgumentException invalid) {
      throw new ImageRagException("Invalid setting in " + file + ": " + invalid.getMessage()
          + ". Fix it or delete the key to use the default.", invalid);
    }
  }

  private static ImportSettings imports(Section s) {
    ImportSettings d = ImportSettings.DEFAULTS;
    int workers = s.integer("workers", 0);
    return new ImportSettings(
        s.number("maxMegapixels", d.maxPixels() / 1_000_000) * 1_000_000,
        s.number("maxFileMegabytes", d.maxFileBytes() >> 20) << 20,
        s.integer("thumbnailSize", d.thumbnailSize()),
        Duration.ofSeconds(s.number("perFileTimeoutSeconds", d.perFileTimeout().toSeconds())),
        workers <= 0 ? d.workers() : workers);
  }

  private static EmbeddingSettings embedding(Section s) {
    EmbeddingSettings d = EmbeddingSettings.DEFAULTS;
    return new EmbeddingSettings(
        s.text("visual", d.visualModel()),
        Device.fromId(s.text("device", d.device().id())),
        s.integer("batchSize", d.batchSize()),
        s.integer("threads", d.threads()),
        Duration.ofMinutes(s.number("idleUnloadMinutes", d.idleUnload().toMinutes())),
        new TileSettings(s.bool("tiles", d.tiles().enabled()),
            megapixels(s.decimal("tileMinMegapixels", d.tiles().minPixels() / 1e6), "tileMinMegapixels"),
            megapixels(s.decimal("tilePanoramaMinMegapixels", d.tiles().minPanoramaPixels() / 1e6),
                "tilePanoramaMinMegapixels")));
  }

  private static long megapixels(double value, String key) {
    if (!(value > 0) || value > 1e6) {
      throw new IllegalArgumentException(key + " must be a positive number of megapixels, got " + value);
    }
    return Math.round(value * 1e6);
  }

  private static OcrSettings ocr(Section s) {
    OcrSettings d = OcrSettings.DEFAULTS;
    return new OcrSettings(
        s.bool("enabled", d.enabled()),
        s.text("languages", d.languages()),
        s.text("tessdata", d.tessdataPath()),
        Duration.ofSeconds(s.number("perImageSeconds", d.perImageBudget().toSeconds())),
        s.integer("threads", d.threads()));
  }

  private static CaptionSettings captions(Section s) {
    CaptionSettings d = CaptionSettings.DEFAULTS;
    return new CaptionSettings(
        s.bool("enabled", d.enabled()),
        s.text("baseUrl", d.baseUrl()),
        s.text("model", d.model()),
        s.text("apiKey", d.apiKey()),
        s.integer("maxConcurrency", d.maxConcurrency()),
        Duration.ofSeconds(s.number("timeoutSeconds", d.timeout().toSeconds())),
        s.integer("maxRetries", d.maxRetries()),
        s.integer("imageMaxSide", d.imageMaxSide()),
        s.text("detail", d.detail()),
        s.decimal("inputPricePerMillion", d.inputPricePerMillion()),
        s.decimal("outputPricePerMillion", d.outputPricePerMillion()));
  }

  private static SearchSettings search(Section s) {
    SearchSettings d = SearchSettings.DEFAULTS;
    return new SearchSettings(
        s.decimal("keywordWeight", d.keywordWeight()),
        s.decimal("visualWeight", d.visualWeight()),
        s.decimal("textWeight", d.textWeight()),
        s.decimal("duplicateThreshold", d.duplicateThreshold()));
  }

  /**
   * {@code chat}: the endpoint keys ({@code enabled}, {@code baseUrl}, {@code model}, {@code apiKey})
   * may be absent or null, and then follow the {@code captions} section.
   */
  private static ChatSettings chat(Section s) {
    ChatSettings d = ChatSettings.DEFAULTS;
    Boolean enabled = s.optionalBool("enabled");
    // Blank endpoint fields (as a form leaves them) mean "as the captions", like absent ones.
    String baseUrl = blankToNull(s.text("baseUrl", d.baseUrl()));
    String model = blankToNull(s.text("model", d.model()));
    String apiKey = blankToNull(s.text("apiKey", d.apiKey()));
    int maxImages = s.integer("maxImages", d.maxImages());
    String detail = s.text("detail", d.detail());
    int imageMaxSide = s.integer("imageMaxSide", d.imageMaxSide());
    boolean sendImages = s.bool("sendImages", d.sendImages());
    int maxTextChars = s.integer("maxTextChars", d.maxTextChars());
    int historyTokenBudget = s.integer("historyTokenBudget", d.historyTokenBudget());
    int maxAnswerTokens = s.integer("maxAnswerTokens", d.maxAnswerTokens());
    Duration timeout = Duration.ofSeconds(s.number("timeoutSeconds", d.timeout().toSeconds()));
    int maxRetries = s.integer("maxRetries", d.maxRetries());
    try {
      return new ChatSettings(enabled, baseUrl, model, apiKey, maxImages, detail, imageMaxSide, sendImages,
          maxTextChars, historyTokenBudget, maxAnswerTokens, timeout, maxRetries);
    } catch (IllegalArgumentException invalid) {
      // ChatSettings names the field only; the section makes it findable in the file.
      throw new IllegalArgumentException("chat." + invalid.getMessage(), invalid);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /** {@code remoteIndex}: the Qdrant collection that holds the index when enabled, else the embedded index. */
  private static StoreSettings store(Section s) {
    StoreSettings d = StoreSettings.DEFAULTS;
    String url = s.text("url", d.url());
    return new StoreSettings(
        s.bool("enabled", false) ? StoreSettings.Kind.QDRANT : StoreSettings.Kind.EMBEDDED,
        url.isBlank() ? d.url() : url,
        s.text("apiKey", d.apiKey()),
        s.text("collection", d.collection()),
        Duration.ofSeconds(s.number("timeoutSeconds", d.timeout().toSeconds())));
  }

  @Override
  public void save(Settings settings) {
    ObjectNode root = readExisting();
    ImportSettings i = settings.imports();
    ObjectNode imports = root.putObject("import");
    imports.put("maxMegapixels", i.maxPixels() / 1_000_000);
    imports.put("maxFileMegabytes", i.maxFileBytes() >> 20);
    imports.put("thumbnailSize", i.thumbnailSize());
    imports.put("perFileTimeoutSeconds", i.perFileTimeout().toSeconds());
    imports.put("workers", i.workers() == ImportSettings.DEFAULTS.workers() ? 0 : i.workers());
    EmbeddingSettings e = settings.embedding();
    ObjectNode models = root.putObject("models");
    models.put("visual", e.visualModel());
    models.put("device", e.device().id());
    models.put("batchSize", e.batchSize());
    models.put("threads", e.threads());
    models.put("idleUnloadMinutes", e.idleUnload().toMinutes());
    models.put("tiles", e.tiles().enabled());
    models.put("tileMinMegapixels", e.tiles().minPixels() / 1e6);
    models.put("tilePanoramaMinMegapixels", e.tiles().minPanoramaPixels() / 1e6);
    OcrSettings o = settings.ocr();
    ObjectNode ocr = root.putObject("ocr");
    ocr.put("enabled", o.enabled());
    ocr.put("languages", o.languages());
    ocr.put("tessdata", o.tessdataPath());
    ocr.put("perImageSeconds", o.perImageBudget().toSeconds());
    ocr.put("threads", o.threads());
    CaptionSettings c = settings.captions();
    ObjectNode captions = root.putObject("captions");
    captions.put("enabled", c.enabled());
    captions.put("baseUrl", c.baseUrl());
    captions.put("model", c.model());
    captions.put("apiKey", c.apiKey());
    captions.put("maxConcurrency", c.maxConcurrency());
    captions.put("timeoutSeconds", c.timeout().toSeconds());
    captions.put("maxRetries", c.maxRetries());
    captions.put("imageMaxSide", c.imageMaxSide());
    captions.put("detail", c.detail());
    captions.put("inputPricePerMillion", c.inputPricePerMillion());
    captions.put("outputPricePerMillion", c.outputPricePerMillion());
    SearchSettings q = settings.search();
    ObjectNode search = root.putObject("search");
    search.put("keywordWeight", q.keywordWeight());
    search.put("visualWeight", q.visualWeight());
    search.put("textWeight", q.textWeight());
    search.put("duplicateThreshold", q.duplicateThreshold());
    StoreSettings r = settings.store();
    ObjectNode remote = root.putObject("remoteIndex");
    remote.put("enabled", r.isQdrant());
    remote.put("url", r.url());
    remote.put("apiKey", r.apiKey());
    remote.put("collection", r.collection());
    remote.put("timeoutSeconds", r.timeout().toSeconds());
    ChatSettings t = settings.chat();
    ObjectNode chat = root.putObject("chat");
    chat.put("enabled", t.enabled());
    chat.put("baseUrl", t.baseUrl());
    chat.put("model", t.model());
    chat.put("apiKey", t.apiKey());
    chat.put("maxImages", t.maxImages());
    chat.put("detail", t.detail());
    chat.put("imageMaxSide", t.imageMaxSide());
    chat.put("sendImages", t.sendImages());
    chat.put("maxTextChars", t.maxTextChars());
    chat.put("historyTokenBudget", t.historyTokenBudget());
    chat.put("maxAnswerTokens", t.maxAnswerTokens());
    chat.put("timeoutSeconds", t.timeout().toSeconds());
    chat.put("maxRetries", t.maxRetries());
    write(root);
  }

  private void write(ObjectNode root) {
    try {
      Path folder = file.toAbsolutePath().getParent();
      Files.createDirectories(folder);
      Path temp = Files.createTempFile(folder, "settings", ".tmp");
      try {
        ownerOnly(temp);
        JSON.writeValue(temp.toFile(), root);
        try {
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException notAtomic) {
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

  /** One object of the file; missing keys give the defaults, wrong types an error naming the key. */
  private static final class Section {
    private final JsonNode node;
    private final String name;

    Section(JsonNode root, String name) {
      this.node = root == null ? null : root.get(name);
      this.name = name;
    }

    long number(String key, long fallback) {
      JsonNode value = get(key);
      return value == null ? fallback : require(value.isIntegralNumber(), key, "a whole number", value).asLong();
    }

    int integer(String key, int fallback) {
      return Math.toIntExact(number(key, fallback));
    }

    double decimal(String key, double fallback) {
      JsonNode value = get(key);
      return value == null ? fallback : require(value.isNumber(), key, "a number", value).asDouble();
    }

    boolean bool(String key, boolean fallback) {
      JsonNode value = get(key);
      return value == null ? fallback : require(value.isBoolean(), key, "true or false", value).asBoolean();
    }

    /** null when the key is absent or null. */
    Boolean optionalBool(String key) {
      JsonNode value = get(key);
      return value == null ? null : require(value.isBoolean(), key, "true or false", value).asBoolean();
    }

    String text(String key, String fallback) {
      JsonNode value = get(key);
      return value == null ? fallback : require(value.isTextual(), key, "a string", value).asText();
    }

    private JsonNode get(String key) {
      if (node == null || !node.isObject() || !node.has(key) || node.get(key).isNull()) {
        return null;
      }
      return node.get(key);
    }

    private JsonNode require(boolean ok, String key, String kind, JsonNode value) {
      if (!ok) {
        // The value itself is left out: it may be a secret.
        throw new IllegalArgumentException(name + "." + key + " must be " + kind + ", got a " + value.getNodeType()
            .name().toLowerCase(java.util.Locale.ROOT));
      }
      return value;
    }
  }
}
