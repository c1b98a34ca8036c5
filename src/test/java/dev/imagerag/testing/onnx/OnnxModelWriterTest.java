package dev.imagerag.testing.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.imagerag.testing.onnx.OnnxModelWriter.Dim;
import dev.imagerag.testing.onnx.OnnxModelWriter.ElementType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-written ModelProto bytes load in ONNX Runtime's own Java API, with the declared metadata.
 */
class OnnxModelWriterTest {

  private static final OrtEnvironment ORT = OrtEnvironment.getEnvironment();

  @TempDir Path dir;

  @Test
  void aHandWrittenGraphRunsInOnnxRuntime() throws OrtException {
    byte[] model =
        new OnnxModelWriter("double")
            .input("x", ElementType.FLOAT, Dim.named("batch_size"), Dim.fixed(4))
            .floatInitializer("two", new long[0], new float[] {2f})
            .node("Mul", List.of("x", "two"), "y")
            .output("y", ElementType.FLOAT, Dim.named("batch_size"), Dim.fixed(4))
            .toByteArray();
    try (OrtSession session = ORT.createSession(model, new OrtSession.SessionOptions());
        OnnxTensor x = OnnxTensor.createTensor(ORT, new float[][] {{1, 2, 3, 4}});
        OrtSession.Result result = session.run(Map.of("x", x))) {

      assertThat((float[][]) result.get(0).getValue()).isEqualTo(new float[][] {{2, 4, 6, 8}});
    }
  }

  @Test
  void visionSessionShowsPixelValuesAndImageEmbeds() throws Exception {
    TinyClipModel clip = TinyClipModels.write(dir, TinyClipSpec.clip());
    try (OrtSession session = ORT.createSession(clip.visionModel().toString())) {
      TensorInfo input = tensorInfo(session.getInputInfo(), "pixel_values");
      TensorInfo output = tensorInfo(session.getOutputInfo(), "image_embeds");

      assertThat(session.getInputNames()).containsExactly("pixel_values");
      assertThat(input.type).isEqualTo(OnnxJavaType.FLOAT);
      assertThat(input.getShape()).containsExactly(-1, 3, 32, 32);
      assertThat(input.getDimensionNames()).containsExactly("batch_size", "", "", "");
      assertThat(session.getOutputNames()).containsExactly("image_embeds");
      assertThat(output.getShape()).containsExactly(-1, 16);
    }
  }

  @Test
  void textSessionShowsBothInt64InputsInDeclarationOrder() throws Exception {
    TinyClipModel clip = TinyClipModels.write(dir, TinyClipSpec.clip());
    try (OrtSession session = ORT.createSession(clip.textModel().toString())) {
      TensorInfo mask = tensorInfo(session.getInputInfo(), "attention_mask");

      assertThat(session.getInputNames()).containsExactly("input_ids", "attention_mask");
      assertThat(mask.type).isEqualTo(OnnxJavaType.INT64);
      assertThat(mask.getShape()).containsExactly(-1, -1);
      assertThat(mask.getDimensionNames()).containsExactly("batch_size", "sequence_length");
      assertThat(session.getOutputNames()).containsExactly("text_embeds");
    }
  }

  @Test
  void sessionMetadataNamesTheProducerAndGraph() throws Exception {
    TinyClipModel clip = TinyClipModels.write(dir, TinyClipSpec.clip());
    try (OrtSession session = ORT.createSession(clip.textModel().toString())) {
      assertThat(session.getMetadata().getProducerName()).isEqualTo(OnnxModelWriter.PRODUCER);
      assertThat(session.getMetadata().getGraphName()).isEqualTo("tiny_clip_text");
    }
  }

  @Test
  void anInitializerOfTheWrongSizeIsRejected() {
    OnnxModelWriter writer = new OnnxModelWriter("bad");

    assertThatThrownBy(() -> writer.floatInitializer("w", new long[] {2, 3}, new float[5]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("w: shape holds 6 values but 5 were given");
  }

  private static TensorInfo tensorInfo(Map<String, NodeInfo> infos, String name) {
    return (TensorInfo) infos.get(name).getInfo();
  }
}
