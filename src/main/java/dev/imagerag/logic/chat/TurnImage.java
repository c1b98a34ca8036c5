package dev.imagerag.logic.chat;

import dev.imagerag.domain.ImageId;
import java.util.Objects;

/**
 * An image shown with one question, as the conversation remembers it.
 *
 * @param number its number in that turn: the answer cites it as {@code [Image number]}
 * @param path the file it was read from at the time
 * @param score its retrieval score (the search mode's unit; 0 when it was chosen, not found)
 * @param cited whether the answer cites it
 */
public record TurnImage(int number, ImageId id, String path, double score, boolean cited) {
  public TurnImage {
    if (number < 1) {
      throw new IllegalArgumentException("image numbers start at 1, got " + number);
    }
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(path, "path");
  }
}
