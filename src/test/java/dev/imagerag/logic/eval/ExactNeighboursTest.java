package dev.imagerag.logic.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Brute-force nearest neighbours, the ground truth for recall. */
class ExactNeighboursTest {
  private final EmbeddingSpace space = new EmbeddingSpace(32, 8, 11);

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  @Test
  void findsTheKLargestDotProductsBestFirstAcrossChunks() {
    int count = 10_000; // several chunks, merged
    List<float[]> queries = List.of(space.vector(9, 0), space.vector(9, 1));

    int[][] top = ExactNeighbours.topK(queries, count, i -> space.vector(1, i), 5);

    for (int q = 0; q < queries.size(); q++) {
      float[] query = queries.get(q);
      int[] expected = IntStream.range(0, count).boxed()
          .sorted(Comparator.comparingDouble((Integer i) -> dot(query, space.vector(1, i))).reversed())
          .limit(5).mapToInt(Integer::intValue).toArray();
      assertThat(top[q]).containsExactly(expected);
    }
  }

  @Test
  void vectorsThatAreMissingAreSkipped() {
    int[][] top = ExactNeighbours.topK(List.of(space.vector(9, 0)), 100,
        i -> i % 2 == 0 ? null : space.vector(1, i), 10);

    assertThat(IntStream.of(top[0]).boxed().toList()).hasSize(10).allMatch(i -> i % 2 == 1);
  }

  @Test
  void fewerVectorsThanKGiveThemAll() {
    assertThat(ExactNeighbours.topK(List.of(space.vector(9, 0)), 3, i -> space.vector(1, i), 10)[0]).hasSize(3);
  }
}
