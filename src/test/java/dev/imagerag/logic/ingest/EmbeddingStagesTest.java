package dev.imagerag.logic.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.SearchHit;
import dev.imagerag.domain.SearchMode;
import dev.imagerag.domain.StageState;
import dev.imagerag.infra.onnx.BgeTextEmbedder;
import dev.imagerag.infra.onnx.OnnxImageEmbedder;
import dev.imagerag.infra.onnx.OnnxTextEmbedder;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.catalog.StageResult;
import dev.imagerag.logic.embed.Device;
import dev.imagerag.logic.embed.EmbeddingSettings;
import dev.imagerag.logic.embed.ModelManifest;
import dev.imagerag.logic.search.Encoders;
import dev.imagerag.logic.search.SearchRequest;
import dev.imagerag.logic.search.SearchService;
import dev.imagerag.logic.store.SearchFilter;
import dev.imagerag.logic.store.VectorNames;
import dev.imagerag.testing.RecordingStage;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.TestLibrary;
import dev.imagerag.testing.onnx.TestManifests;
import dev.imagerag.testing.onnx.TinyClipModel;
import dev.imagerag.testing.onnx.TinyClipModels;
import dev.imagerag.testing.onnx.TinyClipSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The visual and text embedding stages in the real pipeline (SQLite, Lucene, ONNX Runtime): a tiny
 * generated CLIP-contract model for the visual space and the real bge model for text.
 */
class EmbeddingStagesTest {
  private static final EmbeddingSettings CPU = EmbeddingSettings.DEFAULTS.withDevice(Device.CPU);
  private static BgeTextEmbedder bge;

  @TempDir Path dir;

  @BeforeAll
  static void loadBge() {
    bge = new BgeTextEmbedder(2, Duration.ofMinutes(5));
  }

  @AfterAll
  static void closeBge() {
    bge.close();
  }

