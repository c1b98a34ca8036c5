package dev.imagerag.logic.eval;

import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Exact k nearest neighbours by brute force (dot products of unit vectors = cosine), the ground
 * truth for approximate search. Vectors are produced on demand, so a million of them need no
 * memory; the work is split over the available cores.
 */
public final class ExactNeighbours {
  private static final int CHUNK = 4096;

  private ExactNeighbours() {}

  /**
   * For each query, the indexes of the k vectors with the largest dot product, best first.
   *
   * @param count how many vectors there are
   * @param vector vector i, or null when i has none
   */
  public static int[][] topK(List<float[]> queries, int count, IntFunction<float[]> vector, int k) {
    int chunks = (count + CHUNK - 1) / CHUNK;
    return IntStream.range(0, chunks).parallel()
        .mapToObj(c -> scan(queries, c * CHUNK, Math.min(count, (c + 1) * CHUNK), vector, k))
        .reduce((a, b) -> merge(a, b, k))
        .map(TopK::indexes)
        .orElseGet(() -> new int[queries.size()][0]);
  }

  private static TopK[] scan(List<float[]> queries, int from, int to, IntFunction<float[]> vector, int k) {
    TopK[] tops = new TopK[queries.size()];
    for (int q = 0; q < tops.length; q++) {
      tops[q] = new TopK(k);
    }
    for (int i = from; i < to; i++) {
      float[] v = vector.apply(i);
      if (v == null) {
        continue;
      }
      for (int q = 0; q < tops.length; q++) {
        float[] query = queries.get(q);
        double dot = 0;
        for (int d = 0; d < v.length; d++) {
          dot += query[d] * v[d];
        }
        tops[q].offer(i, dot);
      }
    }
    return tops;
  }

  private static TopK[] merge(TopK[] a, TopK[] b, int k) {
    for (int q = 0; q < a.length; q++) {
      for (int j = 0; j < b[q].size; j++) {
        a[q].offer(b[q].index[j], b[q].score[j]);
      }
    }
    return a;
  }

  /** The k best (index, score) pairs seen, kept sorted best first. */
  private static final class TopK {
    final int[] index;
    final double[] score;
    int size;

    TopK(int k) {
      index = new int[k];
      score = new double[k];
    }

    void offer(int i, double s) {
      if (size == index.length && s <= score[size - 1]) {
        return;
      }
      int pos = size == index.length ? size - 1 : size++;
      while (pos > 0 && score[pos - 1] < s) {
        index[pos] = index[pos - 1];
        score[pos] = score[pos - 1];
        pos--;
      }
      index[pos] = i;
      score[pos] = s;
    }

    static int[][] indexes(TopK[] tops) {
      int[][] out = new int[tops.length][];
      for (int q = 0; q < tops.length; q++) {
        out[q] = java.util.Arrays.copyOf(tops[q].index, tops[q].size);
      }
      return out;
    }
  }
}
