package dev.imagerag.logic.search;

/**
 * Where the relevant results end, from the shape of one query's scores rather than a fixed global
 * threshold: the relevant hits form a group ahead of a long tail, and the largest drop between
 * consecutive scores separates them, provided that drop clearly stands out from the others.
 */
public final class RelevanceCutoff {
  /** The drop must be at least this many times the median drop to count as the edge. */
  static final double PROMINENCE = 3.0;
  /** Fewer scores than this carry no shape: nothing is cut. */
  static final int MIN_SCORES = 4;

  private RelevanceCutoff() {}

  /**
   * How many of the scores (sorted best first) to keep: all of them when no drop stands out.
   */
  public static int keep(double[] scoresBestFirst) {
    int n = scoresBestFirst.length;
    if (n < MIN_SCORES) {
      return n;
    }
    double[] drops = new double[n - 1];
    int largest = 0;
    for (int i = 0; i < n - 1; i++) {
      drops[i] = scoresBestFirst[i] - scoresBestFirst[i + 1];
      if (drops[i] > drops[largest]) {
        largest = i;
      }
    }
    double[] sorted = drops.clone();
    java.util.Arrays.sort(sorted);
    double median = sorted[sorted.length / 2];
    double range = scoresBestFirst[0] - scoresBestFirst[n - 1];
    boolean stands = drops[largest] >= PROMINENCE * Math.max(median, 1e-9) && drops[largest] >= 0.15 * range;
    return stands ? largest + 1 : n;
  }
}
