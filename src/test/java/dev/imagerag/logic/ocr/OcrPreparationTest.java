package dev.imagerag.logic.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.testing.TextPictures;
import dev.imagerag.testing.TextPictures.Style;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class OcrPreparationTest {
  private final OcrPreparation preparation = new OcrPreparation();

  @Test
  void lightTextOnADarkTerminalIsInvertedToDarkOnLight() {
    var terminal = TextPictures.page(600, 120,
        Style.plain(Font.MONOSPACED, 14).colours(new Color(0xD0D0D0), new Color(0x1E1E1E)),
        List.of("user@host:~$ ls -la", "error: connection refused"));

    PreparedImage prepared = preparation.prepare(terminal.image());

    assertThat(prepared.inverted()).isTrue();
    assertThat(prepared.gray().at(1, 1)).isGreaterThan(200);
  }

  @Test
  void darkTextOnWhiteIsNotInverted() {
    var page = TextPictures.page(600, 120, Style.plain(Font.SANS_SERIF, 24), List.of("Plain dark text"));

    PreparedImage prepared = preparation.prepare(page.image());

    assertThat(prepared.inverted()).isFalse();
    assertThat(prepared.photo()).isFalse();
  }

  @Test
  void aNoisyPictureIsTreatedAsAPhoto() {
    var photo = TextPictures.onPhoto(400, 300, new Font(Font.SANS_SERIF, Font.BOLD, 30), List.of("SALE"), 40, 3);

    assertThat(preparation.prepare(photo.image()).photo()).isTrue();
  }

  @Test
  void smallTextIsEnlargedTowardsTheTargetLineHeight() {
    var small = TextPictures.page(300, 60, Style.plain(Font.SANS_SERIF, 12).withTop(20),
        List.of("Error: connection refused"));

    PreparedImage prepared = preparation.prepare(small.image());

    assertThat(prepared.lineHeight()).isBetween(8, 16);
    assertThat(prepared.scale()).isGreaterThanOrEqualTo(2.5);
    assertThat(prepared.gray().width()).isEqualTo((int) Math.round(300 * prepared.scale()));
  }

  @Test
  void largeTextIsLeftAtItsSize() {
    var large = TextPictures.page(900, 200, Style.plain(Font.SANS_SERIF, 48), List.of("Big headline", "More"));

    assertThat(preparation.prepare(large.image()).scale()).isEqualTo(1.0);
  }

  @Test
  void enlargingStopsAtThePixelCap() {
    double scale = OcrPreparation.scale(OptionalInt.of(10), 8000, 4000, OcrPreparation.MAX_SCALE);

    assertThat(scale).isGreaterThanOrEqualTo(1.0);
    assertThat(8000 * scale * 4000 * scale).isLessThanOrEqualTo(OcrPreparation.MAX_PIXELS);
  }

  @Test
  void anImageWithoutLinesOfTextIsNotEnlarged() {
    assertThat(OcrPreparation.scale(OptionalInt.empty(), 300, 200, OcrPreparation.MAX_SCALE)).isEqualTo(1.0);
  }
}
