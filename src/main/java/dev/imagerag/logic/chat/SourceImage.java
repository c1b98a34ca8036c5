package dev.imagerag.logic.chat;

import dev.imagerag.domain.ImageId;
import java.util.List;
import java.util.Objects;

/**
 * An image chosen to answer a question, with the text the model gets about it.
 *
 * @param number its number in this turn ({@code [Image number]}), from 1
 * @param paths its files, most recently seen first (never empty)
 * @param score its retrieval score (the search mode's unit; 0 when it was chosen, not found)
 * @param caption the caption model's description, or "" when there is none
 * @param ocrText the text read from the image, or "" when there is none
 */
public record SourceImage(int number, ImageId id, List<String> paths, double score, String caption, String ocrText) {
  public SourceImage {
    if (number < 1) {
      throw new IllegalArgumentException("image numbers start at 1, got " + number);
    }
    Objects.requireNonNull(id, "id");
    paths = List.copyOf(paths);
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("an image needs at least one path: " + id);
    }
    caption = Objects.requireNonNullElse(caption, "");
    ocrText = Objects.requireNonNullElse(ocrText, "");
  }

  public String path() {
    return paths.get(0);
  }

  /** The file name alone, e.g. "receipt.png". */
  public String fileName() {
    String path = path();
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return path.substring(slash + 1);
  }

  TurnImage remembered(boolean cited) {
    return new TurnImage(number, id, path(), score, cited);
  }
}
