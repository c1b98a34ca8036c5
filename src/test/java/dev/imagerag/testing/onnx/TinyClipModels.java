package dev.imagerag.testing.onnx;

import static dev.imagerag.testing.onnx.OnnxModelWriter.ElementType.FLOAT;
import static dev.imagerag.testing.onnx.OnnxModelWriter.ElementType.INT64;

import dev.imagerag.testing.onnx.OnnxModelWriter.Attribute;
import dev.imagerag.testing.onnx.OnnxModelWriter.Dim;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes tiny models with the input/output contract of Hugging Face's CLIP ONNX exports, with
 * seeded random weights, for tests that cannot download real ones.
 *
 * <ul>
 *   <li>{@code vision_model.onnx}: {@code pixel_values} float32 [N, 3, H, W] → Flatten · W [3HW, D]
 *       (+ bias) → {@code image_embeds} float32 [N, D]. Every pixel has its own non-zero weights,
 *       so any preprocessing mistake changes the output.
 *   <li>{@code text_model.onnx}: {@code input_ids} int64 [N, L] (+ {@code attention_mask} int64 [N,
 *       L]) → Gather(E [V, D]) → masked mean over L (plain mean without a mask) → {@code
 *       text_embeds} float32 [N, D].
 *   <li>{@code tokenizer.json}: {@link TinyWordTokenizer}.
 * </ul>
 *
 * N and L are dynamic ({@code batch_size}, {@code sequence_length}); H = W is fixed. Outputs are
 * not normalised, like CLIP's {@code *_embeds}.
 *
 * <pre>{@code
 * TinyClipModel model = TinyClipModels.write(tempDir, TinyClipSpec.clip());
 * // load model.visionModel() / model.textModel() with DJL or ONNX Runtime, then compare with
 * float[] expected = model.imageEmbedding(pixelValuesOfOneImage);
 * }</pre>
 */
public final class TinyClipModels {

  public static final String VISION_FILE = "vision_model.onnx";
  public static final String TEXT_FILE = "text_model.onnx";
  public static final String TOKENIZER_FILE = "tokenizer.json";
  public static final String PIXEL_VALUES = "pixel_values";
  public static final String INPUT_IDS = "input_ids";
  public static final String ATTENTION_MASK = "attention_mask";

  private static final Dim BATCH = Dim.named("batch_size");
  private static final Dim SEQUENCE = Dim.named("sequence_length");

  private TinyClipModels() {}

  /** Writes the three files into {@code dir} (created if missing) and returns their weights. */
  public static TinyClipModel write(Path dir, TinyClipSpec spec) throws IOException {
    Files.createDirectories(dir);
    TinyClipModel model = TinyClipModel.withRandomWeights(dir, spec);
    vision(model).write(model.visionModel());
    text(model).write(model.textModel());
    TinyWordTokenizer.write(model.tokenizer());
    return model;
  }

  static OnnxModelWriter vision(TinyClipModel model) {
    TinyClipSpec spec = model.spec();
    int size = spec.imageSize();
    long dim = spec.embeddingDim();
    String output = spec.imageOutputName();
    String projected = spec.visionBias() ? "projected" : output;
    OnnxModelWriter graph =
        new OnnxModelWriter("tiny_clip_vision")
            .input(PIXEL_VALUES, FLOAT, BATCH, Dim.fixed(3), Dim.fixed(size), Dim.fixed(size))
            .floatInitializer("projection", new long[] {spec.pixelCount(), dim}, model.projection())
            .node("Flatten", List.of(PIXEL_VALUES), "flat", Attribute.ofInt("axis", 1))
            .node("MatMul", List.of("flat", "projection"), projected);
    if (spec.visionBias()) {
      graph
          .floatInitializer("bias", new long[] {dim}, model.bias())
          .node("Add", List.of(projected, "bias"), output);
    }
    return graph.output(output, FLOAT, BATCH, Dim.fixed(dim));
  }

  static OnnxModelWriter text(TinyClipModel model) {
    TinyClipSpec spec = model.spec();
    long dim = spec.embeddingDim();
    OnnxModelWriter graph =
        new OnnxModelWriter("tiny_clip_text")
            .input(INPUT_IDS, INT64, BATCH, SEQUENCE)
            .floatInitializer(
                "token_embeddings", new long[] {spec.vocabSize(), dim}, model.tokenEmbeddings())
            .node(
                "Gather",
                List.of("token_embeddings", INPUT_IDS),
                "tokens",
                Attribute.ofInt("axis", 0));
    if (spec.textHasAttentionMask()) {
      maskedMean(graph.input(ATTENTION_MASK, INT64, BATCH, SEQUENCE), spec.textOutputName());
    } else {
      // Opset 13: ReduceMean still takes its axes as an attribute.
      graph.node(
          "ReduceMean",
          List.of("tokens"),
          spec.textOutputName(),
          Attribute.ofInts("axes", 1),
          Attribute.ofInt("keepdims", 0));
    }
    return graph.output(spec.textOutputName(), FLOAT, BATCH, Dim.fixed(dim));
  }

  /**
   * sum(tokens · mask) / sum(mask) over L. Opset 13: Unsqueeze and ReduceSum take axes as input.
   */
  private static void maskedMean(OnnxModelWriter graph, String output) {
    Attribute dropAxis = Attribute.ofInt("keepdims", 0);
    graph
        .int64Initializer("axis_1", new long[] {1}, new long[] {1})
        .int64Initializer("axis_2", new long[] {1}, new long[] {2})
        .node("Cast", List.of(ATTENTION_MASK), "mask_float", Attribute.ofInt("to", FLOAT.code))
        .node("Unsqueeze", List.of("mask_float", "axis_2"), "mask_3d") // [N, L, 1]
        .node("Mul", List.of("tokens", "mask_3d"), "masked_tokens")
        .node("ReduceSum", List.of("masked_tokens", "axis_1"), "token_sum", dropAxis) // [N, D]
        .node("ReduceSum", List.of("mask_3d", "axis_1"), "token_count", dropAxis) // [N, 1]
        .node("Div", List.of("token_sum", "token_count"), output);
  }
}
