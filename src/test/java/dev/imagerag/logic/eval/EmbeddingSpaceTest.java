package dev.imagerag.logic.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Synthetic vectors shaped like real embeddings, reproducible from a seed. */
class EmbeddingSpaceTest {
  private final EmbeddingSpace space = new EmbeddingSpace(128, 16, 7);

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  @Test
  void vectorsAreUnitLength() {
    assertThat(dot(space.vector(1, 3), space.vector(1, 3))).isCloseTo(1.0, within(1e-5));
  }

  @Test
  void theSameSeedAndIndexGiveTheSameVector() {
    assertThat(new EmbeddingSpace(128, 16, 7).vector(1, 42)).containsExactly(space.vector(1, 42));
  }

  @Test
  void streamsAndIndexesGiveDifferentVectors() {
    assertThat(space.vector(1, 42)).isNotEqualTo(space.vector(1, 43)).isNotEqualTo(space.vector(2, 42));
  }

  @Test
  void unrelatedVectorsShareACommonDirectionLikeRealEmbeddings() {
    double sum = 0;
    int pairs = 0;
    for (int i = 0; i < 200; i += 2) {
      sum += dot(space.vector(1, i), space.vector(1, i + 1));
      pairs++;
    }

    assertThat(sum / pairs).isBetween(0.2, 0.5);
  }

  @Test
  void aLowerRankMakesVectorsMoreAlike() {
    EmbeddingSpace narrow = new EmbeddingSpace(128, 2, 7);
    double narrowSpread = 0;
    double wideSpread = 0;
    for (int i = 0; i < 200; i += 2) {
      narrowSpread += Math.abs(dot(narrow.vector(1, i), narrow.vector(1, i + 1)));
      wideSpread += Math.abs(dot(space.vector(1, i), space.vector(1, i + 1)));
    }

    assertThat(narrowSpread).isGreaterThan(wideSpread);
  }
}
