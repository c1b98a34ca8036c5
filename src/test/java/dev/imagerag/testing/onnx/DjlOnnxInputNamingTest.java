package dev.imagerag.testing.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.TranslateException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How DJL's ONNX Runtime engine (OrtSymbolBlock) maps an NDList to graph inputs: by {@code
 * NDArray.setName} when the first array has a name, else by position in the session's input order;
 * the count must always match the graph's inputs. Mistakes surface as a {@link TranslateException}
 * whose cause is an IllegalArgumentException.
 */
class DjlOnnxInputNamingTest {

  private static final long[] IDS = TinyWordTokenizer.expectedIds("a cat on a sofa");
  private static final long[] MASK = {1, 1, 1, 1, 1, 1, 0};

  @TempDir static Path dir;

  private static TinyClipModel clip;
  private static DjlOnnxModel text;

  @BeforeAll
  static void writeAndLoad() throws Exception {
    clip = TinyClipModels.write(dir, TinyClipSpec.clip());
    text = DjlOnnxModel.load(clip.textModel());
  }

  @AfterAll
  static void close() {
    text.close();
  }

  @Test
  void blockDescribesTheInputsInDeclarationOrder() {
    assertThat(text.inputNames()).containsExactly("input_ids", "attention_mask");
  }

  @Test
  void namedInputsAreMatchedByNameWhateverTheirPosition() throws Exception {
    try (NDManager manager = text.newManager()) {
      NDList maskFirst =
          new NDList(array(manager, MASK, "attention_mask"), array(manager, IDS, "input_ids"));

      float[] actual = text.predict(maskFirst).get(0).toFloatArray();

      assertThat(actual).containsExactly(clip.textEmbedding(IDS, MASK), within(1e-4f));
    }
  }

  @Test
  void unnamedInputsAreFedInDeclarationOrder() throws Exception {
    try (NDManager manager = text.newManager()) {
      NDList unnamed = new NDList(array(manager, IDS, null), array(manager, MASK, null));

      float[] actual = text.predict(unnamed).get(0).toFloatArray();

      assertThat(actual).containsExactly(clip.textEmbedding(IDS, MASK), within(1e-4f));
    }
  }

  @Test
  void unnamedInputsInTheWrongOrderRunWithoutAnyError() throws Exception {
    long[] mask = {1, 1, 1, 1, 1, 1, 1}; // all ids below V: nothing fails, the result is wrong
    try (NDManager manager = text.newManager()) {
      NDList swapped = new NDList(array(manager, mask, null), array(manager, IDS, null));

      float[] actual = text.predict(swapped).get(0).toFloatArray();

      assertThat(actual).isNotEqualTo(clip.textEmbedding(IDS, mask));
    }
  }

  @Test
  void aMissingDeclaredInputIsRejected() {
    try (NDManager manager = text.newManager()) {
      NDList idsOnly = new NDList(array(manager, IDS, "input_ids"));

      assertThatThrownBy(() -> text.predict(idsOnly))
          .isInstanceOf(TranslateException.class)
          .hasRootCauseInstanceOf(IllegalArgumentException.class)
          .hasRootCauseMessage("Input mismatch, looking for: [input_ids, attention_mask]");
    }
  }

  @Test
  void anUnknownInputNameIsRejected() {
    try (NDManager manager = text.newManager()) {
      NDList misnamed =
          new NDList(array(manager, IDS, "input_ids"), array(manager, MASK, "attention"));

      assertThatThrownBy(() -> text.predict(misnamed))
          .isInstanceOf(TranslateException.class)
          .hasRootCauseInstanceOf(IllegalArgumentException.class)
          .hasRootCauseMessage("Invalid input tensor name: attention");
    }
  }

  @Test
  void namingOnlySomeInputsIsRejected() {
    try (NDManager manager = text.newManager()) {
      NDList half = new NDList(array(manager, IDS, "input_ids"), array(manager, MASK, null));

      assertThatThrownBy(() -> text.predict(half))
          .isInstanceOf(TranslateException.class)
          .hasRootCauseInstanceOf(IllegalArgumentException.class)
          .hasRootCauseMessage("All or none of input tensors must have a name.");
    }
  }

  private static NDArray array(NDManager manager, long[] values, String name) {
    NDArray array = manager.create(values, new Shape(1, values.length));
    if (name != null) {
      array.setName(name);
    }
    return array;
  }
}
