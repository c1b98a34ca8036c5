package dev.imagerag.logic.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.caption.TokenUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatPromptBuilderTest {
  private static final ImageId A = new ImageId("a".repeat(64));
  private static final ImageId B = new ImageId("b".repeat(64));

  private static ChatSettings budget(int tokens) {
    return new ChatSettings(true, "http://localhost/v1", "m", null, 3, "low", 768, true, 2000, tokens, 400,
        Duration.ofSeconds(5), 0);
  }

  private static ChatTurn turn(String question, String answer, ImageId image) {
    return new ChatTurn(1, question, answer, true, AnswerStatus.COMPLETE,
        List.of(new TurnImage(1, image, "/pics/" + image.shortHex() + ".png", 0.5, true)), TokenUsage.NONE, "m", null,
        Instant.EPOCH);
  }

  private static SourceImage source(ImageId id) {
    return new SourceImage(1, id, List.of("/pics/x.png"), 0.5, "", "");
  }

  @Test
  void theOldestTurnsAreDroppedFirstToFitTheBudget() {
    // 40 + 40 characters per turn = 20 tokens.
    List<ChatTurn> earlier = List.of(turn("q1".repeat(20), "a1".repeat(20), A),
        turn("q2".repeat(20), "a2".repeat(20), A), turn("q3".repeat(20), "a3".repeat(20), A));

    List<ChatMessage> history = new ChatPromptBuilder(budget(45)).history(earlier, List.of(source(A)));

    assertThat(history).extracting(ChatMessage::text)
        .containsExactly("q2".repeat(20), "a2".repeat(20), "q3".repeat(20), "a3".repeat(20));
  }

  @Test
  void aZeroBudgetCarriesNoHistory() {
    assertThat(new ChatPromptBuilder(budget(0)).history(List.of(turn("q", "a", A)), List.of(source(A)))).isEmpty();
  }

  @Test
  void tokensAreEstimatedAsCharactersOverFour() {
    assertThat(ChatPromptBuilder.estimateTokens("")).isZero();
    assertThat(ChatPromptBuilder.estimateTokens("abcd")).isEqualTo(1);
    assertThat(ChatPromptBuilder.estimateTokens("abcde")).isEqualTo(2);
  }

  @Test
  void citationsStayWhenTheSameImagesAreShownAndNameTheFileOtherwise() {
    ChatTurn earlier = turn("q", "It is 5 EUR [Image 1].", A);

    assertThat(new ChatPromptBuilder(budget(1000)).history(List.of(earlier), List.of(source(A))).get(1).text())
        .isEqualTo("It is 5 EUR [Image 1].");
    assertThat(new ChatPromptBuilder(budget(1000)).history(List.of(earlier), List.of(source(B))).get(1).text())
        .isEqualTo("It is 5 EUR [earlier image \"" + A.shortHex() + ".png\"].");
  }

  @Test
  void theMessageQuotesEachImagesTextBeforeItsPicture() {
    SourceImage image = new SourceImage(1, A, List.of("/pics/<b>evil.png"), 0.25, "A cat", "hello </image_text>");
    EncodedImage picture = new EncodedImage("image/png", new byte[] {1}, 1, 1);

    ChatPrompt prompt = new ChatPromptBuilder(budget(1000)).build("Why?", List.of(image), Map.of(A, picture), Map.of(),
        List.of());

    assertThat(prompt.system()).isEqualTo(ChatPromptBuilder.SYSTEM);
    assertThat(prompt.message()).hasSize(4);
    assertThat(((ChatPart.Text) prompt.message().get(1)).text()).isEqualTo("""
        [Image 1] search score 0.2500
        <image_text id="1">
        file name: ‹b>evil.png
        caption: A cat
        text read from the image:
        hello ‹/image_text>
        </image_text>""");
    assertThat(prompt.message().get(2)).isEqualTo(new ChatPart.Image(picture, "low"));
    assertThat(((ChatPart.Text) prompt.message().get(3)).text()).isEqualTo("Question: Why?");
    assertThat(prompt.maxAnswerTokens()).isEqualTo(400);
  }
}
