package dev.imagerag.testing.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed real CLIP tokenizer through DJL's HuggingFaceTokenizer, with the options a CLIP
 * text encoder uses: {@code optMaxLength(77)}, {@code optPadToMaxLength()}, {@code
 * optTruncation(true)}.
 */
class OpenAiClipTokenizerTest {

  private static final long[] A_PHOTO_OF_A_CAT = {49406, 320, 1125, 539, 320, 2368, 49407};

  @TempDir static Path dir;

  private static HuggingFaceTokenizer clip;

  @BeforeAll
  static void unpack() throws IOException {
    clip = clipTokenizer(OpenAiClipTokenizer.unpackInto(dir.resolve("clip")));
  }

  @AfterAll
  static void close() {
    clip.close();
  }

  @Test
  void encodesAPhotoOfACatWithOpenAiClipIds() throws IOException {
    try (HuggingFaceTokenizer plain =
        HuggingFaceTokenizer.newInstance(dir.resolve("clip").resolve("tokenizer.json"))) {
      Encoding encoding = plain.encode("a photo of a cat");

      assertThat(encoding.getIds()).containsExactly(A_PHOTO_OF_A_CAT);
      assertThat(encoding.getTokens())
          .containsExactly(
              "<|startoftext|>",
              "a</w>",
              "photo</w>",
              "of</w>",
              "a</w>",
              "cat</w>",
              "<|endoftext|>");
    }
  }

  @Test
  void padsToSeventySevenWithIdZeroBecauseTheJsonHasNoPaddingBlock() {
    Encoding encoding = clip.encode("a photo of a cat");

    long[] expected = Arrays.copyOf(A_PHOTO_OF_A_CAT, 77); // DJL's default pad id is 0 ("!")
    assertThat(encoding.getIds()).containsExactly(expected);
    assertThat(encoding.getTokens()[7]).isEqualTo("[PAD]");
    assertThat(encoding.getAttentionMask()).containsExactly(mask(7, 77));
  }

  @Test
  void aPaddingBlockInTheJsonMakesDjlPadWithEndOfText() throws IOException {
    Path patched = withEndOfTextPadding(dir.resolve("clip"), dir.resolve("clip-padded"));
    try (HuggingFaceTokenizer tokenizer = clipTokenizer(patched)) {
      Encoding encoding = tokenizer.encode("a photo of a cat");

      long[] expected = Arrays.copyOf(A_PHOTO_OF_A_CAT, 77);
      Arrays.fill(expected, 7, 77, OpenAiClipTokenizer.END_ID);
      assertThat(encoding.getIds()).containsExactly(expected);
      assertThat(encoding.getAttentionMask()).containsExactly(mask(7, 77));
    }
  }

  @Test
  void truncatesAHundredWordTextToSeventySevenKeepingTheEndToken() {
    String hundredWords = String.join(" ", Collections.nCopies(100, "cat"));

    Encoding encoding = clip.encode(hundredWords);

    long[] ids = encoding.getIds();
    assertThat(ids).hasSize(77);
    assertThat(ids[0]).isEqualTo(OpenAiClipTokenizer.START_ID);
    assertThat(Arrays.copyOfRange(ids, 1, 76)).containsOnly(2368L);
    assertThat(ids[76]).isEqualTo(OpenAiClipTokenizer.END_ID);
    assertThat(encoding.getAttentionMask()).containsOnly(1L);
    assertThat(encoding.exceedMaxLength()).isTrue();
  }

  @Test
  void itsIdsRunThroughATinyTextModelWithClipsVocabulary() throws Exception {
    TinyClipModel model =
        TinyClipModels.write(
            dir.resolve("tiny-49408"),
            TinyClipSpec.clip().withVocabSize(OpenAiClipTokenizer.VOCAB_SIZE));
    Encoding[] batch = clip.batchEncode(new String[] {"a photo of a cat", "a dog on a sofa"});
    try (DjlOnnxModel text = DjlOnnxModel.load(model.textModel());
        NDManager manager = text.newManager()) {
      NDArray ids = manager.create(rows(batch, true), new Shape(2, 77));
      ids.setName(TinyClipModels.INPUT_IDS);
      NDArray mask = manager.create(rows(batch, false), new Shape(2, 77));
      mask.setName(TinyClipModels.ATTENTION_MASK);
      float[] actual = text.predict(new NDList(ids, mask)).get(0).toFloatArray();

      float[] expected =
          TinyClipModelsTest.concat(
              model.textEmbedding(batch[0].getIds(), batch[0].getAttentionMask()),
              model.textEmbedding(batch[1].getIds(), batch[1].getAttentionMask()));
      assertThat(actual).containsExactly(expected, within(1e-4f));
    }
  }

  private static HuggingFaceTokenizer clipTokenizer(Path folder) throws IOException {
    return HuggingFaceTokenizer.builder()
        .optTokenizerPath(folder)
        .optMaxLength(OpenAiClipTokenizer.CONTEXT_LENGTH)
        .optPadToMaxLength()
        .optTruncation(true)
        .build();
  }

  /** Copies the tokenizer.json with the padding Hugging Face's CLIPTokenizerFast applies. */
  private static Path withEndOfTextPadding(Path source, Path target) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = (ObjectNode) json.readTree(source.resolve("tokenizer.json").toFile());
    ObjectNode padding = root.putObject("padding");
    padding.put("strategy", "BatchLongest");
    padding.put("direction", "Right");
    padding.putNull("pad_to_multiple_of");
    padding.put("pad_id", OpenAiClipTokenizer.END_ID);
    padding.put("pad_type_id", 0);
    padding.put("pad_token", "<|endoftext|>");
    Files.createDirectories(target);
    json.writeValue(target.resolve("tokenizer.json").toFile(), root);
    return target;
  }

  private static long[] mask(int ones, int length) {
    long[] mask = new long[length];
    Arrays.fill(mask, 0, ones, 1);
    return mask;
  }

  private static long[] rows(Encoding[] batch, boolean ids) {
    return Arrays.stream(batch)
        .flatMapToLong(e -> Arrays.stream(ids ? e.getIds() : e.getAttentionMask()))
        .toArray();
  }
}
