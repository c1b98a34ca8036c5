package dev.imagerag.logic.search;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.store.StoreHit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion: each ranked list gives an image {@code weight / (K + rank)}, and the sums
 * decide. Ranks, not raw scores, are fused because the signals' scores are not comparable (cosine
 * vs BM25); a missing signal simply contributes nothing.
 */
public final class RankFusion {
  /** The usual RRF constant: damps the advantage of the very top ranks. */
  public static final int K = 60;

  private RankFusion() {}

  /** A ranked list and how much it counts. */
  public record Ranking(List<StoreHit> hits, double weight) {}

  /** Fuses the rankings, best first, at most {@code k} hits; ties keep first-seen order. */
  public static List<StoreHit> fuse(List<Ranking> rankings, int k) {
    Map<ImageId, Double> scores = new LinkedHashMap<>();
    for (Ranking ranking : rankings) {
      List<StoreHit> hits = ranking.hits();
      for (int i = 0; i < hits.size(); i++) {
        scores.merge(hits.get(i).id(), ranking.weight() / (K + i + 1), Double::sum);
      }
    }
    List<StoreHit> fused = new ArrayList<>(scores.size());
    scores.forEach((id, score) -> fused.add(new StoreHit(id, score)));
    fused.sort(Comparator.comparingDouble(StoreHit::score).reversed());
    return fused.size() > k ? List.copyOf(fused.subList(0, k)) : fused;
  }
}
