package dev.imagerag.infra.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.imagerag.logic.caption.Caption;
import dev.imagerag.logic.caption.TokenUsage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the JSON object the caption prompt asks for, tolerantly: models wrap it in code fences or
 * prose, capitalise keys, give lists as comma-separated strings, leave trailing commas or raw line
 * breaks in strings. An answer without a readable object is kept whole as the description.
 */
final class CaptionAnswerParser {
  /** More tags than this are noise, not keywords. */
  static final int MAX_TAGS = 20;

  private static final JsonMapper LENIENT = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_SINGLE_QUOTES,
          JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_JAVA_COMMENTS)
      .build();
  private static final Set<String> KEYS = Set.of("description", "elements", "text", "tags", "category");

  private CaptionAnswerParser() {}

  static Caption parse(String answer, TokenUsage usage, String model) {
    JsonNode object = object(answer);
    if (object == null) {
      return Caption.plain(answer, usage, model);
    }
    return new Caption(
        text(field(object, "description"), " "), list(field(object, "elements"), "[,;\\n]"),
        text(field(object, "text"), "\n"), tags(field(object, "tags")), category(field(object, "category")),
        answer, usage, model);
  }

  /** The first {...} span of the answer when it parses to an object with a key we asked for. */
  private static JsonNode object(String answer) {
    int start = answer.indexOf('{');
    int end = answer.lastIndexOf('}');
    if (start < 0 || end <= start) {
      return null;
    }
    try {
      JsonNode node = LENIENT.readTree(answer.substring(start, end + 1));
      if (node == null || !node.isObject()) {
        return null;
      }
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        if (KEYS.contains(names.next().toLowerCase(Locale.ROOT))) {
          return node;
        }
      }
      return null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** The field whatever its capitalisation, or null. */
  private static JsonNode field(JsonNode object, String name) {
    for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getKey().equalsIgnoreCase(name)) {
        return field.getValue();
      }
    }
    return null;
  }

  /** A string, or the items of a list joined with {@code separator}; "" when absent. */
  private static String text(JsonNode node, String separator) {
    if (node == null || node.isNull()) {
      return "";
    }
    if (node.isArray()) {
      return String.join(separator, list(node, null));
    }
    return node.isValueNode() ? node.asText().strip() : node.toString();
  }

  /** Items of a list, or of a string split at {@code splitter}; blanks dropped. */
  private static List<String> list(JsonNode node, String splitter) {
    List<String> items = new ArrayList<>();
    if (node == null || node.isNull()) {
      return items;
    }
    if (node.isArray()) {
      node.forEach(item -> items.add(item.isValueNode() ? item.asText() : item.toString()));
    } else if (splitter != null) {
      items.addAll(List.of(node.asText().split(splitter)));
    } else {
      items.add(node.asText());
    }
    return items.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** Lowercase, without '#', commas or line breaks (the catalog stores tags comma-separated). */
  private static List<String> tags(JsonNode node) {
    LinkedHashSet<String> tags = new LinkedHashSet<>();
    for (String tag : list(node, "[,;\\n]")) {
      String clean = tag.toLowerCase(Locale.ROOT).replaceAll("^#+", "").replaceAll("[,\\s]+", " ").strip();
      if (!clean.isEmpty() && tags.size() < MAX_TAGS) {
        tags.add(clean);
      }
    }
    return List.copyOf(tags);
  }

  /** One of {@link Caption#CATEGORIES}; "other" for anything else the model said, "" for nothing. */
  private static String category(JsonNode node) {
    String value = text(node, " ").toLowerCase(Locale.ROOT);
    if (value.isEmpty()) {
      return "";
    }
    return Caption.CATEGORIES.contains(value) ? value : "other";
  }
}
