package dev.imagerag.logic.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where a result list is cut when only the relevant hits are wanted. */
class RelevanceCutoffTest {

  @Test
  void aClearClusterAheadOfATailIsCutAtTheGap() {
    double[] scores = {0.91, 0.89, 0.88, 0.52, 0.50, 0.49, 0.47, 0.46};

    assertThat(RelevanceCutoff.keep(scores)).isEqualTo(3);
  }

  @Test
  void aSingleStandoutHitIsKeptAlone() {
    double[] scores = {12.0, 3.1, 3.0, 2.9, 2.85, 2.8};

    assertThat(RelevanceCutoff.keep(scores)).isEqualTo(1);
  }

  @Test
  void flatScoresAreKeptWhole() {
    double[] scores = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5};

    assertThat(RelevanceCutoff.keep(scores)).isEqualTo(6);
  }

  @Test
  void evenlySpacedScoresAreKeptWhole() {
    double[] scores = new double[10];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = 1.0 - 0.1 * i;
    }

    assertThat(RelevanceCutoff.keep(scores)).isEqualTo(10);
  }

  @Test
  void aLargestDropThatIsOnlyAFewTimesTheOthersIsNoEdge() {
    double[] scores = {0.90, 0.85, 0.80, 0.70, 0.65, 0.60};

    assertThat(RelevanceCutoff.keep(scores)).isEqualTo(6);
  }

  @Test
  void fewerThanFourScoresAreKeptWhateverTheirShape() {
    assertThat(RelevanceCutoff.keep(new double[] {0.95, 0.10, 0.09})).isEqualTo(3);
    assertThat(RelevanceCutoff.keep(new double[] {0.95})).isEqualTo(1);
    assertThat(RelevanceCutoff.keep(new double[0])).isZero();
  }
}
