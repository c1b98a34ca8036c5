package dev.imagerag.logic.chat;

import dev.imagerag.domain.ImageId;
import java.util.Objects;

/**
 * An image an answer cites as {@code [Image number]}.
 *
 * @param path the file the image was read from
 * @param score its retrieval score
 */
public record Citation(int number, ImageId id, String path, double score) {
  public Citation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(path, "path");
  }
}
