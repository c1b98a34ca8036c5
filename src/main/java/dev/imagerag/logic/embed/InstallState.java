package dev.imagerag.logic.embed;

import java.util.Locale;

/** How far a model, or one of its files, is installed in the models folder. */
public enum InstallState {
  /** Nothing on disk yet. */
  MISSING,
  /** Some bytes are there (an interrupted download, or only some of the files): download resumes. */
  PARTIAL,
  /** Every file is in place with the expected size (and hash, once verified). */
  READY,
  /** A file is in place but wrong (size, or SHA-256 when verified): it must be downloaded again. */
  CORRUPT;

  /** Lower-case name for output: {@code missing}, {@code partial}, {@code ready}, {@code corrupt}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
