package dev.imagerag.logic.eval;

import dev.imagerag.domain.ImageRagException;
import dev.imagerag.domain.SearchMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs a labelled query set through search in several modes and scores each mode: Precision@5,
 * Recall@10, mean reciprocal rank and nDCG@10 (binary relevance, see {@link RankingMetrics}), plus
 * the latency of each query (encoding the query included, after one untimed warm-up query per mode
 * so model loading is not counted). Before a mode's timed queries the searcher forgets the queries
 * it has seen, so a mode evaluated later does not find the embeddings of an earlier mode cached.
 *
 * <p>A query a mode cannot answer (an example image in keyword mode, visual search without a
 * model) is skipped for that mode with the reason; a mode that answers none is reported
 * unavailable rather than failing the evaluation. Metrics average over the answered queries.
 */
public final class Evaluation {
  /** The query a mode is warmed up with (never scored). */
  static final String WARM_UP = "warm up";

  /** Searches the way the product does, returning each hit's file paths, best first. */
  @FunctionalInterface
  public interface Searcher {
    /**
     * @throws ImageRagException when this mode cannot answer this query
     */
    List<List<String>> search(String text, Path image, SearchMode mode, int k);

    /**
     * Drops what the searcher remembers of earlier queries (cached query embeddings), so the next
     * queries pay for encoding as a fresh query would. Nothing by default.
     */
    default void forgetQueries() {}
  }

  private final Searcher searcher;

  public Evaluation(Searcher searcher) {
    this.searcher = Objects.requireNonNull(searcher, "searcher");
  }

  /**
   * Scores every mode on every query.
   *
   * @param k hits asked per query (P@5, R@10 and nDCG@10 look at most at the first k)
   */
  public EvaluationReport run(List<LabelledQuery> queries, List<SearchMode> modes, int k) {
    if (queries.isEmpty()) {
      throw new IllegalArgumentException("no queries to evaluate");
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
    List<EvaluationReport.ModeResult> results = new ArrayList<>();
    for (SearchMode mode : modes) {
      results.add(evaluate(queries, mode, k));
    }
    return new EvaluationReport(queries.size(), k, results);
  }

  private EvaluationReport.ModeResult evaluate(List<LabelledQuery> queries, SearchMode mode, int k) {
    warmUp(queries, mode, k);
    searcher.forgetQueries();
    List<EvaluationReport.QueryResult> perQuery = new ArrayList<>();
    for (LabelledQuery query : queries) {
      long start = System.nanoTime();
      List<List<String>> hits;
      try {
        hits = searcher.search(query.text(), query.image(), mode, k);
      } catch (ImageRagException e) {
        perQuery.add(EvaluationReport.QueryResult.skipped(query.label(), e.getMessage()));
        continue;
      }
      long nanos = System.nanoTime() - start;
      perQuery.add(EvaluationReport.QueryResult.of(query.label(), RankingMetrics.judge(hits, query.relevant()),
          nanos));
    }
    return EvaluationReport.ModeResult.of(mode, perQuery);
  }

  /** Loads whatever the mode needs once (models load lazily), with queries that are never scored. */
  private void warmUp(List<LabelledQuery> queries, SearchMode mode, int k) {
    try {
      searcher.search(WARM_UP, null, mode, k);
    } catch (ImageRagException e) {
      // The scored run reports why; warming up is best effort.
    }
    queries.stream().filter(q -> q.image() != null).findFirst().ifPresent(q -> {
      try {
        searcher.search(null, q.image(), mode, k);
      } catch (ImageRagException e) {
        // As above.
      }
    });
  }
}
