package dev.imagerag.testing.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated models run in DJL's ONNX Runtime engine and agree with the Java reference. */
class TinyClipModelsTest {

  private static final float TOLERANCE = 1e-4f;
  private static final long START = TinyWordTokenizer.idOf(TinyWordTokenizer.START);
  private static final long END = TinyWordTokenizer.idOf(TinyWordTokenizer.END);
  private static final long UNK = TinyWordTokenizer.idOf(TinyWordTokenizer.UNKNOWN);
  private static final long A = TinyWordTokenizer.idOf("a");
  private static final long CAT = TinyWordTokenizer.idOf("cat");
  private static final long DOG = TinyWordTokenizer.idOf("dog");
  private static final long SOFA = TinyWordTokenizer.idOf("sofa");

  @TempDir static Path dir;

  private static TinyClipModel clip;
  private static DjlOnnxModel vision;
  private static DjlOnnxModel text;

  @BeforeAll
  static void writeAndLoad() throws Exception {
    clip = TinyClipModels.write(dir.resolve("clip"), TinyClipSpec.clip());
    vision = DjlOnnxModel.load(clip.visionModel());
    text = DjlOnnxModel.load(clip.textModel());
  }

  @AfterAll
  static void close() {
    vision.close();
    text.close();
  }

  @Test
  void modelFolderHoldsTheHuggingFaceExportFileNames() {
    assertThat(clip.dir().toFile().list())
        .containsExactlyInAnyOrder("vision_model.onnx", "text_model.onnx", "tokenizer.json");
  }

  @Test
  void visionOutputIsImageEmbedsOfShapeBatchByDim() throws Exception {
    try (NDManager manager = vision.newManager()) {
      NDArray out = embedImages(manager, randomPixels(3, 1)).get(0);

      assertThat(out.getName()).isEqualTo("image_embeds");
      assertThat(out.getShape()).isEqualTo(new Shape(3, 16));
      assertThat(out.getDataType()).isEqualTo(DataType.FLOAT32);
    }
  }

  @Test
  void visionMatchesTheReferenceForOneImage() throws Exception {
    float[] pixels = randomPixels(1, 2);
    try (NDManager manager = vision.newManager()) {
      float[] actual = embedImages(manager, pixels).get(0).toFloatArray();

      assertThat(actual).containsExactly(clip.imageEmbedding(pixels), within(TOLERANCE));
    }
  }

  @Test
  void visionMatchesTheReferenceForEachImageOfABatchOfThree() throws Exception {
    float[] batch = randomPixels(3, 3);
    try (NDManager manager = vision.newManager()) {
      float[] actual = embedImages(manager, batch).get(0).toFloatArray();

      assertThat(actual).containsExactly(referenceImages(batch, 3), within(TOLERANCE));
    }
  }

  @Test
  void changingTheLastPixelChangesTheImageEmbedding() throws Exception {
    float[] pixels = randomPixels(1, 4);
    float[] nudged = pixels.clone();
    nudged[nudged.length - 1] += 0.05f;
    try (NDManager manager = vision.newManager()) {
      float[] before = embedImages(manager, pixels).get(0).toFloatArray();
      float[] after = embedImages(manager, nudged).get(0).toFloatArray();

      // Every weight is at least 0.5/sqrt(3HW) in size, so each output moves by >= 4.5e-4.
      double smallestChange = Double.MAX_VALUE;
      for (int d = 0; d < before.length; d++) {
        smallestChange = Math.min(smallestChange, Math.abs(after[d] - before[d]));
      }
      assertThat(smallestChange).isGreaterThan(1e-4);
    }
  }

  @Test
  void textOutputIsTextEmbedsOfShapeBatchByDim() throws Exception {
    try (NDManager manager = text.newManager()) {
      long[][] ids = {{START, A, CAT, END}};
      NDArray out = embedTexts(manager, ids, new long[][] {{1, 1, 1, 1}}).get(0);

      assertThat(out.getName()).isEqualTo("text_embeds");
      assertThat(out.getShape()).isEqualTo(new Shape(1, 16));
    }
  }

  @Test
  void textMatchesTheMaskedMeanForOneSequence() throws Exception {
    long[] ids = TinyWordTokenizer.expectedIds("a photo of a cat");
    long[] mask = ones(ids.length);
    try (NDManager manager = text.newManager()) {
      float[] actual =
          embedTexts(manager, new long[][] {ids}, new long[][] {mask}).get(0).toFloatArray();

      assertThat(actual).containsExactly(clip.textEmbedding(ids, mask), within(TOLERANCE));
    }
  }

