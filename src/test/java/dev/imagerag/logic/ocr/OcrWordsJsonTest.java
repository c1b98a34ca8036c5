package dev.imagerag.logic.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class OcrWordsJsonTest {

  @Test
  void wordsAreWrittenCompactly() {
    String json = OcrWordsJson.write(List.of(new OcrWord("refused", 12, 40, 96, 22, 0.934)));

    assertThat(json).isEqualTo("[{\"t\":\"refused\",\"x\":12,\"y\":40,\"w\":96,\"h\":22,\"c\":0.93}]");
  }

  @Test
  void noWordsAreAnEmptyArray() {
    assertThat(OcrWordsJson.write(List.of())).isEqualTo("[]");
  }

  @Test
  void quotesBackslashesAndControlCharactersAreEscapedSoAParserReadsTheWordBack() throws Exception {
    String nasty = "\"C:\\path\"\t\u0001é€😀\u2028";

    String json = OcrWordsJson.write(List.of(new OcrWord(nasty, 1, 2, 3, 4, 1), new OcrWord("b", 5, 6, 7, 8, 0)));
    JsonNode parsed = new ObjectMapper().readTree(json);

    assertThat(parsed).hasSize(2);
    assertThat(parsed.get(0).get("t").asText()).isEqualTo(nasty);
    assertThat(parsed.get(1).get("c").asDouble()).isZero();
    assertThat(json).doesNotContain("\t").doesNotContain("\u0001");
  }
}
