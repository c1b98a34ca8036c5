package dev.imagerag.logic.chat;

/** Where the images shown with a question came from. */
public enum ImageChoice {
  /** Hybrid search over the library (within the question's filter). */
  RETRIEVED,
  /** Hybrid search within the images the user selected. */
  SELECTION,
  /**
   * The previous turn's images, with the same numbers: the question refers back to them ("what
   * about the second one?"), or searching for it found nothing convincing.
   */
  PREVIOUS,
  /** No image matched. */
  NONE
}
