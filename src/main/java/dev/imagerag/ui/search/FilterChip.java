package dev.imagerag.ui.search;

import dev.imagerag.logic.store.SearchFilter;
import java.io.File;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One filter the user added to the query (shown as a removable chip). Chips of one kind combine
 * with "or" for folders and formats, "and" for tags; {@link #filterOf} turns them into the
 * {@link SearchFilter} every search signal applies.
 *
 * @param value a folder path, a tag, a format id ("jpeg"), "true"/"false" for has-text, or for a
 *     date range "FROM..TO" in ISO dates (either side may be empty)
 */
public record FilterChip(Kind kind, String value) {

  /** What a chip filters on. */
  public enum Kind { FOLDER, DATE, TAG, FORMAT, HAS_TEXT }

  public FilterChip {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    if (kind == Kind.DATE) {
      dateRange(value);
    }
  }

  public static FilterChip folder(String path) {
    return new FilterChip(Kind.FOLDER, path);
  }

  public static FilterChip tag(String tag) {
    return new FilterChip(Kind.TAG, tag.strip().toLowerCase(Locale.ROOT));
  }

  public static FilterChip format(String formatId) {
    return new FilterChip(Kind.FORMAT, formatId.toLowerCase(Locale.ROOT));
  }

  public static FilterChip hasText(boolean wanted) {
    return new FilterChip(Kind.HAS_TEXT, Boolean.toString(wanted));
  }

  /** Images dated from {@code from} (inclusive) to {@code to} (inclusive); either may be null. */
  public static FilterChip dates(LocalDate from, LocalDate to) {
    if (from == null && to == null) {
      throw new IllegalArgumentException("a date range needs a start or an end");
    }
    if (from != null && to != null && to.isBefore(from)) {
      throw new IllegalArgumentException("the range ends (" + to + ") before it starts (" + from + ")");
    }
    return new FilterChip(Kind.DATE, (from == null ? "" : from.toString()) + ".." + (to == null ? "" : to.toString()));
  }

  /** What the chip says: "in Pictures", "tag: cat", "2024-01-01 – 2024-03-31", "JPEG", "has text". */
  public String label() {
    return switch (kind) {
      case FOLDER -> "in " + lastSegment(value);
      case TAG -> "tag: " + value;
      case FORMAT -> value.toUpperCase(Locale.ROOT);
      case HAS_TEXT -> Boolean.parseBoolean(value) ? "has text" : "no text";
      case DATE -> {
        LocalDate[] range = dateRange(value);
        DateTimeFormatter f = DateTimeFormatter.ISO_LOCAL_DATE;
        yield range[0] == null ? "until " + f.format(range[1])
            : range[1] == null ? "since " + f.format(range[0]) : f.format(range[0]) + " – " + f.format(range[1]);
      }
    };
  }

  /** The filter all chips make together. */
  public static SearchFilter filterOf(List<FilterChip> chips, ZoneId zone) {
    List<String> folders = new ArrayList<>();
    Set<String> tags = new HashSet<>();
    Set<String> formats = new HashSet<>();
    Instant from = null;
    Instant to = null;
    Boolean hasText = null;
    for (FilterChip chip : chips) {
      switch (chip.kind) {
        case FOLDER -> folders.add(chip.value);
        case TAG -> tags.add(chip.value);
        case FORMAT -> formats.add(chip.value);
        case HAS_TEXT -> hasText = Boolean.parseBoolean(chip.value);
        case DATE -> {
          LocalDate[] range = dateRange(chip.value);
          from = range[0] == null ? null : range[0].atStartOfDay(zone).toInstant();
          to = range[1] == null ? null : range[1].plusDays(1).atStartOfDay(zone).toInstant();
        }
      }
    }
    return new SearchFilter(folders, from, to, tags, formats, 0, 0, hasText);
  }

  private static LocalDate[] dateRange(String value) {
    int dots = value.indexOf("..");
    if (dots < 0) {
      throw new IllegalArgumentException("a date range looks like FROM..TO, got '" + value + "'");
    }
    String from = value.substring(0, dots);
    String to = value.substring(dots + 2);
    return new LocalDate[] {from.isEmpty() ? null : LocalDate.parse(from), to.isEmpty() ? null : LocalDate.parse(to)};
  }

  private static String lastSegment(String path) {
    String trimmed = path.endsWith(File.separator) && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    int slash = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
    return slash < 0 ? trimmed : trimmed.substring(slash + 1);
  }
}
