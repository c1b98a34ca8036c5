package dev.imagerag.infra.tesseract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.logic.ocr.OcrEngine;
import dev.imagerag.logic.ocr.OcrReader;
import dev.imagerag.logic.ocr.OcrResult;
import dev.imagerag.logic.ocr.OcrSettings;
import dev.imagerag.logic.ocr.OcrWord;
import dev.imagerag.support.Deadline;
import dev.imagerag.testing.TextAccuracy;
import dev.imagerag.testing.TextPictures;
import dev.imagerag.testing.TextPictures.DrawnWord;
import dev.imagerag.testing.TextPictures.Picture;
import dev.imagerag.testing.TextPictures.Style;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real Tesseract behind {@link OcrReader} on rendered images with known text. Each case asserts the
 * character accuracy (1 − CER) it must reach. Every case measured 1.000 on Tesseract 5.3.0 with
 * Debian's eng data (the terminal read 0.993 with other enlargement targets: "drwxr-xr-x" with one
 * extra letter), so the thresholds leave room for other Tesseract versions and fonts, not for
 * regressions. Box cases check that each drawn word is found with its box overlapping the drawn
 * ink box by at least 0.6 (intersection over union), in the original image's pixels.
 */
class OcrAccuracyTest {
  static final List<String> LINES = List.of(
      "The quick brown fox jumps over the lazy dog.",
      "Connection refused while connecting to port 5432",
      "Quarterly revenue grew by twelve percent in March");
  private static final Deadline LATER = Deadline.after(Duration.ofMinutes(5));

  private static TesseractOcrEngines engines;
  private static OcrEngine engine;
  private final OcrReader reader = new OcrReader();

  @BeforeAll
  static void startEngine() {
    engines = new TesseractOcrEngines(OcrSettings.DEFAULTS, System.getenv(), System.getProperty("os.name"));
    assertThat(engines.availability().available()).as(engines.availability().reason()).isTrue();
    engine = engines.create();
  }

  @AfterAll
  static void stopEngine() {
    engine.close();
  }

  static Picture text(String family, int size) {
    return TextPictures.page(size * 30 + 40, (int) (size * 5.5) + 40, Style.plain(family, size), LINES);
  }

  static Picture terminal() {
    return TextPictures.page(900, 200,
        Style.plain(Font.MONOSPACED, 14).colours(new Color(0xD0D0D0), new Color(0x1E1E1E)),
        List.of("user@host:~$ ls -la /var/log", "drwxr-xr-x 12 root root 4096 Mar 3 syslog",
            "error: connection refused by remote host", "user@host:~$ tail -f nginx/access.log"));
  }

  static Picture turned(int degrees) {
    return TextPictures.turned(TextPictures.page(760, 200, Style.plain(Font.SANS_SERIF, 22), LINES), degrees);
  }

  static Picture photo() {
    return TextPictures.onPhoto(1024, 680, new Font(Font.SANS_SERIF, Font.BOLD, 36),
        List.of("SUMMER SALE", "Fresh bread every morning"), 40, 7);
  }

  static Picture smallScreenshot() {
    return TextPictures.page(300, 60, Style.plain(Font.SANS_SERIF, 10).withTop(20),
        List.of("Error: connection refused (port 5432)"));
  }

  /** Labels far apart on a 6000×1500 plan, listed in reading order (top to bottom). */
  static Picture largePlan() {
    return TextPictures.scattered(6000, 1500, new Font(Font.SANS_SERIF, Font.PLAIN, 28),
        new String[] {"North entrance hall", "Server cabinet", "Boiler room access", "Meeting room seven",
            "Loading dock B", "Emergency exit stairs"},
        new int[] {60, 3700, 2250, 2000, 300, 5500}, new int[] {80, 120, 700, 1100, 1300, 1400});
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (String family : List.of(Font.SANS_SERIF, Font.SERIF, Font.MONOSPACED)) {
      for (int size : List.of(12, 16, 24, 48)) {
        cases.add(Arguments.of(family + " " + size + " px", text(family, size), 0.95));
      }
    }
    cases.add(Arguments.of("dark terminal, light monospace 14 px", terminal(), 0.95));
    cases.add(Arguments.of("turned 90°", turned(90), 0.95));
    cases.add(Arguments.of("turned 180°", turned(180), 0.95));
    cases.add(Arguments.of("turned 270°", turned(270), 0.95));
    cases.add(Arguments.of("photo with noise", photo(), 0.9));
    cases.add(Arguments.of("small 300×60 screenshot, 10 px", smallScreenshot(), 0.95));
    cases.add(Arguments.of("large 6000×1500 plan, tiled", largePlan(), 0.95));
    return cases.stream();
  }

  static Stream<Arguments> boxCases() {
    return Stream.of(
        Arguments.of("upright", text(Font.SANS_SERIF, 16)),
        Arguments.of("turned 90°", turned(90)),
        Arguments.of("turned 180°", turned(180)),
        Arguments.of("turned 270°", turned(270)),
        Arguments.of("small, enlarged", smallScreenshot()),
        Arguments.of("large, tiled", largePlan()));
  }

  private OcrResult read(Picture picture) throws Exception {
    return reader.read(picture.image(), picture.image().getWidth(), picture.image().getHeight(), engine, LATER);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void textIsReadAccurately(String name, Picture picture, double minimum) throws Exception {
    OcrResult result = read(picture);

    assertThat(TextAccuracy.of(picture.text(), result.text())).as(name + " read as: " + result.text())
        .isGreaterThanOrEqualTo(minimum);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("boxCases")
  void wordBoxesLieWhereTheWordsWereDrawnInTheOriginalImage(String name, Picture picture) throws Exception {
    OcrResult result = read(picture);

    List<String> misplaced = new ArrayList<>();
    for (DrawnWord drawn : picture.words()) {
      boolean found = result.words().stream()
          .anyMatch(w -> w.text().equals(drawn.text()) && overlap(box(w), drawn.box()) >= 0.6);
      if (!found) {
        misplaced.add(drawn.text() + " drawn at " + drawn.box());
      }
    }
    assertThat(misplaced).as("words without a matching box among " + result.words()).isEmpty();
  }

  private static Rectangle box(OcrWord word) {
    return new Rectangle(word.x(), word.y(), word.width(), word.height());
  }

  /** Intersection over union of two boxes. */
  private static double overlap(Rectangle a, Rectangle b) {
    Rectangle common = a.intersection(b);
    if (common.isEmpty()) {
      return 0;
    }
    double shared = (double) common.width * common.height;
    return shared / ((double) a.width * a.height + (double) b.width * b.height - shared);
  }
}
