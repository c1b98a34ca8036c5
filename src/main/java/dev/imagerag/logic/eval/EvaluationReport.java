package dev.imagerag.logic.eval;

import dev.imagerag.domain.SearchMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an {@link Evaluation} measured: per mode the mean metrics over answered queries, latency,
 * and each query's outcome. {@link #table()} is for people, {@link #toMap()} for JSON.
 *
 * @param queries the number of labelled queries
 * @param k hits asked per query
 */
public record EvaluationReport(int queries, int k, List<ModeResult> modes) {
  public EvaluationReport {
    modes = List.copyOf(modes);
  }

  /**
   * One query in one mode: where its first relevant hit came (0 = not returned) and the metric
   * values, or why the mode skipped it.
   */
  public record QueryResult(
      String query, String skipped, int firstRelevantRank, int relevantFound, int relevantCount,
      double precisionAt5, double recallAt10, double reciprocalRank, double ndcgAt10, long nanos) {

    static QueryResult of(String query, RankingMetrics.Judged judged, long nanos) {
      return new QueryResult(query, null, judged.firstRelevantRank(), judged.foundWithin(Integer.MAX_VALUE),
          judged.relevantCount(), RankingMetrics.precisionAt(5, judged), RankingMetrics.recallAt(10, judged),
          RankingMetrics.reciprocalRank(judged), RankingMetrics.ndcgAt(10, judged), nanos);
    }

    static QueryResult skipped(String query, String reason) {
      return new QueryResult(query, reason, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
    }

    public boolean answered() {
      return skipped == null;
    }

    Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("query", query);
      if (!answered()) {
        map.put("skipped", skipped);
        return map;
      }
      map.put("firstRelevantRank", firstRelevantRank);
      map.put("relevantFound", relevantFound);
      map.put("relevant", relevantCount);
      map.put("ndcgAt10", round(ndcgAt10));
      map.put("latencyMs", Latencies.round(nanos / 1e6));
      return map;
    }
  }

  /**
   * One mode's scores.
   *
   * @param unavailable why the mode answered no query, or null
   */
  public record ModeResult(
      SearchMode mode, String unavailable, int answered, int skipped, double precisionAt5, double recallAt10,
      double mrr, double ndcgAt10, Latencies latency, List<QueryResult> perQuery) {

    public ModeResult {
      perQuery = List.copyOf(perQuery);
    }

    static ModeResult of(SearchMode mode, List<QueryResult> perQuery) {
      List<QueryResult> answered = perQuery.stream().filter(QueryResult::answered).toList();
      int skipped = perQuery.size() - answered.size();
      if (answered.isEmpty()) {
        String reason = perQuery.isEmpty() ? "no queries" : perQuery.get(0).skipped();
        return new ModeResult(mode, reason, 0, skipped, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Latencies.NONE, perQuery);
      }
      return new ModeResult(mode, null, answered.size(), skipped,
          mean(answered, QueryResult::precisionAt5), mean(answered, QueryResult::recallAt10),
          mean(answered, QueryResult::reciprocalRank), mean(answered, QueryResult::ndcgAt10),
          Latencies.ofNanos(answered.stream().mapToLong(QueryResult::nanos).toArray()), perQuery);
    }

    private static double mean(List<QueryResult> results, java.util.function.ToDoubleFunction<QueryResult> metric) {
      return results.stream().mapToDouble(metric).average().orElse(Double.NaN);
    }

    public boolean available() {
      return unavailable == null;
    }

    Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("mode", mode.id());
      map.put("available", available());
      if (!available()) {
        map.put("reason", unavailable);
        return map;
      }
      map.put("answered", answered);
      map.put("skipped", skipped);
      map.put("precisionAt5", round(precisionAt5));
      map.put("recallAt10", round(recallAt10));
      map.put("mrr", round(mrr));
      map.put("ndcgAt10", round(ndcgAt10));
      map.put("latencyMs", latency.toMap());
      List<Map<String, Object>> queries = new ArrayList<>();
      perQuery.forEach(q -> queries.add(q.toMap()));
      map.put("queries", queries);
      return map;
    }
  }

  public ModeResult mode(SearchMode mode) {
    return modes.stream().filter(m -> m.mode() == mode).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("mode not evaluated: " + mode.id()));
  }

  /** A plain-text table, one line per mode. */
  public String table() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%d queries, k = %d; latency per query in ms, query encoding included%n",
        queries, k));
    out.append(String.format(Locale.ROOT, "%-8s %8s %7s %6s %6s %6s %8s %8s %8s %8s%n",
        "mode", "answered", "skipped", "P@5", "R@10", "MRR", "nDCG@10", "p50", "p95", "max"));
    for (ModeResult m : modes) {
      if (!m.available()) {
        out.append(String.format(Locale.ROOT, "%-8s unavailable: %s%n", m.mode().id(), m.unavailable()));
        continue;
      }
      out.append(String.format(Locale.ROOT, "%-8s %8d %7d %6.3f %6.3f %6.3f %8.3f %8.2f %8.2f %8.2f%n",
          m.mode().id(), m.answered(), m.skipped(), m.precisionAt5(), m.recallAt10(), m.mrr(), m.ndcgAt10(),
          m.latency().p50(), m.latency().p95(), m.latency().max()));
    }
    return out.toString();
  }

  /** Maps, lists, strings and numbers only (no NaN), ready for any JSON writer. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("queries", queries);
    map.put("k", k);
    List<Map<String, Object>> list = new ArrayList<>();
    modes.forEach(m -> list.add(m.toMap()));
    map.put("modes", list);
    return map;
  }

  private static Double round(double value) {
    return Double.isNaN(value) ? null : Math.round(value * 10000) / 10000.0;
  }
}
