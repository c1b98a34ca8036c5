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

  /**
   * True for reasons that may go away without the file changing (time, memory, permissions, I/O):
   * such files are examined again on the next scan instead of being skipped from memory.
   */
  public boolean transientCondition() {
    return this == TIMED_OUT || this == TOO_LITTLE_MEMORY || this == UNREADABLE || this == IO_ERROR;
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
