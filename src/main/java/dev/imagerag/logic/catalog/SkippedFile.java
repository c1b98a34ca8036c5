package dev.imagerag.logic.catalog;

import dev.imagerag.domain.Skip;
import java.time.Instant;

/** A file the importer skipped, remembered so an unchanged file is not examined again. */
public record SkippedFile(String path, long size, long modifiedMillis, Skip skip, Instant at) {
  public boolean sameFile(long otherSize, long otherModifiedMillis) {
    return size == otherSize && modifiedMillis == otherModifiedMillis;
  }
}
