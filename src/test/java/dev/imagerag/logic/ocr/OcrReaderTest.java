package dev.imagerag.logic.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.support.Deadline;
import dev.imagerag.testing.FakeOcrEngines;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.TextPictures;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reader's decisions around the engine, with fake engines; real Tesseract is in infra.tesseract. */
class OcrReaderTest {
  private static final Deadline LATER = Deadline.after(Duration.ofSeconds(10));
  private final OcrReader reader = new OcrReader();

  @Test
  void withoutOrientationDataAnUnsureReadingIsRetriedTurnedAndTheSureOneWins() throws Exception {
    // The fake reads well only when it gets a portrait image: the landscape page holds turned text.
    FakeOcrEngines engines = new FakeOcrEngines((image, deadline) -> image.height() > image.width()
        ? OcrResult.of("upright text", List.of(new OcrWord("upright", 10, 20, 40, 10, 0.95),
            new OcrWord("text", 60, 20, 30, 10, 0.95)))
        : OcrResult.of("ii", List.of(new OcrWord("ii", 5, 5, 8, 8, 0.3))));

    OcrResult result = reader.read(TestImages.filled(200, 100, Color.WHITE), 200, 100, engines.create(), LATER);

    assertThat(result.text()).isEqualTo("upright text");
    assertThat(result.words()).hasSize(2);
    // Read in the image turned 270° clockwise; the box maps back into the 200×100 original.
    OcrWord first = result.words().get(0);
    assertThat(first.right()).isLessThanOrEqualTo(200);
    assertThat(first.bottom()).isLessThanOrEqualTo(100);
    assertThat(first.width()).isEqualTo(10);
    assertThat(first.height()).isEqualTo(40);
  }

  @Test
  void aSureReadingIsNotRetried() throws Exception {
    FakeOcrEngines engines = FakeOcrEngines.reading("fine");
    OcrEngine engine = engines.create();

    reader.read(TestImages.filled(200, 100, Color.WHITE), 200, 100, engine, LATER);

    assertThat(engines.engines.get(0).calls).hasValue(1);
  }

  @Test
  void aPhotoKeepsOnlyItsSureWords() throws Exception {
    FakeOcrEngines engines = new FakeOcrEngines((image, deadline) -> OcrResult.of("SALE ae", List.of(
        new OcrWord("SALE", 10, 10, 60, 20, 0.93), new OcrWord("ae", 100, 50, 15, 12, 0.31))));
    BufferedImage photo =
        TextPictures.onPhoto(300, 200, new Font(Font.SANS_SERIF, Font.BOLD, 30), List.of("SALE"), 40, 3).image();

    OcrResult result = reader.read(photo, 300, 200, engines.create(), LATER);

    assertThat(result.text()).isEqualTo("SALE");
    assertThat(result.words()).extracting(OcrWord::text).containsExactly("SALE");
  }

  @Test
  void boxesAreInPixelsOfTheOriginalImageWhenTheDecodedOneIsReduced() throws Exception {
    FakeOcrEngines engines = new FakeOcrEngines((image, deadline) ->
        OcrResult.of("word", List.of(new OcrWord("word", 10, 10, 20, 10, 0.9))));

    OcrResult result = reader.read(TestImages.filled(100, 50, Color.WHITE), 400, 200, engines.create(), LATER);

    assertThat(result.words()).containsExactly(new OcrWord("word", 40, 40, 80, 40, 0.9));
  }

  @Test
  void anImageTooSmallToHoldTextIsNotSentToTheEngine() throws Exception {
    FakeOcrEngines engines = FakeOcrEngines.reading("never");

    OcrResult result = reader.read(TestImages.filled(4, 4, Color.WHITE), 4, 4, engines.create(), LATER);

    assertThat(result).isEqualTo(OcrResult.EMPTY);
    assertThat(engines.engines.get(0).calls).hasValue(0);
  }
}
