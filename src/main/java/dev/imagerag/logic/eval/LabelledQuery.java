package dev.imagerag.logic.eval;

import java.nio.file.Path;
import java.util.List;

/**
 * One query of an evaluation set and the images that answer it.
 *
 * @param text the words searched for, or null
 * @param image an example image file to search by, or null
 * @param relevant the files that should come back: each entry is a full path (matching one of a
 *     hit's paths exactly) or a bare file name (matching the file name of one of its paths)
 */
public record LabelledQuery(String text, Path image, List<String> relevant) {
  public LabelledQuery {
    text = text == null || text.isBlank() ? null : text.strip();
    if (text == null && image == null) {
      throw new IllegalArgumentException("a labelled query needs \"query\" text or an \"image\"");
    }
    relevant = relevant.stream().map(String::strip).filter(r -> !r.isEmpty()).distinct().toList();
    if (relevant.isEmpty()) {
      throw new IllegalArgumentException("a labelled query needs at least one \"relevant\" file");
    }
  }

  public static LabelledQuery text(String text, String... relevant) {
    return new LabelledQuery(text, null, List.of(relevant));
  }

  public static LabelledQuery image(Path image, String... relevant) {
    return new LabelledQuery(null, image, List.of(relevant));
  }

  /** How the query reads in reports: its text, then the image's file name. */
  public String label() {
    if (image == null) {
      return text;
    }
    String name = image.getFileName() == null ? image.toString() : image.getFileName().toString();
    return text == null ? "image:" + name : text + " + image:" + name;
  }
}
