package dev.imagerag.logic.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.domain.ImageId;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetrievalOnlyAnswerTest {
  private static final ImageId A = new ImageId("a".repeat(64));
  private static final ImageId B = new ImageId("b".repeat(64));

  @Test
  void listsEachImageWithItsSentencesThatShareWordsWithTheQuestion() {
    SourceImage invoice = new SourceImage(1, A, List.of("/in/invoice.png"), 0.0328, "A scanned invoice.",
        "ACME Ltd\nInvoice 201\nTotal due: 103 EUR\nThank you for your business");
    SourceImage beach = new SourceImage(2, B, List.of("/in/beach.jpg"), 0.0161, "A sunny beach with palm trees.", "");

    String text = RetrievalOnlyAnswer.of("What is the total due on the invoice?", List.of(invoice, beach),
        "no model is configured.");

    assertThat(text).startsWith("Not a generated answer: no model is configured.\n");
    assertThat(text).contains("[Image 1] invoice.png (score 0.0328)\n  text: \"Total due: 103 EUR\"\n"
        + "  text: \"Invoice 201\"\n  caption: \"A scanned invoice.\"\n");
    assertThat(text).contains("[Image 2] beach.jpg (score 0.0161)\n  caption: \"A sunny beach with palm trees.\"\n");
    assertThat(text).doesNotContain("Thank you");
  }

  @Test
  void questionWordsAloneMatchNothing() {
    assertThat(MatchingSentences.words("What is this and where are they?")).isEmpty();
    assertThat(MatchingSentences.words("Refused connections on port 5432"))
        .containsExactly("refus", "connectio", "port", "5432");
  }

  @Test
  void saysSoWhenNoImageMatched() {
    assertThat(RetrievalOnlyAnswer.of("zebra", List.of(), "no image matched."))
        .contains("No image in the library matches this question.");
  }
}