  @Test
  void textMatchesTheMaskedMeanForEachSequenceOfABatchOfThree() throws Exception {
    long[][] ids = {
      {START, CAT, END, END, END}, {START, A, CAT, SOFA, END}, {START, DOG, SOFA, UNK, END}
    };
    long[][] mask = {{1, 1, 1, 0, 0}, {1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}};
    try (NDManager manager = text.newManager()) {
      float[] actual = embedTexts(manager, ids, mask).get(0).toFloatArray();

      float[] expected = new float[0];
      for (int i = 0; i < ids.length; i++) {
        expected = concat(expected, clip.textEmbedding(ids[i], mask[i]));
      }
      assertThat(actual).containsExactly(expected, within(TOLERANCE));
    }
  }

  @Test
  void maskedPositionsDoNotChangeTheTextEmbedding() throws Exception {
    long[][] mask = {{1, 1, 1, 0, 0}};
    try (NDManager manager = text.newManager()) {
      float[] padWithEnd =
          embedTexts(manager, new long[][] {{START, CAT, END, END, END}}, mask)
              .get(0)
              .toFloatArray();
      float[] padWithZero =
          embedTexts(manager, new long[][] {{START, CAT, END, 0, 0}}, mask).get(0).toFloatArray();

      assertThat(padWithZero).containsExactly(padWithEnd, within(1e-6f));
    }
  }

  @Test
  void textWithoutAMaskTakesThePlainMeanOverAllPositions() throws Exception {
    TinyClipModel noMask =
        TinyClipModels.write(dir.resolve("no-mask"), TinyClipSpec.clip().withAttentionMask(false));
    long[][] ids = {{START, CAT, END}, {START, DOG, END}, {START, UNK, END}};
    try (DjlOnnxModel model = DjlOnnxModel.load(noMask.textModel());
        NDManager manager = model.newManager()) {
      NDArray input = manager.create(flatten(ids), new Shape(3, 3));
      input.setName(TinyClipModels.INPUT_IDS);
      float[] actual = model.predict(new NDList(input)).get(0).toFloatArray();

      float[] expected = new float[0];
      for (long[] row : ids) {
        expected = concat(expected, noMask.textEmbedding(row, null));
      }
      assertThat(model.inputNames()).containsExactly("input_ids");
      assertThat(actual).containsExactly(expected, within(TOLERANCE));
    }
  }

  @Test
  void siglipLikeModelsNameBothOutputsPoolerOutput() throws Exception {
    TinyClipModel siglip = TinyClipModels.write(dir.resolve("siglip"), TinyClipSpec.siglipLike());
    try (DjlOnnxModel image = DjlOnnxModel.load(siglip.visionModel());
        NDManager manager = image.newManager()) {
      NDArray pixels = manager.create(randomPixels(1, 5), new Shape(1, 3, 32, 32));
      pixels.setName(TinyClipModels.PIXEL_VALUES);

      assertThat(image.predict(new NDList(pixels)).get(0).getName()).isEqualTo("pooler_output");
    }
  }

  @Test
  void equalSpecsGiveEqualWeights() throws Exception {
    TinyClipModel again = TinyClipModels.write(dir.resolve("again"), TinyClipSpec.clip());

    assertThat(again.projection()).isEqualTo(clip.projection());
    assertThat(again.tokenEmbeddings()).isEqualTo(clip.tokenEmbeddings());
  }

  private static NDList embedImages(NDManager manager, float[] pixels) throws Exception {
    int n = pixels.length / clip.spec().pixelCount();
    NDArray input = manager.create(pixels, new Shape(n, 3, 32, 32));
    input.setName(TinyClipModels.PIXEL_VALUES);
    return vision.predict(new NDList(input));
  }

  private static NDList embedTexts(NDManager manager, long[][] ids, long[][] mask)
      throws Exception {
    Shape shape = new Shape(ids.length, ids[0].length);
    NDArray inputIds = manager.create(flatten(ids), shape);
    inputIds.setName(TinyClipModels.INPUT_IDS);
    NDArray attentionMask = manager.create(flatten(mask), shape);
    attentionMask.setName(TinyClipModels.ATTENTION_MASK);
    return text.predict(new NDList(inputIds, attentionMask));
  }

  static float[] randomPixels(int images, long seed) {
    Random random = new Random(seed);
    float[] pixels = new float[images * clip.spec().pixelCount()];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) (4 * random.nextDouble() - 2); // about CLIP's normalised range
    }
    return pixels;
  }

  private static float[] referenceImages(float[] batch, int images) {
    int count = clip.spec().pixelCount();
    float[] expected = new float[0];
    for (int i = 0; i < images; i++) {
      float[] image = Arrays.copyOfRange(batch, i * count, (i + 1) * count);
      expected = concat(expected, clip.imageEmbedding(image));
    }
    return expected;
  }

  static long[] flatten(long[][] rows) {
    return Arrays.stream(rows).flatMapToLong(Arrays::stream).toArray();
  }

  static long[] ones(int length) {
    long[] ones = new long[length];
    Arrays.fill(ones, 1);
    return ones;
  }

  static float[] concat(float[] head, float[] tail) {
    float[] all = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }
}
