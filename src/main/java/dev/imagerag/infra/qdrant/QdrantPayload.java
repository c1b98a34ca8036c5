package dev.imagerag.infra.qdrant;

import static io.qdrant.client.ValueFactory.list;
import static io.qdrant.client.ValueFactory.value;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.store.ImagePayload;
import dev.imagerag.logic.store.StoreException;
import io.qdrant.client.grpc.JsonWithInt.Value;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The payload of a point, field by field. What an {@link ImagePayload} holds is stored as is (so
 * {@code get} returns it unchanged); the rest is derived for filters and keyword search:
 * {@code path_prefixes} (every folder above each path, ending with its separator, plus each path),
 * {@code tag_keys} and {@code format_key} (lower case), {@code has_text}, {@code file_names},
 * {@code folders} and
 * {@code terms} (the distinct keyword terms, for the full-text index). Dates are RFC 3339 strings
 * (Qdrant's datetime type); numbers are integers.
 */
final class QdrantPayload {
  static final String IMAGE_ID = "image_id";
  static final String PATHS = "paths";
  static final String PATH_PREFIXES = "path_prefixes";
  static final String FILE_NAMES = "file_names";
  static final String FOLDERS = "folders";
  static final String CAPTION = "caption";
  static final String OCR_TEXT = "ocr_text";
  static final String TAGS = "tags";
  static final String TAG_KEYS = "tag_keys";
  static final String DATE = "date";
  static final String WIDTH = "width";
  static final String HEIGHT = "height";
  static final String SIZE_BYTES = "size_bytes";
  static final String FORMAT = "format";
  static final String FORMAT_KEY = "format_key";
  static final String HAS_TEXT = "has_text";
  static final String TERMS = "terms";

  private QdrantPayload() {}

  static Map<String, Value> encode(ImageId id, ImagePayload p, List<String> terms) {
    Map<String, Value> payload = new LinkedHashMap<>();
    payload.put(IMAGE_ID, value(id.hex()));
    payload.put(PATHS, strings(p.paths()));
    Set<String> prefixes = new LinkedHashSet<>();
    List<String> names = new ArrayList<>();
    List<String> folders = new ArrayList<>();
    for (String path : p.paths()) {
      prefixes.addAll(pathPrefixes(path));
      Path file = Path.of(path);
      names.add(file.getFileName() == null ? path : file.getFileName().toString());
      folders.add(file.getParent() == null ? "" : file.getParent().toString());
    }
    payload.put(PATH_PREFIXES, strings(List.copyOf(prefixes)));
    payload.put(FILE_NAMES, strings(names));
    payload.put(FOLDERS, strings(folders));
    payload.put(CAPTION, value(p.caption()));
    payload.put(OCR_TEXT, value(p.ocrText()));
    payload.put(TAGS, strings(p.tags()));
    payload.put(TAG_KEYS, strings(p.tags().stream().map(QdrantPayload::tagKey).distinct().toList()));
    payload.put(DATE, value(p.date().toString()));
    payload.put(WIDTH, value(p.width()));
    payload.put(HEIGHT, value(p.height()));
    payload.put(SIZE_BYTES, value(p.sizeBytes()));
    payload.put(FORMAT, value(p.format()));
    payload.put(FORMAT_KEY, value(p.format().toLowerCase(Locale.ROOT)));
    payload.put(HAS_TEXT, value(p.hasText()));
    payload.put(TERMS, value(String.join(" ", terms)));
    return payload;
  }

  static ImagePayload decode(Map<String, Value> payload) {
    try {
      return new ImagePayload(texts(payload, PATHS), text(payload, CAPTION), text(payload, OCR_TEXT),
          texts(payload, TAGS), Instant.parse(text(payload, DATE)), (int) number(payload, WIDTH),
          (int) number(payload, HEIGHT), number(payload, SIZE_BYTES), text(payload, FORMAT));
    } catch (IllegalArgumentException | DateTimeParseException | NullPointerException e) {
      throw new StoreException("A point of the Qdrant collection has a payload this version cannot read ("
          + e.getMessage() + "). Run `image-rag reindex` to rebuild the collection.", e);
    }
  }

  static ImageId imageId(Map<String, Value> payload) {
    Value id = payload.get(IMAGE_ID);
    if (id == null || id.getKindCase() != Value.KindCase.STRING_VALUE) {
      throw new StoreException("A point of the Qdrant collection has no image id: the collection holds data "
          + "that Image RAG did not write. Use a collection of its own (--collection NAME).");
    }
    return ImageId.of(id.getStringValue());
  }

  /**
   * The keyword values a path-prefix filter matches against: each folder above the path with a
   * trailing separator ("/", "/lib/", "/lib/photos/") and the path itself.
   */
  static List<String> pathPrefixes(String path) {
    char separator = separator(path);
    List<String> prefixes = new ArrayList<>();
    for (int i = 0; i < path.length() - 1; i++) {
      if (path.charAt(i) == separator) {
        prefixes.add(path.substring(0, i + 1));
      }
    }
    prefixes.add(path);
    return prefixes;
  }

  /**
   * What a filter prefix matches: a prefix ending with a separator is a folder (its files and
   * sub-folders); any other prefix is a folder without its separator or a file path. So a prefix
   * that ends inside a name ("/lib/pho") matches nothing, unlike a plain string prefix.
   */
  static List<String> prefixKeys(String prefix) {
    if (prefix.isEmpty()) {
      return List.of();
    }
    char last = prefix.charAt(prefix.length() - 1);
    if (last == '/' || last == '\\') {
      return List.of(prefix);
    }
    return List.of(prefix + separator(prefix), prefix);
  }

  static String tagKey(String tag) {
    return tag.strip().toLowerCase(Locale.ROOT);
  }

  /** Windows paths hold no '/'; every other absolute path starts with one. */
  private static char separator(String path) {
    return path.indexOf('/') >= 0 || path.indexOf('\\') < 0 ? '/' : '\\';
  }

  private static Value strings(List<String> values) {
    return list(values.stream().map(v -> value(v)).toList());
  }

  private static String text(Map<String, Value> payload, String key) {
    Value value = payload.get(key);
    if (value == null || value.getKindCase() != Value.KindCase.STRING_VALUE) {
      throw new IllegalArgumentException("'" + key + "' is missing or not a string");
    }
    return value.getStringValue();
  }

  private static List<String> texts(Map<String, Value> payload, String key) {
    Value value = payload.get(key);
    if (value == null) {
      throw new IllegalArgumentException("'" + key + "' is missing");
    }
    if (value.getKindCase() == Value.KindCase.STRING_VALUE) {
      return List.of(value.getStringValue());
    }
    List<String> out = new ArrayList<>();
    for (Value item : value.getListValue().getValuesList()) {
      out.add(item.getStringValue());
    }
    return out;
  }

  private static long number(Map<String, Value> payload, String key) {
    Value value = payload.get(key);
    if (value == null) {
      throw new IllegalArgumentException("'" + key + "' is missing");
    }
    return value.getKindCase() == Value.KindCase.DOUBLE_VALUE ? (long) value.getDoubleValue()
        : value.getIntegerValue();
  }
}
