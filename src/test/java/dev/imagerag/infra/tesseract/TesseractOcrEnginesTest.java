package dev.imagerag.infra.tesseract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagerag.logic.ocr.OcrAvailability;
import dev.imagerag.logic.ocr.OcrEngine;
import dev.imagerag.logic.ocr.OcrException;
import dev.imagerag.logic.ocr.OcrSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Availability of the real Tesseract installed here, and what the user is told when something is missing. */
class TesseractOcrEnginesTest {
  @TempDir Path dir;

  private static OcrSettings settings(String languages, Path tessdata) {
    return new OcrSettings(true, languages, tessdata == null ? null : tessdata.toString(), Duration.ofSeconds(20), 1);
  }

  private static TesseractOcrEngines engines(OcrSettings settings) {
    return new TesseractOcrEngines(settings, Map.of(), "Linux");
  }

  /** The installed tessdata folder, found the way the app finds it. */
  private static Path installedTessdata() {
    TesseractOcrEngines installed = new TesseractOcrEngines(OcrSettings.DEFAULTS, System.getenv(), "Linux");
    return installed.tessdata().orElseThrow(() -> new AssertionError(installed.availability().reason()));
  }

  /** A tessdata folder holding only English. */
  private Path englishOnly() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("tessdata"));
    Files.copy(installedTessdata().resolve("eng.traineddata"), folder.resolve("eng.traineddata"));
    return folder;
  }

  @Test
  void tesseractIsAvailableHereAndNamesItsVersion() {
    TesseractOcrEngines engines = new TesseractOcrEngines(OcrSettings.DEFAULTS, System.getenv(), "Linux");

    OcrAvailability availability = engines.availability();

    assertThat(availability.available()).as(availability.reason()).isTrue();
    assertThat(engines.engineVersion()).matches("tesseract [45]\\.\\d+.*");
    assertThat(engines.tessdata()).isPresent();
  }

  @Test
  void anEngineStartsAndDetectsOrientationWhenTheOsdDataIsInstalled() {
    TesseractOcrEngines engines = engines(settings("eng", installedTessdata()));

    try (OcrEngine engine = engines.create()) {
      assertThat(engine.detectsOrientation())
          .isEqualTo(Files.isRegularFile(installedTessdata().resolve("osd.traineddata")));
    }
  }

  @Test
  void aTessdataFolderWithoutEnglishMakesOcrUnavailableNamingThePackage() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));

    OcrAvailability availability = engines(settings("eng", empty)).availability();

    assertThat(availability.available()).isFalse();
    assertThat(availability.reason()).contains("eng.traineddata").contains(empty.toString())
        .contains("apt-get install tesseract-ocr-eng");
  }

  @Test
  void aLanguageThatIsNotInstalledNamesItsOwnPackage() throws Exception {
    OcrAvailability availability = engines(settings("eng+fra+chi_sim", englishOnly())).availability();

    assertThat(availability.available()).isFalse();
    assertThat(availability.reason()).contains("no data for fra, chi_sim")
        .endsWith("apt-get install tesseract-ocr-fra tesseract-ocr-chi-sim");
  }

  @Test
  void creatingAnEngineWhenOcrIsUnavailableFailsWithTheReason() throws Exception {
    TesseractOcrEngines engines = engines(settings("eng+fra", englishOnly()));

    assertThatThrownBy(engines::create).isInstanceOf(OcrException.class).hasMessageContaining("tesseract-ocr-fra");
  }

  @Test
  void aMissingLibtesseractMakesOcrUnavailableWithTheInstallCommand() {
    TesseractOcrEngines engines = new TesseractOcrEngines(OcrSettings.DEFAULTS, Map.of(), "Linux", () -> {
      throw new UnsatisfiedLinkError("Unable to load library 'tesseract'");
    });

    OcrAvailability availability = engines.availability();

    assertThat(availability.available()).isFalse();
    assertThat(availability.reason())
        .isEqualTo("Tesseract is not installed: apt-get install tesseract-ocr tesseract-ocr-eng");
  }

  @Test
  void withoutOrientationDataOcrWorksWithANoteNamingTheOsdPackage() throws Exception {
    TesseractOcrEngines engines = engines(settings("eng", englishOnly()));

    OcrAvailability availability = engines.availability();

    assertThat(availability.available()).isTrue();
    assertThat(availability.notes()).singleElement().asString().contains("apt-get install tesseract-ocr-osd");
    try (OcrEngine engine = engines.create()) {
      assertThat(engine.detectsOrientation()).isFalse();
    }
  }

  @Test
  void damagedLanguageDataMakesOcrUnavailableWithAReinstallHint() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("damaged"));
    Files.write(folder.resolve("eng.traineddata"), new byte[4096]);

    OcrAvailability availability = engines(settings("eng", folder)).availability();

    assertThat(availability.available()).isFalse();
    assertThat(availability.reason()).contains("could not load eng")
        .contains("apt-get install --reinstall tesseract-ocr-eng");
  }
}
