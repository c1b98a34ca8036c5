package dev.imagerag.logic.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.SearchMode;
import dev.imagerag.infra.onnx.OnnxImageEmbedder;
import dev.imagerag.infra.onnx.OnnxTextEmbedder;
import dev.imagerag.logic.embed.Device;
import dev.imagerag.logic.embed.EmbeddingSettings;
import dev.imagerag.logic.embed.ModelManifest;
import dev.imagerag.logic.embed.TagVocabulary;
import dev.imagerag.logic.embed.TextEmbedder;
import dev.imagerag.logic.search.SearchRequest;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.TestLibrary;
import dev.imagerag.testing.onnx.TestManifests;
import dev.imagerag.testing.onnx.TinyClipModel;
import dev.imagerag.testing.onnx.TinyClipModels;
import dev.imagerag.testing.onnx.TinyClipSpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZeroShotTagStageTest {
  @TempDir Path dir;

  /** A text tower that maps each prompt to a fixed axis, so the expected tags are known exactly. */
  private static final class AxisEmbedder implements TextEmbedder {
    @Override
    public String modelId() {
      return "axes";
    }

    @Override
    public int dimension() {
      return 4;
    }

    @Override
    public List<float[]> embedTexts(List<String> texts) {
      return texts.stream().map(t -> {
        float[] v = new float[4];
        v[Math.floorMod(t.hashCode(), 4)] = 1;
        return v;
      }).toList();
    }
  }

  @Test
  void theBuiltInVocabularyHasHundredsOfConceptsWithPrompts() {
    TagVocabulary vocabulary = TagVocabulary.builtIn();

    assertThat(vocabulary.tags()).hasSizeGreaterThan(200).contains("screenshot", "receipt", "dog", "kitchen");
    assertThat(vocabulary.prompts().get(vocabulary.tags().indexOf("dog"))).isEqualTo("a photo of a dog");
    assertThat(vocabulary.prompts().get(vocabulary.tags().indexOf("receipt"))).isEqualTo("a photo of a receipt");
  }

  @Test
  void aVocabularyLineSetsItsOwnPromptAndCommentsAreIgnored() throws Exception {
    TagVocabulary vocabulary = TagVocabulary.parse(new ByteArrayInputStream(
        "# comment\nchart = a chart\n\ndog\ndog = duplicate ignored\n".getBytes(StandardCharsets.UTF_8)));

    assertThat(vocabulary.tags()).containsExactly("chart", "dog");
    assertThat(vocabulary.prompts()).containsExactly("a chart", "a photo of a dog");
  }

  @Test
  void onlyConceptsWithEnoughProbabilityBecomeTagsMostLikelyFirst() {
    TagVocabulary vocabulary = new TagVocabulary(List.of("a", "b", "c", "d"), List.of("pa", "pb", "pc", "pd"));
    ZeroShotTagStage stage = new ZeroShotTagStage(null, new AxisEmbedder(), vocabulary);
    List<float[]> concepts = List.of(
        new float[] {1, 0, 0, 0}, new float[] {0, 1, 0, 0}, new float[] {0, 0, 1, 0}, new float[] {0, 0, 0, 1});

    // cos 0.80 with b, 0.78 with c, ~0 with a and d: logits 80, 78, ~0 → b then c; a and d vanish.
    List<String> tags = stage.tags(new float[] {0.01f, 0.80f, 0.78f, 0.0f}, concepts);

    assertThat(tags).containsExactly("b", "c");
  }

  @Test
  void aClearWinnerIsTheOnlyTag() {
    TagVocabulary vocabulary = new TagVocabulary(List.of("a", "b", "c", "d"), List.of("pa", "pb", "pc", "pd"));
    ZeroShotTagStage stage = new ZeroShotTagStage(null, new AxisEmbedder(), vocabulary);
    List<float[]> concepts = List.of(
        new float[] {1, 0, 0, 0}, new float[] {0, 1, 0, 0}, new float[] {0, 0, 1, 0}, new float[] {0, 0, 0, 1});

    assertThat(stage.tags(new float[] {0.9f, 0.2f, 0.1f, 0.1f}, concepts)).containsExactly("a");
  }

  @Test
  void inThePipelineEveryImageGetsSearchableTagsFromItsStoredVector() throws Exception {
    for (int i = 0; i < 4; i++) {
      TestImages.jpeg(dir.resolve("in/p" + i + ".jpg"), 100, 80, i);
    }
    TinyClipModel model = TinyClipModels.write(dir.resolve("model"), TinyClipSpec.clip());
    ModelManifest manifest = TestManifests.clip("tiny-clip", model.spec());
    EmbeddingSettings cpu = EmbeddingSettings.DEFAULTS.withDevice(Device.CPU);
    TagVocabulary vocabulary = new TagVocabulary(List.of("beach", "kitchen", "receipt"),
        List.of("a photo of the beach", "a photo of a kitchen", "a receipt"));
    try (OnnxImageEmbedder images = new OnnxImageEmbedder(manifest, model.dir(), cpu);
        OnnxTextEmbedder texts = new OnnxTextEmbedder(manifest, model.dir(), cpu);
        TestLibrary lib = TestLibrary.open(dir.resolve("library"), ImportSettings.DEFAULTS, l -> List.of(
            new VisualEmbeddingStage(l.catalog, l.decoder, images, ImportSettings.DEFAULTS, 4),
            new ZeroShotTagStage(l.catalog, texts, vocabulary)), Map.of())) {
      ImportSummary summary = lib.importFrom(dir.resolve("in"));

      assertThat(summary.stages().get(ZeroShotTagStage.NAME).done()).isEqualTo(4);
      ImageId first = lib.catalog.findPath(dir.resolve("in/p0.jpg").toString()).orElseThrow().imageId();
      String tags = lib.catalog.texts(first).get(IndexStage.TAGS);
      assertThat(tags).isNotBlank();
      String tag = tags.split(", ")[0];
      assertThat(vocabulary.tags()).contains(tag);
      assertThat(lib.store.get(first).orElseThrow().payload().tags()).contains(tag);
      assertThat(lib.search.search(SearchRequest.text(tag, SearchMode.KEYWORD, 10)))
          .anySatisfy(hit -> assertThat(hit.id()).isEqualTo(first));
    }
  }
}
