package dev.imagerag.logic.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.domain.ImageFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Magic numbers as real files start. Text-based inputs are cut to {@link FormatSniffer#HEADER_BYTES}
 * first, exactly as the importer reads them.
 */
class FormatSnifferTest {

  // ---- binary formats -------------------------------------------------------------------

  @Test
  void recognisesJpeg() {
    assertThat(FormatSniffer.sniff(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, "JFIF", 0x00)))
        .contains(ImageFormat.JPEG);
  }

  @Test
  void recognisesAJpegThatStartsWithExif() {
    assertThat(FormatSniffer.sniff(bytes(0xFF, 0xD8, 0xFF, 0xE1, 0x12, 0x34, "Exif", 0x00, 0x00)))
        .contains(ImageFormat.JPEG);
  }

  @Test
  void recognisesPng() {
    assertThat(FormatSniffer.sniff(bytes(0x89, "PNG", 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, "IHDR")))
        .contains(ImageFormat.PNG);
  }

  @ParameterizedTest
  @ValueSource(strings = {"GIF87a", "GIF89a"})
  void recognisesBothGifVersions(String signature) {
    assertThat(FormatSniffer.sniff(bytes(signature, 0x0A, 0x00, 0x0A, 0x00))).contains(ImageFormat.GIF);
  }

  @Test
  void recognisesBmp() {
    // "BM", file size, two reserved words, pixel-data offset: the 14-byte file header.
    assertThat(FormatSniffer.sniff(bytes("BM", 0x36, 0x0C, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 0x28, 0)))
        .contains(ImageFormat.BMP);
  }

  @ParameterizedTest
  @ValueSource(strings = {"VP8 ", "VP8L", "VP8X"})
  void recognisesEachWebpFlavour(String chunk) {
    assertThat(FormatSniffer.sniff(bytes("RIFF", 0x1A, 0, 0, 0, "WEBP", chunk, 0x0D, 0, 0, 0)))
        .contains(ImageFormat.WEBP);
  }

  @Test
  void doesNotTakeOtherRiffFilesForWebp() {
    assertThat(FormatSniffer.sniff(bytes("RIFF", 0x24, 0x08, 0, 0, "WAVE", "fmt ", 0x10, 0, 0, 0))).isEmpty();
  }

  @Test
  void recognisesLittleEndianTiff() {
    assertThat(FormatSniffer.sniff(bytes("II", 0x2A, 0x00, 0x08, 0, 0, 0))).contains(ImageFormat.TIFF);
  }

  @Test
  void recognisesBigEndianTiff() {
    assertThat(FormatSniffer.sniff(bytes("MM", 0x00, 0x2A, 0, 0, 0, 0x08))).contains(ImageFormat.TIFF);
  }

  @Test
  void recognisesBigTiffInBothByteOrders() {
    assertThat(FormatSniffer.sniff(bytes("II", 0x2B, 0x00, 0x08, 0x00, 0, 0))).contains(ImageFormat.TIFF);
    assertThat(FormatSniffer.sniff(bytes("MM", 0x00, 0x2B, 0x00, 0x08, 0, 0))).contains(ImageFormat.TIFF);
  }

  @ParameterizedTest
  @ValueSource(strings = {"heic", "heix", "hevc", "heim", "heis", "mif1", "msf1"})
  void recognisesHeicByItsBrand(String brand) {
    assertThat(FormatSniffer.sniff(isoMedia(brand))).contains(ImageFormat.HEIC);
  }

  @ParameterizedTest
  @ValueSource(strings = {"avif", "avis"})
  void recognisesAvifByItsBrand(String brand) {
    assertThat(FormatSniffer.sniff(isoMedia(brand))).contains(ImageFormat.AVIF);
  }

  @ParameterizedTest
  @ValueSource(strings = {"isom", "mp42", "qt  "})
  void doesNotTakeVideosForImages(String brand) {
    assertThat(FormatSniffer.sniff(isoMedia(brand))).isEmpty();
  }

  @Test
  void recognisesPsd() {
    assertThat(FormatSniffer.sniff(bytes("8BPS", 0x00, 0x01, 0, 0, 0, 0, 0, 0))).contains(ImageFormat.PSD);
  }

  @Test
  void recognisesIco() {
    assertThat(FormatSniffer.sniff(bytes(0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x10, 0x10)))
        .contains(ImageFormat.ICO);
  }

  // ---- SVG ------------------------------------------------------------------------------

  @Test
  void recognisesSvgWithoutProlog() {
    assertThat(FormatSniffer.sniff(head("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\">")))
        .contains(ImageFormat.SVG);
  }

  @Test
  void recognisesSvgAfterLeadingWhitespace() {
    assertThat(FormatSniffer.sniff(head("\n\n  <svg xmlns=\"http://www.w3.org/2000/svg\"/>")))
        .contains(ImageFormat.SVG);
  }

  @Test
  void recognisesSvgWithXmlProlog() {
    assertThat(FormatSniffer.sniff(head("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">")))
        .contains(ImageFormat.SVG);
  }

  @Test
  void recognisesSvgThatStartsWithItsDoctype() {
    assertThat(FormatSniffer.sniff(head("<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
        + "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<svg>"))).contains(ImageFormat.SVG);
  }

  @Test
  void recognisesSvgWithXmlPrologAndDoctype() {
    // Older Illustrator exports: an entity-laden DOCTYPE can push <svg> back by a kilobyte.
    assertThat(FormatSniffer.sniff(head("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        + "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\"\n"
        + "  \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\" [\n"
        + "  <!ENTITY ns_extend \"http://ns.adobe.com/Extensibility/1.0/\">\n"
        + "  <!ENTITY ns_ai \"http://ns.adobe.com/AdobeIllustrator/10.0/\">\n"
        + "  <!ENTITY ns_graphs \"http://ns.adobe.com/Graphs/1.0/\">\n"
        + "  <!ENTITY ns_vars \"http://ns.adobe.com/Variables/1.0/\">\n"
        + "  <!ENTITY ns_imrep \"http://ns.adobe.com/ImageReplacement/1.0/\">\n"
        + "  <!ENTITY ns_sfw \"http://ns.adobe.com/SaveForWeb/1.0/\">\n"
        + "  <!ENTITY ns_custom \"http://ns.adobe.com/GenericCustomNamespace/1.0/\">\n"
        + "  <!ENTITY ns_adobe_xpath \"http://ns.adobe.com/XPath/1.0/\">\n"
        + "]>\n<svg version=\"1.1\">"))).contains(ImageFormat.SVG);
  }

  @Test
  void recognisesSvgWithXmlPrologAndAGeneratorComment() {
    // Inkscape's header: <svg> starts after the 64th byte.
    assertThat(FormatSniffer.sniff(head("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
        + "<!-- Created with Inkscape (http://www.inkscape.org/) -->\n\n"
        + "<svg\n   width=\"210mm\"\n   height=\"297mm\"\n   viewBox=\"0 0 210 297\"\n   version=\"1.1\">")))
        .contains(ImageFormat.SVG);
  }

  @Test
  void recognisesSvgAfterAUtf8ByteOrderMark() {
    byte[] content = concat(bytes(0xEF, 0xBB, 0xBF),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
            .getBytes(StandardCharsets.UTF_8));
    assertThat(FormatSniffer.sniff(cut(content))).contains(ImageFormat.SVG);
  }

  @Test
  void doesNotTakeOtherXmlForSvg() {
    assertThat(FormatSniffer.sniff(head("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<project/>\n"))).isEmpty();
  }

  @Test
  void doesNotTakeHtmlForSvg() {
    assertThat(FormatSniffer.sniff(head("<!DOCTYPE html>\n<html><body><svg></svg></body></html>"))).isEmpty();
  }

  // ---- not images -----------------------------------------------------------------------

  @Test
  void plainTextIsNoImageFormat() {
    assertThat(FormatSniffer.sniff(head("this is text, not a picture\n"))).isEmpty();
  }

  // ---- too short ------------------------------------------------------------------------

  @Test
  void emptyInputIsNoFormat() {
    assertThat(FormatSniffer.sniff(new byte[0])).isEmpty();
  }

  @Test
  void aCutJpegSignatureIsNoFormat() {
    assertThat(FormatSniffer.sniff(bytes(0xFF, 0xD8))).isEmpty();
  }

  @Test
  void aCutPngSignatureIsNoFormat() {
    assertThat(FormatSniffer.sniff(bytes(0x89, "PNG", 0x0D, 0x0A, 0x1A))).isEmpty();
  }

  @Test
  void aBmSignatureShorterThanTheBitmapFileHeaderIsNoFormat() {
    assertThat(FormatSniffer.sniff(head("BMW 320d\n"))).isEmpty();
  }

  @Test
  void aRiffHeaderCutBeforeItsTypeIsNoFormat() {
    assertThat(FormatSniffer.sniff(bytes("RIFF", 0x1A, 0, 0, 0, "WE"))).isEmpty();
  }

  @Test
  void anIsoMediaHeaderCutBeforeItsBrandIsNoFormat() {
    assertThat(FormatSniffer.sniff(bytes(0, 0, 0, 0x18, "ftyp", "he"))).isEmpty();
  }

  // ---- text -----------------------------------------------------------------------------

  @Test
  void asciiIsText() {
    assertThat(FormatSniffer.looksLikeText(head("holiday pictures\r\n\tfrom 2024\n"))).isTrue();
  }

  @Test
  void utf8WithAccentsIsText() {
    assertThat(FormatSniffer.looksLikeText(head("Fotos vom Ausflug nach Zürich, März 2024 — schön!")))
        .isTrue();
  }

  @Test
  void aSingleNulByteMakesItBinary() {
    assertThat(FormatSniffer.looksLikeText(concat(head("almost all text"), bytes(0x00)))).isFalse();
  }

  @Test
  void manyControlCharactersMakeItBinary() {
    byte[] control = new byte[40];
    for (int i = 0; i < control.length; i++) {
      control[i] = (byte) (1 + i % 8);
    }
    assertThat(FormatSniffer.looksLikeText(control)).isFalse();
  }

  @Test
  void anImageHeaderIsNotText() {
    assertThat(FormatSniffer.looksLikeText(bytes(0x89, "PNG", 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, "IHDR")))
        .isFalse();
  }

  @Test
  void emptyInputIsNotText() {
    assertThat(FormatSniffer.looksLikeText(new byte[0])).isFalse();
  }

  // ---- all zero -------------------------------------------------------------------------

  @Test
  void zerosAreAllZero() {
    assertThat(FormatSniffer.allZero(new byte[FormatSniffer.HEADER_BYTES])).isTrue();
  }

  @Test
  void oneNonZeroByteAtTheEndIsNotAllZero() {
    byte[] head = new byte[FormatSniffer.HEADER_BYTES];
    head[head.length - 1] = 1;
    assertThat(FormatSniffer.allZero(head)).isFalse();
  }

  @Test
  void emptyInputIsNotAllZero() {
    assertThat(FormatSniffer.allZero(new byte[0])).isFalse();
  }

  @Test
  void zerosAreNoImageFormat() {
    assertThat(FormatSniffer.sniff(new byte[FormatSniffer.HEADER_BYTES])).isEmpty();
  }

  // ---- helpers --------------------------------------------------------------------------

  /** Bytes from ints (one byte each) and strings (ASCII). */
  private static byte[] bytes(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object part : parts) {
      if (part instanceof String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
      } else {
        out.write((Integer) part);
      }
    }
    return out.toByteArray();
  }

  /** The start of an ISO base media file: an ftyp box with {@code brand} as major brand. */
  private static byte[] isoMedia(String brand) {
    return bytes(0, 0, 0, 0x18, "ftyp", brand, 0, 0, 0, 0, "mif1", brand);
  }

  /** What the importer reads of a file with this UTF-8 content. */
  private static byte[] head(String content) {
    return cut(content.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] cut(byte[] content) {
    return Arrays.copyOf(content, Math.min(content.length, FormatSniffer.HEADER_BYTES));
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] result = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, result, first.length, second.length);
    return result;
  }
}
