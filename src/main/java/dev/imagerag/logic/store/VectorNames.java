package dev.imagerag.logic.store;

/** The named vectors an image may carry in a {@link VectorStore}. */
public final class VectorNames {
  /** CLIP-family image embedding; dimension depends on the visual model. */
  public static final String VISUAL = "visual";

  /** Text embedding of caption, tags and OCR text (bge-small: 384 dimensions). */
  public static final String TEXTUAL = "textual";

  private VectorNames() {}

  public static void requireKnown(String name) {
    if (!VISUAL.equals(name) && !TEXTUAL.equals(name)) {
      throw new IllegalArgumentException(
          "unknown vector name '" + name + "' (expected " + VISUAL + " or " + TEXTUAL + ")");
    }
  }
}
