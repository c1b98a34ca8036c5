package dev.imagerag.logic.embed;

import java.util.List;

/**
 * Encodes texts into one embedding space (a CLIP text tower for visual search, or a sentence
 * embedder for captions and OCR text). Thread-safe; blocks while loading and computing.
 */
public interface TextEmbedder {

  String modelId();

  int dimension();

  /**
   * One L2-normalised vector per text, in order. Texts longer than the model's window are
   * truncated (callers chunk long texts themselves).
   *
   * @throws EmbeddingException when the model cannot be loaded or run
   */
  List<float[]> embedTexts(List<String> texts);
}
