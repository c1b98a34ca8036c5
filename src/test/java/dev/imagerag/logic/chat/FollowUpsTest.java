package dev.imagerag.logic.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.SearchHit;
import dev.imagerag.domain.SearchMode;
import dev.imagerag.domain.SignalScore;
import java.util.List;
import org.junit.jupiter.api.Test;

class FollowUpsTest {
  private static final ImageId ID = new ImageId("a".repeat(64));

  private static SearchHit hit(SignalScore... signals) {
    return new SearchHit(1, ID, List.of("/a.png"), 0.03, SearchMode.HYBRID, List.of(signals), List.of(), List.of());
  }

  @Test
  void explicitReferencesToShownImagesAreRecognised() {
    assertThat(FollowUps.refersBack("What about the second one?")).isTrue();
    assertThat(FollowUps.refersBack("Compare image 2 with image 3")).isTrue();
    assertThat(FollowUps.refersBack("Which of these screenshots is newest?")).isTrue();
    assertThat(FollowUps.refersBack("Is the last photo blurry?")).isTrue();
    assertThat(FollowUps.refersBack("And the picture above?")).isTrue();
  }

  @Test
  void newQuestionsAreNotReferences() {
    assertThat(FollowUps.refersBack("Show me receipts from the second week of May")).isFalse();
    assertThat(FollowUps.refersBack("Which soup is on the lunch menu?")).isFalse();
  }

  @Test
  void shortQuestionsLeaningOnContextAreRecognised() {
    assertThat(FollowUps.leansOnContext("Is it paid?")).isTrue();
    assertThat(FollowUps.leansOnContext("and the total?")).isTrue();
    assertThat(FollowUps.leansOnContext("What about tomorrow?")).isTrue();
    assertThat(FollowUps.leansOnContext("Which soup is on the menu?")).isFalse();
    assertThat(FollowUps.leansOnContext("Is it true that the invoice from the plumber in May was paid late?"))
        .isFalse();
  }

  @Test
  void retrievalIsWeakWhenNoSignalIsConvincing() {
    assertThat(FollowUps.weak(List.of())).isTrue();
    assertThat(FollowUps.weak(List.of(hit(new SignalScore("text", 0.45, 1), new SignalScore("visual", 0.18, 1)))))
        .isTrue();
    assertThat(FollowUps.weak(List.of(hit(new SignalScore("keyword", 3.2, 1))))).isFalse();
    assertThat(FollowUps.weak(List.of(hit(new SignalScore("text", 0.71, 1))))).isFalse();
    assertThat(FollowUps.weak(List.of(hit(new SignalScore("visual", 0.29, 2))))).isFalse();
  }
}
