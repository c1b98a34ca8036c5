package dev.imagerag.infra.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.imagerag.logic.embed.EmbeddingException;
import dev.imagerag.logic.embed.Vectors;
import java.util.ArrayList;
import java.util.List;

/** Reading embeddings out of model outputs. */
final class Outputs {
  private Outputs() {}

  /** The output called {@code name}; a single unnamed output is accepted too. */
  static NDArray named(NDList outputs, String name, String model) {
    NDArray byName = outputs.get(name);
    if (byName != null) {
      return byName;
    }
    if (outputs.size() == 1) {
      return outputs.singletonOrThrow();
    }
    List<String> names = new ArrayList<>();
    outputs.forEach(a -> names.add(a.getName()));
    throw new EmbeddingException("The model " + model + " has no output '" + name + "' (it has " + names
        + "). Check the output names in its manifest.");
  }

  /** Splits a [rows × dimension] matrix into L2-normalised rows. */
  static List<float[]> unitRows(float[] flat, int rows, int dimension, String model) {
    if (flat.length != rows * dimension) {
      throw new EmbeddingException("The model " + model + " returned " + flat.length + " values for " + rows
          + " inputs, not " + rows + " × " + dimension + ". Its manifest's dimension does not match the file.");
    }
    List<float[]> result = new ArrayList<>(rows);
    for (int r = 0; r < rows; r++) {
      float[] row = new float[dimension];
      System.arraycopy(flat, r * dimension, row, 0, dimension);
      try {
        result.add(Vectors.normalized(row));
      } catch (IllegalArgumentException e) {
        throw new EmbeddingException("The model " + model + " produced an all-zero or invalid embedding.", e);
      }
    }
    return result;
  }
}
