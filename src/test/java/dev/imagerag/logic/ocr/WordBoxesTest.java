package dev.imagerag.logic.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WordBoxesTest {

  /** A 40×30 white image with a black 10×5 box at (3, 20). */
  private static GrayImage withBox() {
    byte[] pixels = new byte[40 * 30];
    Arrays.fill(pixels, (byte) 255);
    for (int y = 20; y < 25; y++) {
      for (int x = 3; x < 13; x++) {
        pixels[y * 40 + x] = 0;
      }
    }
    return new GrayImage(40, 30, pixels);
  }

  /** The bounding box of the black pixels, as a word. */
  private static OcrWord ink(GrayImage image) {
    int x0 = Integer.MAX_VALUE;
    int y0 = Integer.MAX_VALUE;
    int x1 = -1;
    int y1 = -1;
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        if (image.at(x, y) == 0) {
          x0 = Math.min(x0, x);
          y0 = Math.min(y0, y);
          x1 = Math.max(x1, x + 1);
          y1 = Math.max(y1, y + 1);
        }
      }
    }
    return new OcrWord("ink", x0, y0, x1 - x0, y1 - y0, 1);
  }

  @ParameterizedTest(name = "{0}°")
  @ValueSource(ints = {0, 90, 180, 270})
  void aBoxFoundInATurnedImageMapsBackToWhereItWas(int degrees) {
    GrayImage source = withBox();
    OcrWord inTurned = ink(source.rotatedClockwise(degrees));

    OcrWord back = WordBoxes.unturned(inTurned, degrees, source.width(), source.height());

    assertThat(back).isEqualTo(ink(source));
  }

  @Test
  void scalingRoundsOutwardsAndClipsToTheImage() {
    OcrWord word = new OcrWord("w", 5, 5, 10, 10, 0.5);

    assertThat(WordBoxes.scaled(word, 0.5, 0.5, 100, 100)).isEqualTo(new OcrWord("w", 2, 2, 6, 6, 0.5));
    assertThat(WordBoxes.scaled(word, 10, 10, 100, 100)).isEqualTo(new OcrWord("w", 50, 50, 50, 50, 0.5));
  }
}