  private List<Path> pictures(int n) {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      files.add(TestImages.jpeg(dir.resolve("in/p" + i + ".jpg"), 120 + 10 * i, 90, i));
    }
    return files;
  }

  private static ImageId id(TestLibrary lib, Path file) {
    return lib.catalog.findPath(file.toString()).orElseThrow().imageId();
  }

  @Test
  void importFillsVisualVectorsAndAnImageFindsItselfFirst() throws Exception {
    List<Path> files = pictures(6);
    TinyClipModel model = TinyClipModels.write(dir.resolve("model"), TinyClipSpec.clip());
    ModelManifest manifest = TestManifests.clip("tiny-clip", model.spec());
    try (OnnxImageEmbedder images = new OnnxImageEmbedder(manifest, model.dir(), CPU);
        OnnxTextEmbedder texts = new OnnxTextEmbedder(manifest, model.dir(), CPU);
        TestLibrary lib = TestLibrary.open(dir.resolve("library"), ImportSettings.DEFAULTS,
            l -> List.of(new VisualEmbeddingStage(l.catalog, l.decoder, images, ImportSettings.DEFAULTS, 4)))) {
      ImportSummary summary = lib.importFrom(dir.resolve("in"));

      assertThat(summary.stages().get(VisualEmbeddingStage.NAME).done()).isEqualTo(6);
      ImageId third = id(lib, files.get(2));
      assertThat(lib.catalog.storedVectors(third).get(VectorNames.VISUAL).model()).isEqualTo("tiny-clip");
      assertThat(lib.store.get(third).orElseThrow().vectors().get(VectorNames.VISUAL)).hasSize(16);
      assertThat(lib.store.info().dimensions()).containsEntry(VectorNames.VISUAL, 16);

      SearchService search = new SearchService(lib.catalog, lib.store, lib.decoder,
          new Encoders(images, texts, null, null));
      List<SearchHit> byImage = search.search(new SearchRequest(null, files.get(2), SearchMode.VISUAL, 3,
          SearchFilter.NONE));
      assertThat(byImage.get(0).id()).isEqualTo(third);
      assertThat(byImage.get(0).score()).isCloseTo(1.0, within(1e-4));

      List<SearchHit> byText = search.search(SearchRequest.text("a photo of a cat", SearchMode.VISUAL, 10));
      assertThat(byText).hasSize(6);
      assertThat(byText).allSatisfy(h -> assertThat(h.score()).isBetween(-1.0, 1.0));
    }
  }

  @Test
  void aFileThatNoLongerDecodesFailsAloneInTheVisualStage() throws Exception {
    List<Path> files = pictures(3);
    TinyClipModel model = TinyClipModels.write(dir.resolve("model"), TinyClipSpec.clip());
    ModelManifest manifest = TestManifests.clip("tiny-clip", model.spec());
    try (OnnxImageEmbedder images = new OnnxImageEmbedder(manifest, model.dir(), CPU);
        TestLibrary lib = TestLibrary.open(dir.resolve("library"), ImportSettings.DEFAULTS,
            l -> List.of(new VisualEmbeddingStage(l.catalog, l.decoder, images, ImportSettings.DEFAULTS, 4)))) {
      lib.run(new ImportRequest(List.of(dir.resolve("in")), false, false, Set.of()));
      byte[] bytes = Files.readAllBytes(files.get(1));
      Files.write(files.get(1), java.util.Arrays.copyOf(bytes, 600)); // same path, now truncated

      ImportSummary summary = lib.run(ImportRequest.resume());

      assertThat(summary.stages().get(VisualEmbeddingStage.NAME).done()).isEqualTo(2);
      assertThat(summary.stages().get(VisualEmbeddingStage.NAME).failed()).isEqualTo(1);
      assertThat(lib.catalog.stages(id(lib, files.get(1)))).anySatisfy(s -> {
        assertThat(s.stage()).isEqualTo(VisualEmbeddingStage.NAME);
        assertThat(s.state()).isEqualTo(StageState.FAILED);
        assertThat(s.reason()).contains("truncated");
      });
      assertThat(lib.catalog.count(Catalog.INDEX_STAGE, StageState.DONE)).isEqualTo(3);
    }
  }

  @Test
  void aMissingModelStopsTheVisualStageButNotTheIndex() throws Exception {
    pictures(3);
    TinyClipModel model = TinyClipModels.write(dir.resolve("model"), TinyClipSpec.clip());
    Files.delete(model.visionModel());
    ModelManifest manifest = TestManifests.clip("tiny-clip", model.spec());
    try (OnnxImageEmbedder images = new OnnxImageEmbedder(manifest, model.dir(), CPU);
        TestLibrary lib = TestLibrary.open(dir.resolve("library"), ImportSettings.DEFAULTS,
            l -> List.of(new VisualEmbeddingStage(l.catalog, l.decoder, images, ImportSettings.DEFAULTS, 4)))) {
      ImportSummary summary = lib.importFrom(dir.resolve("in"));

      assertThat(summary.errors()).anySatisfy(e -> assertThat(e).contains("visual").contains("vision_model.onnx"));
      assertThat(lib.catalog.count(VisualEmbeddingStage.NAME, StageState.PENDING)).isEqualTo(3);
      assertThat(lib.catalog.count(VisualEmbeddingStage.NAME, StageState.FAILED)).isZero();
      assertThat(lib.catalog.count(Catalog.INDEX_STAGE, StageState.DONE)).isEqualTo(3);
      assertThat(lib.store.count()).isEqualTo(3);
    }
  }

  @Test
  void switchingToAModelOfAnotherDimensionRebuildsTheVisualIndex() throws Exception {
    List<Path> files = pictures(4);
    TinyClipModel wide = TinyClipModels.write(dir.resolve("wide"), TinyClipSpec.clip());
    try (OnnxImageEmbedder images = new OnnxImageEmbedder(TestManifests.clip("wide", wide.spec()), wide.dir(), CPU);
        TestLibrary lib = TestLibrary.open(dir.resolve("library"), ImportSettings.DEFAULTS,
            l -> List.of(new VisualEmbeddingStage(l.catalog, l.decoder, images, ImportSettings.DEFAULTS, 4)))) {
      lib.importFrom(dir.resolve("in"));
      assertThat(lib.store.info().dimensions()).containsEntry(VectorNames.VISUAL, 16);
    }
    TinyClipModel narrow = TinyClipModels.write(dir.resolve("narrow"), TinyClipSpec.clip().withEmbeddingDim(8));
    ModelManifest narrowManifest = TestManifests.clip("narrow", narrow.spec());
    try (OnnxImageEmbedder images = new OnnxImageEmbedder(narrowManifest, narrow.dir(), CPU);
        TestLibrary lib = TestLibrary.open(dir.resolve("library"), ImportSettings.DEFAULTS, l -> List.of(
            new VisualEmbeddingStage(l.catalog, l.decoder, images, ImportSettings.DEFAULTS, 4)),
            Map.of(VectorNames.VISUAL, "narrow"))) {
      var message = lib.pipeline.alignIndexDimensions(Map.of(VectorNames.VISUAL, 8));

      ImportSummary rerun = lib.run(ImportRequest.resume());

      assertThat(message).hasValueSatisfying(m -> assertThat(m).contains("16 → 8"));
      assertThat(rerun.errors()).isEmpty();
      assertThat(rerun.stages().get(VisualEmbeddingStage.NAME).done()).isEqualTo(4);
      assertThat(lib.store.info().dimensions()).containsEntry(VectorNames.VISUAL, 8);
      assertThat(lib.store.get(id(lib, files.get(0))).orElseThrow().vectors().get(VectorNames.VISUAL)).hasSize(8);
      assertThat(lib.store.count()).isEqualTo(4);
    }
  }

  @Test
  void textFromEarlierStagesIsEmbeddedAndFoundByMeaning() throws Exception {
    List<Path> files = pictures(4);
    Map<Integer, String> ocr = Map.of(
        0, "ERROR: connection refused while connecting to database on port 5432",
        1, "Quarterly sales chart: revenue grew twelve percent",
        2, "Lunch menu: tomato soup, grilled cheese sandwich");
    try (TestLibrary lib = TestLibrary.open(dir.resolve("library"), ImportSettings.DEFAULTS, l -> List.of(
        new RecordingStage("ocr", "v1", l.catalog, imageId -> {
          for (Map.Entry<Integer, String> e : ocr.entrySet()) {
            if (l.catalog.paths(imageId).contains(files.get(e.getKey()).toString())) {
              l.catalog.putText(imageId, "ocr", "test-ocr", e.getValue());
            }
          }
          return StageResult.done(imageId);
        }),
        new TextEmbeddingStage(l.catalog, bge)))) {
      ImportSummary summary = lib.importFrom(dir.resolve("in"));
      SearchService search = new SearchService(lib.catalog, lib.store, lib.decoder, new Encoders(null, null, bge, "none"));

      List<SearchHit> hits = search.search(SearchRequest.text("the server could not reach the postgres database",
          SearchMode.TEXT, 3));

      assertThat(summary.stages().get(TextEmbeddingStage.NAME).done()).isEqualTo(3);
      assertThat(summary.stages().get(TextEmbeddingStage.NAME).skipped()).isEqualTo(1);
      assertThat(hits).hasSize(3);
      assertThat(hits.get(0).id()).isEqualTo(id(lib, files.get(0)));
      assertThat(lib.catalog.stages(id(lib, files.get(3)))).anySatisfy(s -> {
        assertThat(s.stage()).isEqualTo(TextEmbeddingStage.NAME);
        assertThat(s.state()).isEqualTo(StageState.SKIPPED);
      });
    }
  }
}
