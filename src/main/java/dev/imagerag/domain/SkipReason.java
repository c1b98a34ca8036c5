package dev.imagerag.domain;

import java.util.Locale;

/** Why the importer did not take a file. Each comes with a per-file detail in {@link Skip}. */
public enum SkipReason {
  EMPTY_FILE("empty file"),
  NOT_AN_IMAGE("not an image"),
  UNSUPPORTED_FORMAT("unsupported format"),
  CORRUPT("corrupt or truncated image"),
  TOO_MANY_PIXELS("too many pixels"),
  FILE_TOO_LARGE("file too large"),
  UNREADABLE("unreadable"),
  NOT_A_REGULAR_FILE("not a regular file"),
  SYMLINK_LOOP("symbolic link loop"),
  TIMED_OUT("took too long"),
  TOO_LITTLE_MEMORY("not enough memory"),
  IO_ERROR("read error");

  private final String label;

  SkipReason(String label) {
    this.label = label;
  }

  /** Short phrase for summaries, e.g. "corrupt or truncated image". */
  public String label() {
    return label;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SkipReason fromId(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
