package dev.imagerag.logic.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.domain.SearchHit;
import dev.imagerag.domain.SearchMode;
import dev.imagerag.infra.onnx.OnnxImageEmbedder;
import dev.imagerag.infra.onnx.OnnxTextEmbedder;
import dev.imagerag.logic.embed.Device;
import dev.imagerag.logic.embed.EmbeddingSettings;
import dev.imagerag.logic.embed.Vectors;
import dev.imagerag.logic.ingest.ImportSettings;
import dev.imagerag.logic.ingest.VisualEmbeddingStage;
import dev.imagerag.logic.store.VectorNames;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.TestLibrary;
import dev.imagerag.testing.TextStages;
import dev.imagerag.testing.onnx.TestManifests;
import dev.imagerag.testing.onnx.TinyClipModel;
import dev.imagerag.testing.onnx.TinyClipModels;
import dev.imagerag.testing.onnx.TinyClipSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two screenshots of the same kind of window look alike (visual cosine at or above the duplicate
 * threshold) but say different things. Grouped as near-duplicates, the one whose words match must
 * represent the group, not the larger lookalike that only the visual signal found.
 */
class LookalikeScreenshotsTest {
  private static final String ERROR = "ERROR: connection refused to postgres on port 5432";
  private static final String MENU = "Lunch menu: tomato soup and grilled cheese";

  @TempDir Path dir;

  @Test
  void theScreenshotWhoseWordsMatchRepresentsItsLargerLookalike() throws Exception {
    EmbeddingSettings cpu = EmbeddingSettings.DEFAULTS.withDevice(Device.CPU);
    TinyClipModel model = TinyClipModels.write(dir.resolve("model"), TinyClipSpec.clip());
    Path error = TestImages.write(TestImages.screenshot(ERROR, 720, 80), "png", dir.resolve("in/error.png"));
    Path menu = TestImages.write(TestImages.screenshot(MENU, 1440, 160), "png", dir.resolve("in/menu.png"));
    try (OnnxImageEmbedder images = new OnnxImageEmbedder(TestManifests.clip("tiny-clip", model.spec()), model.dir(), cpu);
        OnnxTextEmbedder texts = new OnnxTextEmbedder(TestManifests.clip("tiny-clip", model.spec()), model.dir(), cpu);
        TestLibrary lib = TestLibrary.open(dir.resolve("library"), ImportSettings.DEFAULTS, l -> List.of(
            TextStages.byFileName(l.catalog, Map.of("error.png", Map.of("ocr", ERROR), "menu.png", Map.of("ocr", MENU))),
            new VisualEmbeddingStage(l.catalog, l.decoder, images, ImportSettings.DEFAULTS, 8)))) {
      lib.importFrom(dir.resolve("in"));
      SearchService search = new SearchService(lib.catalog, lib.store, lib.decoder,
          new Encoders(images, texts, null, null));
      float[] errorVector = lib.store.get(lib.catalog.findPath(error.toString()).orElseThrow().imageId())
          .orElseThrow().vectors().get(VectorNames.VISUAL);
      float[] menuVector = lib.store.get(lib.catalog.findPath(menu.toString()).orElseThrow().imageId())
          .orElseThrow().vectors().get(VectorNames.VISUAL);

      List<SearchHit> hits = search.search(SearchRequest.text("connection refused", SearchMode.HYBRID, 5));

      assertThat(Vectors.cosine(errorVector, menuVector)).as("they look alike")
          .isGreaterThanOrEqualTo(SearchSettings.DEFAULTS.duplicateThreshold());
      assertThat(hits.get(0).path()).isEqualTo(error.toString());
      assertThat(hits.get(0).snippets()).containsExactly("ERROR: **connection** **refused** to postgres on port 5432");
    }
  }
}
