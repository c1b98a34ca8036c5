package dev.imagerag.testing;

import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.catalog.StageResult;
import java.nio.file.Path;
import java.util.Map;

/**
 * Content stages that store text a test chose for each file, the way OCR, caption and tag stages
 * would: the index and text embedding stages then pick it up.
 */
public final class TextStages {
  /** The model recorded with every stored text. */
  public static final String MODEL = "test";

  private TextStages() {}

  /**
   * A stage named "ocr" that stores, for each path of an image, the texts assigned to that file
   * name: field ("ocr", "caption", "tags") to text. Images with no entry get no text.
   */
  public static RecordingStage byFileName(Catalog catalog, Map<String, Map<String, String>> textsByFileName) {
    return new RecordingStage("ocr", "v1", catalog, id -> {
      for (String path : catalog.paths(id)) {
        Map<String, String> fields = textsByFileName.get(Path.of(path).getFileName().toString());
        if (fields != null) {
          fields.forEach((field, text) -> catalog.putText(id, field, MODEL, text));
        }
      }
      return StageResult.done(id);
    });
  }
}
