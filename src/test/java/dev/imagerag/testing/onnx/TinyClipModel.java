package dev.imagerag.testing.onnx;

import java.nio.file.Path;
import java.util.Random;

/**
 * A tiny CLIP-contract model folder written by {@link TinyClipModels#write}, with its weights and a
 * pure-Java reference of what both graphs compute, so tests can check ONNX Runtime's output (and
 * any preprocessing in front of it) independently.
 *
 * <p>The arrays are shared, not copied: read them, never change them.
 *
 * @param dir the model folder ({@code vision_model.onnx}, {@code text_model.onnx}, {@code
 *     tokenizer.json})
 * @param spec what was built
 * @param projection vision weights W, row-major [3·H·W, D]; row {@code c·H·W + y·W + x} belongs to
 *     pixel (c, y, x) of {@code pixel_values}
 * @param bias vision bias [D]; all zeros when {@link TinyClipSpec#visionBias()} is false
 * @param tokenEmbeddings text weights E, row-major [V, D]; row {@code id} is the embedding of token
 *     {@code id}
 */
public record TinyClipModel(
    Path dir, TinyClipSpec spec, float[] projection, float[] bias, float[] tokenEmbeddings) {

  /** Draws the weights of {@code spec} from its seed; every projection weight is non-zero. */
  static TinyClipModel withRandomWeights(Path dir, TinyClipSpec spec) {
    Random random = new Random(spec.seed());
    int dim = spec.embeddingDim();
    // Scaled by 1/sqrt(3HW) so outputs stay near unit size; magnitudes in [0.5, 1) times that,
    // with a random sign, so no pixel's weight is (close to) zero.
    double scale = 1 / Math.sqrt(spec.pixelCount());
    float[] projection = new float[spec.pixelCount() * dim];
    for (int i = 0; i < projection.length; i++) {
      double magnitude = 0.5 + 0.5 * random.nextDouble();
      projection[i] = (float) ((random.nextBoolean() ? 1 : -1) * magnitude * scale);
    }
    float[] bias = new float[dim];
    if (spec.visionBias()) {
      for (int d = 0; d < dim; d++) {
        bias[d] = (float) (0.1 * (2 * random.nextDouble() - 1));
      }
    }
    float[] embeddings = new float[spec.vocabSize() * dim];
    for (int i = 0; i < embeddings.length; i++) {
      embeddings[i] = (float) (2 * random.nextDouble() - 1);
    }
    return new TinyClipModel(dir, spec, projection, bias, embeddings);
  }

  public Path visionModel() {
    return dir.resolve(TinyClipModels.VISION_FILE);
  }

  public Path textModel() {
    return dir.resolve(TinyClipModels.TEXT_FILE);
  }

  public Path tokenizer() {
    return dir.resolve(TinyClipModels.TOKENIZER_FILE);
  }

  /**
   * The vision output for one image: {@code bias + flatten(pixels) · W}.
   *
   * @param pixelValues one image as {@code pixel_values} holds it: 3·H·W floats, channel-major
   * @return D floats, not normalised
   */
  public float[] imageEmbedding(float[] pixelValues) {
    if (pixelValues.length != spec.pixelCount()) {
      throw new IllegalArgumentException(
          "expected " + spec.pixelCount() + " pixel values, got " + pixelValues.length);
    }
    int dim = spec.embeddingDim();
    double[] sum = new double[dim];
    for (int k = 0; k < pixelValues.length; k++) {
      for (int d = 0; d < dim; d++) {
        sum[d] += (double) pixelValues[k] * projection[k * dim + d];
      }
    }
    float[] out = new float[dim];
    for (int d = 0; d < dim; d++) {
      out[d] = (float) (sum[d] + bias[d]);
    }
    return out;
  }

  /**
   * The text output for one sequence: the mean of the token embeddings over positions whose mask is
   * 1 (all positions when {@code attentionMask} is null, as the graph without a mask does).
   *
   * @param inputIds L token ids in [0, V)
   * @param attentionMask L values 0 or 1, or null
   * @return D floats, not normalised
   */
  public float[] textEmbedding(long[] inputIds, long[] attentionMask) {
    if (attentionMask != null && attentionMask.length != inputIds.length) {
      throw new IllegalArgumentException(
          "mask length " + attentionMask.length + " != ids length " + inputIds.length);
    }
    int dim = spec.embeddingDim();
    double[] sum = new double[dim];
    double count = 0;
    for (int l = 0; l < inputIds.length; l++) {
      double weight = attentionMask == null ? 1 : attentionMask[l];
      int row = Math.toIntExact(inputIds[l]);
      for (int d = 0; d < dim; d++) {
        sum[d] += weight * tokenEmbeddings[row * dim + d];
      }
      count += weight;
    }
    float[] out = new float[dim];
    for (int d = 0; d < dim; d++) {
      out[d] = (float) (sum[d] / count);
    }
    return out;
  }
}
