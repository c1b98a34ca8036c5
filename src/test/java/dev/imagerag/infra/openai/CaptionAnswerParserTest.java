package dev.imagerag.infra.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.logic.caption.Caption;
import dev.imagerag.logic.caption.TokenUsage;
import org.junit.jupiter.api.Test;

class CaptionAnswerParserTest {
  private static final TokenUsage USAGE = new TokenUsage(10, 5);

  private static Caption parse(String answer) {
    return CaptionAnswerParser.parse(answer, USAGE, "test-model");
  }

  @Test
  void aJsonAnswerIsSplitIntoFields() {
    Caption caption = parse("""
        {"description": "A red fire truck parked outside a station.",
         "elements": ["fire truck", "garage door", "firefighter"],
         "text": "ENGINE 7",
         "tags": ["fire truck", "red", "emergency", "vehicle", "station"],
         "category": "photo"}""");

    assertThat(caption.description()).isEqualTo("A red fire truck parked outside a station.");
    assertThat(caption.elements()).containsExactly("fire truck", "garage door", "firefighter");
    assertThat(caption.text()).isEqualTo("ENGINE 7");
    assertThat(caption.tags()).containsExactly("fire truck", "red", "emergency", "vehicle", "station");
    assertThat(caption.category()).isEqualTo("photo");
    assertThat(caption.usage()).isEqualTo(USAGE);
    assertThat(caption.model()).isEqualTo("test-model");
  }

  @Test
  void codeFencesAndSurroundingProseAreIgnored() {
    Caption caption = parse("Sure! Here is the JSON:\n```json\n{\"description\": \"A chart.\", \"category\": \"chart\"}\n```\n"
        + "Let me know if you need more.");

    assertThat(caption.description()).isEqualTo("A chart.");
    assertThat(caption.category()).isEqualTo("chart");
    assertThat(caption.raw()).startsWith("Sure! Here is the JSON:");
  }

  @Test
  void keysAreMatchedWhateverTheirCase() {
    Caption caption = parse("{\"Description\": \"A receipt.\", \"TAGS\": [\"receipt\"]}");

    assertThat(caption.description()).isEqualTo("A receipt.");
    assertThat(caption.tags()).containsExactly("receipt");
  }

  @Test
  void tagsAreLowercasedDeduplicatedAndFreeOfCommasAndHashes() {
    Caption caption = parse("{\"description\": \"x\", \"tags\": [\"#Beach\", \"beach\", \"Sun, Sea\", \" \"]}");

    assertThat(caption.tags()).containsExactly("beach", "sun sea");
  }

  @Test
  void listsGivenAsStringsAreSplit() {
    Caption caption = parse("{\"description\": \"x\", \"elements\": \"cat, sofa; lamp\", \"tags\": \"cat,sofa\"}");

    assertThat(caption.elements()).containsExactly("cat", "sofa", "lamp");
    assertThat(caption.tags()).containsExactly("cat", "sofa");
  }

  @Test
  void visibleTextGivenAsAListBecomesLines() {
    Caption caption = parse("{\"description\": \"x\", \"text\": [\"TOTAL\", \"12.50\"]}");

    assertThat(caption.text()).isEqualTo("TOTAL\n12.50");
  }

  @Test
  void rawLineBreaksAndTrailingCommasAreTolerated() {
    Caption caption = parse("{\"description\": \"A sign.\", \"text\": \"OPEN\nDAILY\", \"tags\": [\"sign\",],}");

    assertThat(caption.text()).isEqualTo("OPEN\nDAILY");
    assertThat(caption.tags()).containsExactly("sign");
  }

  @Test
  void anUnknownCategoryBecomesOther() {
    assertThat(parse("{\"description\": \"x\", \"category\": \"Photograph\"}").category()).isEqualTo("other");
    assertThat(parse("{\"description\": \"x\", \"category\": \"Screenshot\"}").category()).isEqualTo("screenshot");
    assertThat(parse("{\"description\": \"x\"}").category()).isEmpty();
  }

  @Test
  void aPlainTextAnswerBecomesTheDescription() {
    Caption caption = parse("  A dog running on a beach at sunset.  ");

    assertThat(caption.description()).isEqualTo("A dog running on a beach at sunset.");
    assertThat(caption.tags()).isEmpty();
    assertThat(caption.elements()).isEmpty();
    assertThat(caption.raw()).isEqualTo("  A dog running on a beach at sunset.  ");
  }

  @Test
  void malformedJsonIsKeptWholeAsTheDescription() {
    String answer = "{\"description\": \"A cat on a sofa\", \"tags\": [\"cat\"";

    Caption caption = parse(answer);

    assertThat(caption.description()).isEqualTo(answer);
    assertThat(caption.raw()).isEqualTo(answer);
  }

  @Test
  void jsonWithoutAnyRequestedKeyIsKeptWholeAsTheDescription() {
    String answer = "The image shows {a diagram} of a network.";

    assertThat(parse(answer).description()).isEqualTo(answer);
    assertThat(parse("{\"summary\": \"a cat\"}").description()).isEqualTo("{\"summary\": \"a cat\"}");
  }
}
