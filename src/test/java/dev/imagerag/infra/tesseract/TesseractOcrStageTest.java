package dev.imagerag.infra.tesseract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.SearchHit;
import dev.imagerag.domain.SearchMode;
import dev.imagerag.domain.StageState;
import dev.imagerag.logic.ingest.ImportSettings;
import dev.imagerag.logic.ingest.ImportSummary;
import dev.imagerag.logic.ocr.OcrSettings;
import dev.imagerag.logic.ocr.OcrStage;
import dev.imagerag.logic.search.SearchRequest;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.TestLibrary;
import dev.imagerag.testing.TextPictures;
import dev.imagerag.testing.TextPictures.Style;
import java.awt.Font;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OCR stage with real Tesseract in a real library: SQLite catalog, Lucene index, keyword search. */
class TesseractOcrStageTest {
  @TempDir Path dir;

  private TestLibrary library(OcrSettings settings, List<OcrStage> made) {
    TesseractOcrEngines engines = new TesseractOcrEngines(settings, System.getenv(), System.getProperty("os.name"));
    assertThat(engines.availability().available()).as(engines.availability().reason()).isTrue();
    return TestLibrary.open(dir.resolve("library"), ImportSettings.DEFAULTS, l -> {
      OcrStage stage = new OcrStage(l.catalog, l.decoder, engines, settings, ImportSettings.DEFAULTS);
      made.add(stage);
      return List.of(stage);
    });
  }

  private static ImageId id(TestLibrary lib, Path file) {
    return lib.catalog.findPath(file.toString()).orElseThrow().imageId();
  }

  @Test
  void keywordSearchFindsAScreenshotByAWordOfItsText() throws Exception {
    Path error = TestImages.write(TestImages.screenshot("ERROR: connection refused by the database server", 720, 120),
        "png", dir.resolve("in/error.png"));
    TestImages.write(TestImages.screenshot("Quarterly sales grew twelve percent", 720, 120), "png",
        dir.resolve("in/sales.png"));
    TestImages.jpeg(dir.resolve("in/photo.jpg"), 640, 480, 3);
    List<OcrStage> stages = new ArrayList<>();
    try (TestLibrary lib = library(OcrSettings.DEFAULTS, stages)) {
      ImportSummary summary = lib.importFrom(dir.resolve("in"));

      List<SearchHit> hits = lib.search.search(SearchRequest.text("refused", SearchMode.KEYWORD, 5));

      assertThat(summary.stages().get(OcrStage.NAME).done()).isEqualTo(3);
      assertThat(hits).isNotEmpty();
      assertThat(hits.get(0).id()).isEqualTo(id(lib, error));
      assertThat(hits).hasSize(1);
      stages.get(0).close();
    }
  }

  @Test
  void theWordBoxesAreStoredAsJsonInThePixelsOfTheImage() throws Exception {
    Path file = TestImages.write(TestImages.screenshot("connection refused", 640, 100), "png", dir.resolve("in/s.png"));
    List<OcrStage> stages = new ArrayList<>();
    try (TestLibrary lib = library(OcrSettings.DEFAULTS, stages)) {
      lib.importFrom(dir.resolve("in"));

      JsonNode words = new ObjectMapper().readTree(lib.catalog.texts(id(lib, file)).get(OcrStage.WORDS));

      assertThat(words).hasSize(2);
      JsonNode refused = words.get(1);
      assertThat(refused.get("t").asText()).isEqualTo("refused");
      assertThat(refused.get("x").asInt()).isBetween(100, 300);
      assertThat(refused.get("y").asInt() + refused.get("h").asInt() / 2).isBetween(35, 55);
      assertThat(refused.get("c").asDouble()).isBetween(0.8, 1.0);
      stages.get(0).close();
    }
  }

  @Test
  void aPageThatCannotBeReadWithinTheBudgetFailsWithTheBudgetInTheReason() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 130; i++) {
      lines.add("Line " + i + " of a dense page: connection refused while connecting to port 5432 again");
    }
    // Measured: about 6 s to read in full on a 2-core machine.
    Path dense = TestImages.write(TextPictures.page(1400, 2400, Style.plain(Font.SANS_SERIF, 12), lines).image(),
        "png", dir.resolve("in/dense.png"));
    Path quick = TestImages.write(TestImages.screenshot("short note", 400, 80), "png", dir.resolve("in/quick.png"));
    OcrSettings oneSecond = new OcrSettings(true, "eng", null, Duration.ofSeconds(1), 1);
    List<OcrStage> stages = new ArrayList<>();
    try (TestLibrary lib = library(oneSecond, stages)) {
      ImportSummary summary = lib.importFrom(dir.resolve("in"));

      assertThat(lib.catalog.stages(id(lib, dense))).anySatisfy(s -> {
        assertThat(s.stage()).isEqualTo(OcrStage.NAME);
        assertThat(s.state()).isEqualTo(StageState.FAILED);
        assertThat(s.reason()).contains("took longer than 1 s");
      });
      assertThat(lib.catalog.texts(id(lib, quick))).containsEntry(OcrStage.TEXT, "short note");
      assertThat(summary.stages().get(OcrStage.NAME).failed()).isEqualTo(1);
      stages.get(0).close();
    }
  }
}
