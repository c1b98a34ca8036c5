package dev.imagerag.logic.ingest;

import dev.imagerag.domain.ImageId;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Thumbnails by image id. Writes are atomic (a crash never leaves a half-written thumbnail under
 * its final name). Thread-safe.
 */
public interface ThumbnailStore {

  /** The long side of the thumbnails written, in pixels. */
  int size();

  /** Where the thumbnail of {@code id} lives (whether or not it exists). */
  Path path(ImageId id);

  boolean exists(ImageId id);

  /** Scales {@code image} down to {@link #size()} on its long side and stores it. */
  void write(ImageId id, BufferedImage image) throws IOException;

  void delete(ImageId id) throws IOException;

  /** Deletes leftover temporary files and thumbnails of images {@code keep} rejects. */
  int removeOrphans(Predicate<ImageId> keep) throws IOException;
}
