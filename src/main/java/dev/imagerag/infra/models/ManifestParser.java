package dev.imagerag.infra.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagerag.logic.embed.ModelException;
import dev.imagerag.logic.embed.ModelManifest;
import dev.imagerag.logic.embed.ModelManifest.ImageSpec;
import dev.imagerag.logic.embed.ModelManifest.ModelFile;
import dev.imagerag.logic.embed.ModelManifest.Padding;
import dev.imagerag.logic.embed.ModelManifest.ResizeRule;
import dev.imagerag.logic.embed.ModelManifest.TextSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads one {@code models/<id>.json} (format in {@code models/README.md}) into a
 * {@link ModelManifest}. Strict: unknown keys, missing keys and values of the wrong type are
 * errors whose message names the manifest and the field ({@code files[1].sha256}), so a typo never
 * silently turns into a default.
 */
final class ManifestParser {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TOP_KEYS = Set.of("id", "name", "family", "default", "dimension",
      "repository", "revision", "license", "description", "image", "text", "files");
  private static final Set<String> IMAGE_KEYS = Set.of("size", "resize", "mean", "std", "inputName", "outputName");
  private static final Set<String> TEXT_KEYS =
      Set.of("maxTokens", "padding", "inputIdsName", "attentionMaskName", "outputName");
  private static final Set<String> FILE_KEYS = Set.of("name", "url", "size", "sha256");
  private static final Set<String> FAMILIES = Set.of("clip", "siglip");

  private final String source;

  private ManifestParser(String source) {
    this.source = source;
  }

  /**
   * Parses a manifest.
   *
   * @param json the file's bytes (UTF-8)
   * @param source where it came from, for messages (a path or a classpath resource)
   * @param expectedId the id the file name implies, or null to accept any
   * @throws ModelException naming {@code source} and the bad field
   */
  static ModelManifest parse(byte[] json, String source, String expectedId) {
    return new ManifestParser(source).manifest(json, expectedId);
  }

