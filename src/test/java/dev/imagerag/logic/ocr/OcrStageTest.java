package dev.imagerag.logic.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.StageState;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.ingest.ImportRequest;
import dev.imagerag.logic.ingest.ImportSettings;
import dev.imagerag.logic.ingest.ImportSummary;
import dev.imagerag.testing.FakeOcrEngines;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.TestLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OCR stage in the real pipeline (SQLite, Lucene) with fake engines; real Tesseract is in infra.tesseract. */
class OcrStageTest {
  private static final OcrSettings SETTINGS = OcrSettings.DEFAULTS;

  @TempDir Path dir;

  private List<Path> pictures(int n) {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      files.add(TestImages.png(dir.resolve("in/p" + i + ".png"), 120 + 10 * i, 90, i));
    }
    return files;
  }

  private TestLibrary library(FakeOcrEngines engines, OcrSettings settings, List<OcrStage> made) {
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
  void textAndWordBoxesOfEveryImageAreStoredUnderTheStageVersion() throws Exception {
    List<Path> files = pictures(3);
    List<OcrStage> stages = new ArrayList<>();
    try (TestLibrary lib = library(FakeOcrEngines.reading("refused"), SETTINGS, stages)) {
      ImportSummary summary = lib.importFrom(dir.resolve("in"));

      assertThat(summary.stages().get(OcrStage.NAME).done()).isEqualTo(3);
      var texts = lib.catalog.texts(id(lib, files.get(1)));
      assertThat(texts).containsEntry(OcrStage.TEXT, "refused");
      assertThat(texts.get(OcrStage.WORDS)).startsWith("[{\"t\":\"refused\",\"x\":");
      assertThat(stages.get(0).version()).isEqualTo("fake 1.0/eng/" + OcrPreparation.VERSION);
      assertThat(lib.store.get(id(lib, files.get(1))).orElseThrow().payload().ocrText()).isEqualTo("refused");
      stages.get(0).close();
    }
  }

  @Test
  void anImageWithoutTextIsDoneWithEmptyText() throws Exception {
    List<Path> files = pictures(1);
    List<OcrStage> stages = new ArrayList<>();
    try (TestLibrary lib = library(FakeOcrEngines.reading(""), SETTINGS, stages)) {
      ImportSummary summary = lib.importFrom(dir.resolve("in"));

      assertThat(summary.stages().get(OcrStage.NAME).done()).isEqualTo(1);
      assertThat(lib.catalog.texts(id(lib, files.get(0))))
          .containsEntry(OcrStage.TEXT, "").containsEntry(OcrStage.WORDS, "[]");
      stages.get(0).close();
    }
  }

  @Test
  void anImageThatTakesLongerThanTheBudgetFailsAloneWithTheBudgetInTheReason() throws Exception {
    List<Path> files = pictures(3);
    AtomicBoolean first = new AtomicBoolean(true);
    FakeOcrEngines engines = new FakeOcrEngines((image, deadline) -> {
      if (first.getAndSet(false)) {
        try {
          Thread.sleep(3000); // ignores the deadline, like Tesseract's layout analysis
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      }
      return OcrResult.EMPTY;
    });
    OcrSettings halfASecond = new OcrSettings(true, "eng", null, Duration.ofMillis(500), 1);
    List<OcrStage> stages = new ArrayList<>();
    try (TestLibrary lib = library(engines, halfASecond, stages)) {
      ImportSummary summary = lib.importFrom(dir.resolve("in"));

      assertThat(summary.stages().get(OcrStage.NAME).done()).isEqualTo(2);
      assertThat(summary.stages().get(OcrStage.NAME).failed()).isEqualTo(1);
      assertThat(files.stream().flatMap(f -> lib.catalog.stages(id(lib, f)).stream())
          .filter(s -> s.stage().equals(OcrStage.NAME) && s.state() == StageState.FAILED))
          .singleElement().satisfies(s -> assertThat(s.reason()).contains("took longer than 500 ms"));
      assertThat(lib.catalog.count(Catalog.INDEX_STAGE, StageState.DONE)).isEqualTo(3);
      stages.get(0).close();
    }
  }

  @Test
  void aFileThatNoLongerDecodesFailsAloneWithTheReason() throws Exception {
    List<Path> files = pictures(2);
    List<OcrStage> stages = new ArrayList<>();
    try (TestLibrary lib = library(FakeOcrEngines.reading("text"), SETTINGS, stages)) {
      lib.run(new ImportRequest(List.of(dir.resolve("in")), false, false, Set.of()));
      byte[] bytes = Files.readAllBytes(files.get(0));
      Files.write(files.get(0), java.util.Arrays.copyOf(bytes, 100));

      ImportSummary summary = lib.run(ImportRequest.resume());

      assertThat(summary.stages().get(OcrStage.NAME).done()).isEqualTo(1);
      assertThat(lib.catalog.stages(id(lib, files.get(0)))).anySatisfy(s -> {
        assertThat(s.stage()).isEqualTo(OcrStage.NAME);
        assertThat(s.state()).isEqualTo(StageState.FAILED);
        assertThat(s.reason()).isNotBlank();
      });
      stages.get(0).close();
    }
  }

  @Test
  void anEngineThatCannotStartStopsTheStageWithItsReasonAndLeavesImagesPending() throws Exception {
    pictures(2);
    FakeOcrEngines engines = FakeOcrEngines.reading("text");
    engines.unavailableReason = "Tesseract has no data for fra: apt-get install tesseract-ocr-fra";
    List<OcrStage> stages = new ArrayList<>();
    try (TestLibrary lib = library(engines, SETTINGS, stages)) {
      ImportSummary summary = lib.importFrom(dir.resolve("in"));

      assertThat(summary.errors()).anySatisfy(e -> assertThat(e).contains("ocr").contains("tesseract-ocr-fra"));
      assertThat(lib.catalog.count(OcrStage.NAME, StageState.PENDING)).isEqualTo(2);
      assertThat(lib.catalog.count(OcrStage.NAME, StageState.FAILED)).isZero();
      assertThat(lib.catalog.count(Catalog.INDEX_STAGE, StageState.DONE)).isEqualTo(2);
      stages.get(0).close();
    }
  }

  @Test
  void anEngineThatBreaksIsClosedAndNotHandedToTheNextWorker() throws Exception {
    pictures(2);
    FakeOcrEngines engines = new FakeOcrEngines((image, deadline) -> {
      throw new OcrException("Tesseract crashed");
    });
    List<OcrStage> stages = new ArrayList<>();
    try (TestLibrary lib = library(engines, SETTINGS, stages)) {
      ImportSummary summary = lib.importFrom(dir.resolve("in"));

      assertThat(summary.errors()).anySatisfy(e -> assertThat(e).contains("Tesseract crashed"));
      assertThat(lib.catalog.count(OcrStage.NAME, StageState.PENDING)).isEqualTo(2);
      assertThat(engines.engines).allSatisfy(e -> assertThat(e.closed).isTrue());
      stages.get(0).close();
    }
  }
}
