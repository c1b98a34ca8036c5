package dev.imagerag.logic.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CitationsTest {
  @Test
  void findsTheBracketedFormInOrderOfFirstCitation() {
    assertThat(Citations.parse("Total 103 EUR [Image 2], paid [Image 1]; see [Image 2] again.")).containsExactly(2, 1);
  }

  @Test
  void readsListsPluralsHashesAndParentheses() {
    assertThat(Citations.parse("[Images 1 and 3]")).containsExactly(1, 3);
    assertThat(Citations.parse("[Image 1, 2]")).containsExactly(1, 2);
    assertThat(Citations.parse("[image #4]")).containsExactly(4);
    assertThat(Citations.parse("(Image 5)")).containsExactly(5);
    assertThat(Citations.parse("[Images 2 & 6]")).containsExactly(2, 6);
  }

  @Test
  void expandsShortRangesButNotAbsurdOnes() {
    assertThat(Citations.parse("[Images 1-3]")).containsExactly(1, 2, 3);
    assertThat(Citations.parse("[Images 2–4]")).containsExactly(2, 3, 4);
    assertThat(Citations.parse("[Images 1-500]")).containsExactly(1, 500);
  }

  @Test
  void ignoresUnbracketedMentionsAndOtherBrackets() {
    assertThat(Citations.parse("In image 2 the total is [103 EUR] and [Figure 3] shows it.")).isEmpty();
    assertThat(Citations.parse("")).isEmpty();
  }

  @Test
  void keepsNumbersThatWereNeverShownForTheCallerToFlag() {
    assertThat(Citations.parse("[Image 9]")).containsExactly(9);
  }
}
