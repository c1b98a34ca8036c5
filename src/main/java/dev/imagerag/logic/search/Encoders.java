package dev.imagerag.logic.search;

import dev.imagerag.logic.embed.ImageEmbedder;
import dev.imagerag.logic.embed.TextEmbedder;

/**
 * The query encoders search can use; each may be absent (not downloaded, not configured).
 *
 * @param visualImages the visual model's image tower, or null
 * @param visualTexts the visual model's text tower (same space), or null
 * @param texts the sentence embedder for captions and OCR text, or null
 * @param visualMissing why visual search is unavailable, for messages (null when available)
 */
public record Encoders(
    ImageEmbedder visualImages, TextEmbedder visualTexts, TextEmbedder texts, String visualMissing) {

  public static final Encoders NONE = new Encoders(null, null, null, "no visual model is configured");

  public boolean hasVisual() {
    return visualImages != null && visualTexts != null;
  }
}
