package dev.imagerag.logic.eval;

import dev.imagerag.logic.embed.EmbeddingException;
import dev.imagerag.logic.embed.TextEmbedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A "text encoder" that looks up vectors computed beforehand: lets a benchmark run queries through
 * {@code SearchService} while leaving the cost of a real encoder out of the measurement.
 */
public final class PrecomputedTextEmbedder implements TextEmbedder {
  private final String modelId;
  private final int dimension;
  private final Map<String, float[]> vectors;

  public PrecomputedTextEmbedder(String modelId, int dimension, Map<String, float[]> vectors) {
    this.modelId = modelId;
    this.dimension = dimension;
    this.vectors = Map.copyOf(vectors);
  }

  @Override
  public String modelId() {
    return modelId;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  /** @throws EmbeddingException for a text that was not precomputed */
  @Override
  public List<float[]> embedTexts(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    for (String text : texts) {
      float[] vector = vectors.get(text);
      if (vector == null) {
        throw new EmbeddingException("no precomputed vector for \"" + text + "\"");
      }
      out.add(vector.clone());
    }
    return out;
  }
}
