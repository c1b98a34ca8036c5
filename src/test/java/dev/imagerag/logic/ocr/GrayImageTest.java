package dev.imagerag.logic.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class GrayImageTest {

  private static GrayImage ramp(int width, int height) {
    byte[] pixels = new byte[width * height];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 7);
    }
    return new GrayImage(width, height, pixels);
  }

  @Test
  void colourBecomesItsLuminance() {
    BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, Color.WHITE.getRGB());
    image.setRGB(1, 0, Color.RED.getRGB());
    image.setRGB(2, 0, new Color(0, 0, 255).getRGB());

    GrayImage gray = GrayImage.of(image);

    assertThat(gray.at(0, 0)).isEqualTo(255);
    assertThat(gray.at(1, 0)).isEqualTo(77);
    assertThat(gray.at(2, 0)).isEqualTo(29);
  }

  @Test
  void transparentPixelsAreComposedOverWhite() {
    BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
    image.setRGB(0, 0, 0x00000000);
    image.setRGB(1, 0, 0xFF000000);

    GrayImage gray = GrayImage.of(image);

    assertThat(gray.at(0, 0)).isEqualTo(255);
    assertThat(gray.at(1, 0)).isZero();
  }

  @Test
  void aQuarterTurnClockwiseMovesTheTopLeftPixelToTheTopRight() {
    GrayImage image = ramp(3, 2);

    GrayImage turned = image.rotatedClockwise(90);

    assertThat(turned.width()).isEqualTo(2);
    assertThat(turned.height()).isEqualTo(3);
    assertThat(turned.at(1, 0)).isEqualTo(image.at(0, 0));
    assertThat(turned.at(0, 2)).isEqualTo(image.at(2, 1));
  }

  @Test
  void fourQuarterTurnsGiveTheSameImage() {
    GrayImage image = ramp(5, 3);

    GrayImage back = image.rotatedClockwise(90).rotatedClockwise(90).rotatedClockwise(90).rotatedClockwise(90);

    assertThat(back.pixels()).isEqualTo(image.pixels());
    assertThat(image.rotatedClockwise(270).rotatedClockwise(90).pixels()).isEqualTo(image.pixels());
    assertThat(image.rotatedClockwise(180).rotatedClockwise(180).pixels()).isEqualTo(image.pixels());
  }

  @Test
  void upscalingKeepsFlatAreasAndRoundsTheSize() {
    byte[] pixels = new byte[10 * 4];
    java.util.Arrays.fill(pixels, (byte) 200);

    GrayImage larger = new GrayImage(10, 4, pixels).upscaled(2.5);

    assertThat(larger.width()).isEqualTo(25);
    assertThat(larger.height()).isEqualTo(10);
    assertThat(larger.at(12, 5)).isEqualTo(200);
  }

  @Test
  void theMedianFilterRemovesAnIsolatedSpeck() {
    byte[] pixels = new byte[5 * 5];
    java.util.Arrays.fill(pixels, (byte) 220);
    pixels[2 * 5 + 2] = 0;

    GrayImage filtered = new GrayImage(5, 5, pixels).median3();

    assertThat(filtered.at(2, 2)).isEqualTo(220);
  }

  @Test
  void aCropCopiesTheRectangle() {
    GrayImage image = ramp(6, 4);

    GrayImage part = image.crop(2, 1, 3, 2);

    assertThat(part.width()).isEqualTo(3);
    assertThat(part.at(0, 0)).isEqualTo(image.at(2, 1));
    assertThat(part.at(2, 1)).isEqualTo(image.at(4, 2));
  }

  @Test
  void aCropOutsideTheImageIsRefusedWithTheNumbers() {
    assertThatThrownBy(() -> ramp(6, 4).crop(4, 0, 3, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3×2 at (4, 0)");
  }
}
