package dev.imagerag.logic.catalog;

import dev.imagerag.domain.ImageId;
import java.util.Objects;

/**
 * One file path of an image as last seen: its size and modification time decide whether the file
 * must be hashed again on the next scan.
 */
public record PathEntry(String path, ImageId imageId, long size, long modifiedMillis) {
  public PathEntry {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(imageId, "imageId");
  }

  public boolean sameFile(long otherSize, long otherModifiedMillis) {
    return size == otherSize && modifiedMillis == otherModifiedMillis;
  }
}
