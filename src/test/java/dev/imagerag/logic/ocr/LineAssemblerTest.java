package dev.imagerag.logic.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineAssemblerTest {

  private static OcrWord word(String text, int x, int y) {
    return new OcrWord(text, x, y, 10 * text.length(), 20, 0.9);
  }

  @Test
  void wordsAreJoinedIntoLinesTopToBottomAndLeftToRight() {
    List<OcrWord> words = List.of(word("line", 100, 62), word("second", 10, 60), word("first", 10, 10),
        word("line", 70, 12));

    assertThat(LineAssembler.text(words)).isEqualTo("first line\nsecond line");
  }

  @Test
  void wordsFarApartOnOneRowAreSeparateLines() {
    List<OcrWord> words = List.of(word("North", 10, 10), word("hall", 70, 10), word("Server", 3000, 12));

    assertThat(LineAssembler.text(words)).isEqualTo("North hall\nServer");
  }

  @Test
  void noWordsMakeNoText() {
    assertThat(LineAssembler.text(List.of())).isEmpty();
  }
}
