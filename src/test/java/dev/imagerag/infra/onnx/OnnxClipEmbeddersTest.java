package dev.imagerag.infra.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.imagerag.logic.embed.EmbeddingException;
import dev.imagerag.logic.embed.EmbeddingSettings;
import dev.imagerag.logic.embed.ImagePreprocessor;
import dev.imagerag.logic.embed.ModelManifest;
import dev.imagerag.logic.embed.Vectors;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.onnx.TestManifests;
import dev.imagerag.testing.onnx.TinyClipModel;
import dev.imagerag.testing.onnx.TinyClipModels;
import dev.imagerag.testing.onnx.TinyClipSpec;
import dev.imagerag.testing.onnx.TinyWordTokenizer;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLIP-family towers on tiny generated models with the exact contract of the real exports. */
class OnnxClipEmbeddersTest {
  private static final EmbeddingSettings SETTINGS = EmbeddingSettings.DEFAULTS.withDevice(
      dev.imagerag.logic.embed.Device.CPU);

  @TempDir Path dir;

  private static void assertSameDirection(float[] actual, float[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    assertThat(Vectors.dot(actual, Vectors.normalized(expected))).isCloseTo(1.0, within(1e-5));
    assertThat(Vectors.dot(actual, actual)).isCloseTo(1.0, within(1e-5));
  }

  @Test
  void imageVectorsEqualTheModelAppliedToTheReferencePreprocessing() throws Exception {
    TinyClipModel model = TinyClipModels.write(dir.resolve("m"), TinyClipSpec.clip());
    ModelManifest manifest = TestManifests.clip("tiny", model.spec());
    List<BufferedImage> images = List.of(
        TestImages.picture(120, 80, 1), TestImages.picture(33, 90, 2), TestImages.screenshot("hello", 300, 60));

    try (OnnxImageEmbedder embedder = new OnnxImageEmbedder(manifest, model.dir(), SETTINGS)) {
      List<float[]> vectors = embedder.embedImages(images);

      assertThat(vectors).hasSize(3);
      for (int i = 0; i < images.size(); i++) {
        float[] expected = model.imageEmbedding(ImagePreprocessor.toTensor(images.get(i), manifest.image()));
        assertSameDirection(vectors.get(i), expected);
      }
    }
  }

  @Test
  void aBatchGivesTheSameVectorsAsOneImageAtATime() throws Exception {
    TinyClipModel model = TinyClipModels.write(dir.resolve("m"), TinyClipSpec.clip());
    ModelManifest manifest = TestManifests.clip("tiny", model.spec());
    List<BufferedImage> images = List.of(TestImages.picture(64, 64, 1), TestImages.picture(64, 48, 2));

    try (OnnxImageEmbedder embedder = new OnnxImageEmbedder(manifest, model.dir(), SETTINGS)) {
      List<float[]> batch = embedder.embedImages(images);
      for (int i = 0; i < images.size(); i++) {
        float[] single = embedder.embedImages(List.of(images.get(i))).get(0);
        assertThat(Vectors.dot(batch.get(i), single)).isCloseTo(1.0, within(1e-6));
      }
    }
  }

  @Test
  void textVectorsUseTheTokenizerPaddingAndAttentionMask() throws Exception {
    TinyClipModel model = TinyClipModels.write(dir.resolve("m"), TinyClipSpec.clip());
    ModelManifest manifest = TestManifests.clip("tiny", model.spec());

    try (OnnxTextEmbedder embedder = new OnnxTextEmbedder(manifest, model.dir(), SETTINGS)) {
      List<float[]> vectors = embedder.embedTexts(List.of("a photo of a cat", "red car at night"));

      assertSameDirection(vectors.get(0), model.textEmbedding(padded("a photo of a cat", 16), mask("a photo of a cat", 16)));
      assertSameDirection(vectors.get(1), model.textEmbedding(padded("red car at night", 16), mask("red car at night", 16)));
      assertThat(Vectors.dot(vectors.get(0), vectors.get(1))).isLessThan(0.999);
    }
  }

  @Test
  void aTextGraphWithoutAttentionMaskGetsOnlyTheIds() throws Exception {
    TinyClipModel model = TinyClipModels.write(dir.resolve("m"), TinyClipSpec.siglipLike());
    ModelManifest manifest = TestManifests.siglip("tiny-siglip", model.spec());

    try (OnnxTextEmbedder embedder = new OnnxTextEmbedder(manifest, model.dir(), SETTINGS)) {
      float[] vector = embedder.embedTexts(List.of("a dog on the beach")).get(0);

      // Padded to the window with the end token, no mask: the model averages over all 12 positions.
      assertSameDirection(vector, model.textEmbedding(padded("a dog on the beach", 12), null));
    }
  }

  @Test
  void theSiglipRuleAndOutputNamesWorkForImages() throws Exception {
    TinyClipModel model = TinyClipModels.write(dir.resolve("m"), TinyClipSpec.siglipLike());
    ModelManifest manifest = TestManifests.siglip("tiny-siglip", model.spec());
    BufferedImage image = TestImages.picture(100, 40, 3);

    try (OnnxImageEmbedder embedder = new OnnxImageEmbedder(manifest, model.dir(), SETTINGS)) {
      float[] vector = embedder.embedImages(List.of(image)).get(0);

      assertSameDirection(vector, model.imageEmbedding(ImagePreprocessor.toTensor(image, manifest.image())));
    }
  }

  @Test
  void aMissingModelFileSaysHowToGetIt() throws Exception {
    TinyClipModel model = TinyClipModels.write(dir.resolve("m"), TinyClipSpec.clip());
    Files.delete(model.visionModel());
    ModelManifest manifest = TestManifests.clip("tiny", model.spec());

    try (OnnxImageEmbedder embedder = new OnnxImageEmbedder(manifest, model.dir(), SETTINGS)) {
      assertThatThrownBy(() -> embedder.embedImages(List.of(TestImages.picture(40, 40, 1))))
          .isInstanceOf(EmbeddingException.class)
          .hasMessageContaining("vision_model.onnx")
          .hasMessageContaining("models download");
    }
  }

  @Test
  void aDamagedModelFileIsReportedWithTheFix() throws Exception {
    TinyClipModel model = TinyClipModels.write(dir.resolve("m"), TinyClipSpec.clip());
    byte[] bytes = Files.readAllBytes(model.visionModel());
    Files.write(model.visionModel(), Arrays.copyOf(bytes, bytes.length / 3));
    ModelManifest manifest = TestManifests.clip("tiny", model.spec());

    try (OnnxImageEmbedder embedder = new OnnxImageEmbedder(manifest, model.dir(), SETTINGS)) {
      assertThatThrownBy(() -> embedder.embedImages(List.of(TestImages.picture(40, 40, 1))))
          .isInstanceOf(EmbeddingException.class)
          .hasMessageContaining("Could not load")
          .hasMessageContaining("models verify");
    }
  }

  @Test
  void aManifestDimensionThatDoesNotMatchTheFileIsReported() throws Exception {
    TinyClipModel model = TinyClipModels.write(dir.resolve("m"), TinyClipSpec.clip());
    ModelManifest wrong = TestManifests.clip("tiny", model.spec().withEmbeddingDim(32));

    try (OnnxImageEmbedder embedder = new OnnxImageEmbedder(wrong, model.dir(), SETTINGS)) {
      assertThatThrownBy(() -> embedder.embedImages(List.of(TestImages.picture(40, 40, 1))))
          .isInstanceOf(EmbeddingException.class)
          .hasMessageContaining("dimension");
    }
  }

  @Test
  void theModelLoadsOnFirstUseAndUnloadsWhenIdle() throws Exception {
    TinyClipModel model = TinyClipModels.write(dir.resolve("m"), TinyClipSpec.clip());
    ModelManifest manifest = TestManifests.clip("tiny", model.spec());
    EmbeddingSettings quickUnload = new EmbeddingSettings("tiny", dev.imagerag.logic.embed.Device.CPU, 8, 1,
        Duration.ofMillis(500));

    try (OnnxImageEmbedder embedder = new OnnxImageEmbedder(manifest, model.dir(), quickUnload)) {
      assertThat(embedder.device()).isEqualTo("not loaded");
      float[] first = embedder.embedImages(List.of(TestImages.picture(40, 40, 1))).get(0);
      assertThat(embedder.device()).isEqualTo("cpu");

      long deadline = System.currentTimeMillis() + 10_000;
      while (embedder.isLoaded() && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      assertThat(embedder.isLoaded()).isFalse();
      float[] again = embedder.embedImages(List.of(TestImages.picture(40, 40, 1))).get(0);
      assertThat(Vectors.dot(first, again)).isCloseTo(1.0, within(1e-6));
    }
  }

  /** The tiny tokenizer's ids for {@code text}, padded with the end token to {@code width}. */
  private static long[] padded(String text, int width) {
    long[] ids = TinyWordTokenizer.expectedIds(text);
    long[] out = new long[width];
    for (int i = 0; i < width; i++) {
      out[i] = i < ids.length ? ids[i] : ids[ids.length - 1];
    }
    return out;
  }

  private static long[] mask(String text, int width) {
    int n = TinyWordTokenizer.expectedIds(text).length;
    long[] out = new long[width];
    for (int i = 0; i < n; i++) {
      out[i] = 1;
    }
    return out;
  }

}
