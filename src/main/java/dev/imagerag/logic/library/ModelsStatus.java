package dev.imagerag.logic.library;

/**
 * Which models an open library uses, for {@code status} and the status bar.
 *
 * @param visualModel id of the configured visual (CLIP-family) model
 * @param visualState its install state ("ready", "missing", "partial", "corrupt")
 * @param visualNote why visual search is off, or null when it is on
 * @param textModel id of the text embedder for captions and OCR text
 * @param device where inference runs ("cpu", "gpu 0 (CUDA)")
 * @param modelsFolder where downloaded models live
 */
public record ModelsStatus(
    String visualModel, String visualState, String visualNote, String textModel, String device, String modelsFolder) {

  public boolean visualReady() {
    return visualNote == null;
  }
}