  private ModelManifest manifest(byte[] json, String expectedId) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ModelException("Invalid model manifest " + source + ": not valid JSON ("
          + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ")", e);
    } catch (java.io.IOException e) {
      throw new ModelException("Could not read model manifest " + source + ": " + e.getMessage(), e);
    }
    requireObject(root, "(top level)", TOP_KEYS);
    String id = text(root, "id", "id");
    if (expectedId != null && !expectedId.equals(id)) {
      throw fail("id", "must match the file name (" + expectedId + ".json), got \"" + id + "\"");
    }
    String family = text(root, "family", "family");
    if (!FAMILIES.contains(family)) {
      throw fail("family", "must be \"clip\" or \"siglip\", got \"" + family + "\"");
    }
    try {
      return new ModelManifest(id, text(root, "name", "name"), family, positiveInt(root, "dimension", "dimension"),
          text(root, "revision", "revision"), imageSpec(object(root, "image", "image", IMAGE_KEYS)),
          textSpec(object(root, "text", "text", TEXT_KEYS)), files(root),
          optionalText(root, "license", "license"), optionalText(root, "description", "description"),
          bool(root, "default", "default"));
    } catch (IllegalArgumentException | NullPointerException e) {
      // Rules that span fields (e.g. "lists no tokenizer.json") are checked by ModelManifest.
      throw new ModelException("Invalid model manifest " + source + ": " + e.getMessage(), e);
    }
  }

  private ImageSpec imageSpec(JsonNode image) {
    int size = positiveInt(image, "size", "image.size");
    ResizeRule resize = constant(ResizeRule.class, text(image, "resize", "image.resize"), "image.resize");
    float[] mean = triple(image, "mean", "image.mean", false);
    float[] std = triple(image, "std", "image.std", true);
    return wrap("image", () -> new ImageSpec(size, resize, mean, std,
        text(image, "inputName", "image.inputName"), text(image, "outputName", "image.outputName")));
  }

  private TextSpec textSpec(JsonNode text) {
    int maxTokens = positiveInt(text, "maxTokens", "text.maxTokens");
    Padding padding = constant(Padding.class, text(text, "padding", "text.padding"), "text.padding");
    return wrap("text", () -> new TextSpec(maxTokens, padding, text(text, "inputIdsName", "text.inputIdsName"),
        text(text, "attentionMaskName", "text.attentionMaskName"), text(text, "outputName", "text.outputName")));
  }

  private List<ModelFile> files(JsonNode root) {
    JsonNode files = root.get("files");
    if (files == null || !files.isArray() || files.isEmpty()) {
      throw fail("files", "must be a non-empty array of files");
    }
    List<ModelFile> result = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      String field = "files[" + i + "]";
      JsonNode file = files.get(i);
      requireObject(file, field, FILE_KEYS);
      String name = text(file, "name", field + ".name");
      String url = text(file, "url", field + ".url");
      checkUrl(url, field + ".url");
      long size = integer(file, "size", field + ".size");
      if (size != -1 && size <= 0) {
        throw fail(field + ".size", "must be the size in bytes, or -1 when unknown, got " + size);
      }
      String sha256 = sha256(file, field + ".sha256");
      if (result.stream().anyMatch(f -> f.name().equals(name))) {
        throw fail(field + ".name", "\"" + name + "\" is listed twice");
      }
      result.add(wrap(field, () -> new ModelFile(name, url, size, sha256)));
    }
    return result;
  }

  private String sha256(JsonNode file, String field) {
    JsonNode value = file.get("sha256");
    if (value == null) {
      throw fail(field, "is missing (write null when the checksum is not published)");
    }
    if (value.isNull()) {
      return null;
    }
    if (!value.isTextual() || !value.asText().matches("[0-9a-f]{64}")) {
      throw fail(field, "must be 64 lower-case hex digits or null, got " + value);
    }
    return value.asText();
  }

  private void checkUrl(String url, String field) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
        throw fail(field, "must be an http(s) URL with a host, got \"" + url + "\"");
      }
    } catch (URISyntaxException e) {
      throw fail(field, "is not a valid URL (" + e.getReason() + "): \"" + url + "\"");
    }
  }

  private float[] triple(JsonNode node, String key, String field, boolean positive) {
    JsonNode value = node.get(key);
    if (value == null || !value.isArray() || value.size() != 3) {
      throw fail(field, "must be an array of 3 numbers (R, G, B), got " + value);
    }
    float[] result = new float[3];
    for (int i = 0; i < 3; i++) {
      if (!value.get(i).isNumber() || positive && !(value.get(i).asDouble() > 0)) {
        throw fail(field, "must hold 3 " + (positive ? "positive " : "") + "numbers, got " + value);
      }
      result[i] = (float) value.get(i).asDouble();
    }
    return result;
  }

  private <E extends Enum<E>> E constant(Class<E> type, String value, String field) {
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw fail(field, "must be one of " + Arrays.toString(type.getEnumConstants()) + ", got \"" + value + "\"");
    }
  }

  private JsonNode object(JsonNode node, String key, String field, Set<String> allowed) {
    JsonNode value = node.get(key);
    if (value == null) {
      throw fail(field, "is missing");
    }
    requireObject(value, field, allowed);
    return value;
  }

  private void requireObject(JsonNode node, String field, Set<String> allowed) {
    if (node == null || !node.isObject()) {
      throw fail(field, "must be a JSON object");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        String where = field.startsWith("(") ? name : field + "." + name;
        throw fail(where, "is not a known key (known: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
      }
    }
  }

  private String text(JsonNode node, String key, String field) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      throw fail(field, "is missing");
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw fail(field, "must be a non-empty string, got " + value);
    }
    return value.asText();
  }

  private String optionalText(JsonNode node, String key, String field) {
    JsonNode value = node.get(key);
    return value == null || value.isNull() ? null : text(node, key, field);
  }

  private boolean bool(JsonNode node, String key, String field) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw fail(field, "must be true or false, got " + value);
    }
    return value.asBoolean();
  }

  private long integer(JsonNode node, String key, String field) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      throw fail(field, "is missing");
    }
    if (!value.isIntegralNumber()) {
      throw fail(field, "must be a whole number, got " + value);
    }
    return value.asLong();
  }

  private int positiveInt(JsonNode node, String key, String field) {
    long value = integer(node, key, field);
    if (value <= 0 || value > Integer.MAX_VALUE) {
      throw fail(field, "must be a positive whole number, got " + value);
    }
    return (int) value;
  }

  private <T> T wrap(String field, java.util.function.Supplier<T> construct) {
    try {
      return construct.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw fail(field, e.getMessage());
    }
  }

  private ModelException fail(String field, String problem) {
    return new ModelException("Invalid model manifest " + source + ": field \"" + field + "\" " + problem);
  }
}
