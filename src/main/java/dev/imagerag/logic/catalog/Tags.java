package dev.imagerag.logic.catalog;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads an image's tags from its texts: the {@code tags} and {@code caption.tags} fields, comma-separated. */
public final class Tags {
  /** The text fields holding tags. */
  public static final Set<String> FIELDS = Set.of("tags", "caption.tags");

  private Tags() {}

  /** The distinct tags in {@code texts}, trimmed and lower-cased, in order of appearance. */
  public static Set<String> of(Map<String, String> texts) {
    Set<String> tags = new LinkedHashSet<>();
    for (String field : new String[] {"tags", "caption.tags"}) {
      split(texts.get(field), tags);
    }
    return tags;
  }

  /** Adds the tags of one comma-separated text to {@code into}. */
  public static void split(String text, Set<String> into) {
    if (text == null) {
      return;
    }
    for (String part : text.split(",")) {
      String tag = part.strip().toLowerCase(Locale.ROOT);
      if (!tag.isEmpty()) {
        into.add(tag);
      }
    }
  }
}
