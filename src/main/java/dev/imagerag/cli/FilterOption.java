package dev.imagerag.cli;

import dev.imagerag.domain.ImageRagException;
import dev.imagerag.logic.store.SearchFilter;
import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses {@code --filter KEY=VALUE} options into a {@link SearchFilter}: {@code folder=DIR},
 * {@code after=DATE}, {@code before=DATE} (YYYY-MM-DD, local time; after is inclusive, before
 * exclusive), {@code tag=TAG} (repeatable: all required), {@code format=png} (repeatable: any),
 * {@code min-size=WIDTHxHEIGHT}, {@code has-text=true|false}.
 */
final class FilterOption {
  private FilterOption() {}

  static SearchFilter parse(List<String> options) {
    SearchFilter filter = SearchFilter.NONE;
    Set<String> tags = new HashSet<>();
    Set<String> formats = new HashSet<>();
    List<String> folders = new java.util.ArrayList<>();
    Instant after = null;
    Instant before = null;
    for (String option : options) {
      int eq = option.indexOf('=');
      if (eq <= 0) {
        throw bad(option, "expected KEY=VALUE");
      }
      String key = option.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String value = option.substring(eq + 1).strip();
      switch (key) {
        case "folder", "path" -> folders.add(folder(value));
        case "after", "from" -> after = date(option, value);
        case "before", "to" -> before = date(option, value);
        case "tag" -> tags.add(value);
        case "format" -> formats.add(value.toLowerCase(Locale.ROOT).replace("jpg", "jpeg").replace("tif", "tiff")
            .replace("tifff", "tiff"));
        case "min-size" -> {
          String[] parts = value.toLowerCase(Locale.ROOT).split("x");
          try {
            filter = filter.withMinSize(Integer.parseInt(parts[0].strip()),
                parts.length > 1 ? Integer.parseInt(parts[1].strip()) : 0);
          } catch (NumberFormatException e) {
            throw bad(option, "expected WIDTHxHEIGHT, e.g. 800x600");
          }
        }
        case "has-text" -> {
          if (!value.equals("true") && !value.equals("false")) {
            throw bad(option, "expected true or false");
          }
          filter = filter.withHasText(Boolean.parseBoolean(value));
        }
        default -> throw bad(option,
            "unknown filter; use folder, after, before, tag, format, min-size or has-text");
      }
    }
    if (!folders.isEmpty()) {
      filter = filter.withPathPrefixes(folders);
    }
    if (after != null || before != null) {
      try {
        filter = filter.withDateRange(after, before);
      } catch (IllegalArgumentException e) {
        throw new ImageRagException("The date filter is empty: after must come before before.");
      }
    }
    return filter.withTags(tags).withFormats(formats);
  }

  /** A folder matches the files under it, not a sibling sharing its name's beginning. */
  private static String folder(String value) {
    String absolute = Path.of(value).toAbsolutePath().normalize().toString();
    return absolute.endsWith(File.separator) ? absolute : absolute + File.separator;
  }

  private static Instant date(String option, String value) {
    try {
      return LocalDate.parse(value).atStartOfDay(ZoneId.systemDefault()).toInstant();
    } catch (DateTimeParseException e) {
      throw bad(option, "expected a date like 2024-05-31");
    }
  }

  private static ImageRagException bad(String option, String why) {
    return new ImageRagException("Invalid --filter '" + option + "': " + why + ".");
  }
}
