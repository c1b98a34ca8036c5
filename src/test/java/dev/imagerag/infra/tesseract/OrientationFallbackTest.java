package dev.imagerag.infra.tesseract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.logic.ocr.OcrEngine;
import dev.imagerag.logic.ocr.OcrReader;
import dev.imagerag.logic.ocr.OcrResult;
import dev.imagerag.logic.ocr.OcrSettings;
import dev.imagerag.support.Deadline;
import dev.imagerag.testing.TextAccuracy;
import dev.imagerag.testing.TextPictures.Picture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Without osd.traineddata, turned text is still read: the reader tries each orientation. */
class OrientationFallbackTest {
  @TempDir static Path dir;

  private static OcrEngine englishOnlyEngine() throws Exception {
    Path installed = new TesseractOcrEngines(OcrSettings.DEFAULTS, System.getenv(), "Linux").tessdata().orElseThrow();
    Path folder = dir.resolve("tessdata");
    if (!Files.exists(folder)) {
      Files.createDirectories(folder);
      Files.copy(installed.resolve("eng.traineddata"), folder.resolve("eng.traineddata"));
    }
    OcrSettings settings = new OcrSettings(true, "eng", folder.toString(), Duration.ofSeconds(60), 1);
    return new TesseractOcrEngines(settings, Map.of(), "Linux").create();
  }

  @ParameterizedTest(name = "{0}°")
  @ValueSource(ints = {90, 180, 270})
  void turnedTextIsReadByTryingOrientations(int degrees) throws Exception {
    Picture picture = OcrAccuracyTest.turned(degrees);
    try (OcrEngine engine = englishOnlyEngine()) {
      assertThat(engine.detectsOrientation()).isFalse();

      OcrResult result = new OcrReader().read(picture.image(), picture.image().getWidth(),
          picture.image().getHeight(), engine, Deadline.after(Duration.ofSeconds(60)));

      assertThat(TextAccuracy.of(picture.text(), result.text())).as(result.text()).isGreaterThanOrEqualTo(0.95);
    }
  }

  @Test
  void uprightTextReadsSurelyEnoughThatNoOtherOrientationIsTried() throws Exception {
    Picture picture = OcrAccuracyTest.text(java.awt.Font.SANS_SERIF, 16);
    try (OcrEngine engine = englishOnlyEngine()) {
      OcrResult result = new OcrReader().read(picture.image(), picture.image().getWidth(),
          picture.image().getHeight(), engine, Deadline.after(Duration.ofSeconds(60)));

      // OcrReader tries other orientations only below a mean confidence of 0.75.
      assertThat(result.meanConfidence()).isGreaterThanOrEqualTo(0.75);
      assertThat(TextAccuracy.of(picture.text(), result.text())).isGreaterThanOrEqualTo(0.95);
    }
  }
}
