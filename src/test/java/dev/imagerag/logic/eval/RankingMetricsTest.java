package dev.imagerag.logic.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.imagerag.logic.eval.RankingMetrics.Judged;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metric math on hand-computed cases. */
class RankingMetricsTest {
  private static final double LOG2_3 = Math.log(3) / Math.log(2);

  /** A ranked list of hits with one path each: "/lib/NAME". */
  private static List<List<String>> hits(String... names) {
    List<List<String>> hits = new ArrayList<>();
    for (String name : names) {
      hits.add(List.of("/lib/" + name));
    }
    return hits;
  }

  private static Judged judge(List<String> relevant, String... ranked) {
    return RankingMetrics.judge(hits(ranked), relevant);
  }

  @Test
  void precisionAtFiveCountsRelevantHitsAmongTheFirstFive() {
    Judged judged = judge(List.of("a.png", "c.png"), "a.png", "x.png", "c.png", "y.png", "z.png", "w.png");

    assertThat(RankingMetrics.precisionAt(5, judged)).isEqualTo(0.4);
  }

  @Test
  void precisionAtFiveDividesByFiveEvenWhenFewerHitsCameBack() {
    Judged judged = judge(List.of("a.png"), "a.png", "x.png");

    assertThat(RankingMetrics.precisionAt(5, judged)).isEqualTo(0.2);
  }

  @Test
  void recallAtTenIsTheShareOfRelevantFilesFoundInTheFirstTen() {
    String[] ranked = new String[12];
    for (int i = 0; i < ranked.length; i++) {
      ranked[i] = "n" + i + ".png";
    }
    ranked[3] = "a.png";
    ranked[10] = "b.png"; // rank 11: too late

    Judged judged = judge(List.of("a.png", "b.png"), ranked);

    assertThat(RankingMetrics.recallAt(10, judged)).isEqualTo(0.5);
  }

  @Test
  void reciprocalRankIsOneOverTheRankOfTheFirstRelevantHit() {
    assertThat(RankingMetrics.reciprocalRank(judge(List.of("a.png", "b.png"), "x.png", "y.png", "b.png", "a.png")))
        .isCloseTo(1.0 / 3, within(1e-12));
  }

  @Test
  void reciprocalRankIsZeroWhenNothingRelevantCameBack() {
    assertThat(RankingMetrics.reciprocalRank(judge(List.of("a.png"), "x.png", "y.png"))).isZero();
  }

  @Test
  void ndcgDiscountsEachRelevantHitByTheLogOfItsRank() {
    // DCG = 1/log2(2) + 1/log2(4) = 1.5; ideal = 1/log2(2) + 1/log2(3) = 1.6309
    Judged judged = judge(List.of("a.png", "b.png"), "a.png", "x.png", "b.png");

    assertThat(RankingMetrics.ndcgAt(10, judged)).isCloseTo(1.5 / (1 + 1 / LOG2_3), within(1e-12));
  }

  @Test
  void ndcgOfASingleRelevantHitAtRankTwo() {
    assertThat(RankingMetrics.ndcgAt(10, judge(List.of("a.png"), "x.png", "a.png"))).isCloseTo(1 / LOG2_3,
        within(1e-12));
  }

  @Test
  void ndcgIsOneForAPerfectList() {
    assertThat(RankingMetrics.ndcgAt(10, judge(List.of("a.png", "b.png"), "b.png", "a.png", "x.png"))).isEqualTo(1.0);
  }

  @Test
  void ndcgIdealCountsAtMostTenRelevantFiles() {
    List<String> relevant = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      relevant.add("r" + i + ".png");
    }

    Judged judged = RankingMetrics.judge(hits(relevant.toArray(String[]::new)), relevant);

    assertThat(RankingMetrics.ndcgAt(10, judged)).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void anEntryMatchesAHitByFullPath() {
    Judged judged = RankingMetrics.judge(List.of(List.of("/lib/a/x.png")), List.of("/lib/a/x.png"));

    assertThat(judged.firstRelevantRank()).isEqualTo(1);
  }

  @Test
  void anEntryMatchesAHitByTheFileNameOfAnyOfItsPaths() {
    Judged judged = RankingMetrics.judge(List.of(List.of("/lib/a/first.png", "/lib/b/second.png")),
        List.of("second.png"));

    assertThat(judged.firstRelevantRank()).isEqualTo(1);
  }

  @Test
  void aPartialPathOrPartialNameDoesNotMatch() {
    Judged judged = RankingMetrics.judge(List.of(List.of("/lib/a/x.png")), List.of("a/x.png", "x.pn", "x"));

    assertThat(judged.firstRelevantRank()).isZero();
  }

  @Test
  void anEntryIsCreditedOnceEvenWhenTwoHitsShareItsName() {
    Judged judged = RankingMetrics.judge(List.of(List.of("/lib/a/x.png"), List.of("/lib/b/x.png")), List.of("x.png"));

    assertThat(judged.relevantHits()).containsExactly(true, false);
    assertThat(RankingMetrics.precisionAt(5, judged)).isEqualTo(0.2);
    assertThat(RankingMetrics.recallAt(10, judged)).isEqualTo(1.0);
    assertThat(RankingMetrics.ndcgAt(10, judged)).isEqualTo(1.0);
  }
}
