package dev.imagerag.logic.ingest;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.Skip;
import java.util.Objects;

/**
 * What happened to one file.
 *
 * @param id the image the file holds; null when skipped
 * @param skip why the file was skipped; null otherwise
 * @param duplicateOf for duplicates, a path already holding the same image
 */
public record ImportOutcome(Kind kind, String path, ImageId id, Skip skip, String duplicateOf) {

  /** The classes of outcome reported in a summary. */
  public enum Kind {
    /** A new image. */
    ADDED,
    /** A known path whose content changed: a new image. */
    CHANGED,
    /** Known path, same size and modification time (or same bytes). */
    UNCHANGED,
    /** New path, same bytes as an image already in the library. */
    DUPLICATE,
    /** Not imported; see {@link #skip}. */
    SKIPPED
  }

  public ImportOutcome {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(path, "path");
    if ((kind == Kind.SKIPPED) != (skip != null)) {
      throw new IllegalArgumentException("skip must be given exactly for skipped files: " + kind);
    }
  }

  static ImportOutcome added(String path, ImageId id, boolean changed) {
    return new ImportOutcome(changed ? Kind.CHANGED : Kind.ADDED, path, id, null, null);
  }

  static ImportOutcome unchanged(String path, ImageId id) {
    return new ImportOutcome(Kind.UNCHANGED, path, id, null, null);
  }

  static ImportOutcome duplicate(String path, ImageId id, String duplicateOf) {
    return new ImportOutcome(Kind.DUPLICATE, path, id, null, duplicateOf);
  }

  static ImportOutcome skipped(String path, Skip skip) {
    return new ImportOutcome(Kind.SKIPPED, path, null, skip, null);
  }
}
