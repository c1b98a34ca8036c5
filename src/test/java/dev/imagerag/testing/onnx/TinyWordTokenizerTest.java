package dev.imagerag.testing.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DJL's HuggingFaceTokenizer reads the tiny tokenizer.json and gives CLIP-shaped encodings. */
class TinyWordTokenizerTest {

  private static final long END = TinyWordTokenizer.idOf(TinyWordTokenizer.END);

  @TempDir Path dir;

  @Test
  void wrapsKnownWordsInStartAndEndTokens() throws IOException {
    try (HuggingFaceTokenizer tokenizer = load()) {
      Encoding encoding = tokenizer.encode("a photo of a cat");

      assertThat(encoding.getTokens())
          .containsExactly("<|startoftext|>", "a", "photo", "of", "a", "cat", "<|endoftext|>");
      assertThat(encoding.getIds())
          .containsExactly(TinyWordTokenizer.expectedIds("a photo of a cat"));
    }
  }

  @Test
  void lowercasesAndSplitsPunctuationIntoUnknownTokens() throws IOException {
    try (HuggingFaceTokenizer tokenizer = load()) {
      Encoding encoding = tokenizer.encode("A Cat, on the SOFA!");

      assertThat(encoding.getIds())
          .containsExactly(TinyWordTokenizer.expectedIds("a cat , on the sofa !"));
      assertThat(encoding.getTokens()).contains("[UNK]", "sofa");
    }
  }

  @Test
  void padsWithEndOfTextAndMasksThePadding() throws IOException {
    try (HuggingFaceTokenizer tokenizer = load(8)) {
      Encoding encoding = tokenizer.encode("a cat");

      long[] expected = Arrays.copyOf(TinyWordTokenizer.expectedIds("a cat"), 8);
      Arrays.fill(expected, 4, 8, END);
      assertThat(encoding.getIds()).containsExactly(expected);
      assertThat(encoding.getAttentionMask()).containsExactly(1, 1, 1, 1, 0, 0, 0, 0);
    }
  }

  @Test
  void itsEncodingsRunThroughTheTinyTextModel() throws Exception {
    TinyClipModel clip = TinyClipModels.write(dir, TinyClipSpec.clip());
    try (HuggingFaceTokenizer tokenizer = load(8);
        DjlOnnxModel text = DjlOnnxModel.load(clip.textModel());
        NDManager manager = text.newManager()) {
      Encoding encoding = tokenizer.encode("a dog on the beach");
      NDArray ids = manager.create(encoding.getIds(), new Shape(1, 8));
      ids.setName(TinyClipModels.INPUT_IDS);
      NDArray mask = manager.create(encoding.getAttentionMask(), new Shape(1, 8));
      mask.setName(TinyClipModels.ATTENTION_MASK);

      float[] actual = text.predict(new NDList(ids, mask)).get(0).toFloatArray();

      float[] expected = clip.textEmbedding(encoding.getIds(), encoding.getAttentionMask());
      assertThat(actual).containsExactly(expected, within(1e-4f));
    }
  }

  private HuggingFaceTokenizer load() throws IOException {
    return HuggingFaceTokenizer.newInstance(TinyWordTokenizer.write(dir.resolve("tokenizer.json")));
  }

  private HuggingFaceTokenizer load(int maxLength) throws IOException {
    TinyWordTokenizer.write(dir.resolve("tokenizer.json"));
    return HuggingFaceTokenizer.builder()
        .optTokenizerPath(dir)
        .optMaxLength(maxLength)
        .optPadToMaxLength()
        .optTruncation(true)
        .build();
  }
}
