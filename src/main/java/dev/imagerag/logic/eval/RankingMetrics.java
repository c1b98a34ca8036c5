package dev.imagerag.logic.eval;

import java.nio.file.Path;
import java.util.List;

/**
 * Retrieval metrics with binary relevance, on one ranked list. Ranks are 1-based. Each relevant
 * entry is credited once, to the first hit that matches it, so a file listed once but found under
 * two names (or two copies sharing a file name) cannot push a metric above 1.
 */
public final class RankingMetrics {
  private RankingMetrics() {}

  /**
   * Which hits are relevant and how many entries they found.
   *
   * @param relevantHits per rank (index 0 = rank 1), whether that hit found a not yet credited entry
   * @param relevantCount how many relevant entries the query has
   */
  public record Judged(boolean[] relevantHits, int relevantCount) {
    /** Relevant entries found within the first {@code n} hits. */
    public int foundWithin(int n) {
      int found = 0;
      for (int i = 0; i < Math.min(n, relevantHits.length); i++) {
        found += relevantHits[i] ? 1 : 0;
      }
      return found;
    }

    /** The rank of the first relevant hit, or 0 when none was returned. */
    public int firstRelevantRank() {
      for (int i = 0; i < relevantHits.length; i++) {
        if (relevantHits[i]) {
          return i + 1;
        }
      }
      return 0;
    }
  }

  /**
   * Judges a ranked list.
   *
   * @param hitPaths per hit, best first, the hit's file paths
   * @param relevant the query's relevant entries (full paths or file names)
   */
  public static Judged judge(List<List<String>> hitPaths, List<String> relevant) {
    boolean[] credited = new boolean[relevant.size()];
    boolean[] hits = new boolean[hitPaths.size()];
    for (int h = 0; h < hitPaths.size(); h++) {
      for (int r = 0; r < relevant.size(); r++) {
        if (!credited[r] && matches(hitPaths.get(h), relevant.get(r))) {
          credited[r] = true;
          hits[h] = true;
        }
      }
    }
    return new Judged(hits, relevant.size());
  }

  /** An entry matches a hit when it equals one of its paths or one of their file names. */
  static boolean matches(List<String> paths, String entry) {
    for (String path : paths) {
      if (path.equals(entry) || entry.equals(fileName(path))) {
        return true;
      }
    }
    return false;
  }

  private static String fileName(String path) {
    try {
      Path name = Path.of(path).getFileName();
      return name == null ? path : name.toString();
    } catch (RuntimeException invalid) {
      return path;
    }
  }

  /** Relevant hits among the first n, divided by n (missing hits count as not relevant). */
  public static double precisionAt(int n, Judged judged) {
    return (double) judged.foundWithin(n) / n;
  }

  /** Relevant entries found within the first n hits, divided by all relevant entries. */
  public static double recallAt(int n, Judged judged) {
    return (double) judged.foundWithin(n) / judged.relevantCount();
  }

  /** 1 / rank of the first relevant hit; 0 when none came back. */
  public static double reciprocalRank(Judged judged) {
    int rank = judged.firstRelevantRank();
    return rank == 0 ? 0 : 1.0 / rank;
  }

  /**
   * Normalised discounted cumulative gain over the first n hits: the sum of 1/log2(rank + 1) over
   * relevant hits, divided by that of an ideal list with every relevant entry first.
   */
  public static double ndcgAt(int n, Judged judged) {
    double dcg = 0;
    boolean[] hits = judged.relevantHits();
    for (int i = 0; i < Math.min(n, hits.length); i++) {
      if (hits[i]) {
        dcg += discount(i + 1);
      }
    }
    double ideal = 0;
    for (int rank = 1; rank <= Math.min(n, judged.relevantCount()); rank++) {
      ideal += discount(rank);
    }
    return dcg / ideal;
  }

  private static double discount(int rank) {
    return 1.0 / (Math.log(rank + 1) / Math.log(2));
  }
}
