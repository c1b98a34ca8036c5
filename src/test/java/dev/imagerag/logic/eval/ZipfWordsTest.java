package dev.imagerag.logic.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Word soup whose word frequencies follow Zipf's law. */
class ZipfWordsTest {
  private final ZipfWords words = new ZipfWords(1000, 1.0, 3);

  @Test
  void theVocabularyHoldsDistinctLowerCaseWords() {
    Set<String> distinct = new HashSet<>();
    for (int r = 0; r < words.size(); r++) {
      distinct.add(words.word(r));
    }

    assertThat(distinct).hasSize(1000).allMatch(w -> w.matches("[a-z]{4,}"));
  }

  @Test
  void theRthWordIsAboutOneRthAsFrequentAsTheFirst() {
    SplittableRandom random = new SplittableRandom(1);
    int[] counts = new int[words.size()];
    for (int i = 0; i < 400_000; i++) {
      counts[words.sampleRank(random)]++;
    }

    assertThat((double) counts[0] / counts[1]).isBetween(1.8, 2.2);
    assertThat((double) counts[0] / counts[9]).isBetween(8.5, 11.5);
  }

  @Test
  void aTextHasTheAskedNumberOfWords() {
    assertThat(words.text(new SplittableRandom(2), 12).split(" ")).hasSize(12);
  }

  @Test
  void theSameSeedGivesTheSameVocabulary() {
    assertThat(new ZipfWords(1000, 1.0, 3).word(500)).isEqualTo(words.word(500));
  }
}
