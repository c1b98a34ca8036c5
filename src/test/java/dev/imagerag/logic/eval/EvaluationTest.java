package dev.imagerag.logic.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.imagerag.domain.ImageRagException;
import dev.imagerag.domain.SearchMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Running a labelled set through a searcher: averages, skipped queries and unavailable modes. */
class EvaluationTest {
  private static final List<LabelledQuery> QUERIES = List.of(
      LabelledQuery.text("cat", "cat.png"),
      LabelledQuery.text("dog", "dog.png"),
      LabelledQuery.image(Path.of("/examples/boat.jpg"), "boat.png"));

  /** Cat first for "cat", dog second for "dog"; example images only visually. */
  private static List<List<String>> fake(String text, Path image, SearchMode mode, int k) {
    if (mode == SearchMode.VISUAL) {
      throw new ImageRagException("Visual search is not available: no model");
    }
    if (image != null) {
      throw new ImageRagException("An example image can only be searched visually.");
    }
    if ("cat".equals(text)) {
      return List.of(List.of("/lib/cat.png"), List.of("/lib/dog.png"));
    }
    return List.of(List.of("/lib/cat.png"), List.of("/lib/dog.png"), List.of("/lib/boat.png"));
  }

  @Test
  void metricsAreAveragedOverTheAnsweredQueries() {
    EvaluationReport report = new Evaluation(EvaluationTest::fake).run(QUERIES, List.of(SearchMode.KEYWORD), 10);

    EvaluationReport.ModeResult keyword = report.mode(SearchMode.KEYWORD);
    assertThat(keyword.answered()).isEqualTo(2);
    assertThat(keyword.mrr()).isCloseTo((1 + 0.5) / 2, within(1e-12));
    assertThat(keyword.precisionAt5()).isCloseTo(0.2, within(1e-12));
    assertThat(keyword.recallAt10()).isEqualTo(1.0);
    assertThat(keyword.ndcgAt10()).isCloseTo((1 + Math.log(2) / Math.log(3)) / 2, within(1e-12));
  }

  @Test
  void aQueryTheModeCannotAnswerIsSkippedWithTheReason() {
    EvaluationReport report = new Evaluation(EvaluationTest::fake).run(QUERIES, List.of(SearchMode.KEYWORD), 10);

    EvaluationReport.ModeResult keyword = report.mode(SearchMode.KEYWORD);
    assertThat(keyword.skipped()).isEqualTo(1);
    assertThat(keyword.perQuery().get(2).skipped()).contains("only be searched visually");
    assertThat(keyword.latency().count()).isEqualTo(2);
  }

  @Test
  void aModeThatAnswersNothingIsReportedUnavailable() {
    EvaluationReport report = new Evaluation(EvaluationTest::fake)
        .run(QUERIES, List.of(SearchMode.VISUAL, SearchMode.TEXT), 10);

    assertThat(report.mode(SearchMode.VISUAL).available()).isFalse();
    assertThat(report.mode(SearchMode.VISUAL).unavailable()).contains("Visual search is not available");
    assertThat(report.mode(SearchMode.TEXT).available()).isTrue();
    assertThat(report.table()).contains("visual   unavailable: Visual search is not available");
  }

  @Test
  void everyModeIsWarmedUpOnceBeforeItIsTimed() {
    List<String> calls = new ArrayList<>();
    Evaluation evaluation = new Evaluation((text, image, mode, k) -> {
      calls.add(mode.id() + ":" + (text != null ? text : image.getFileName()));
      return List.of();
    });

    evaluation.run(QUERIES, List.of(SearchMode.TEXT), 10);

    assertThat(calls).containsExactly("text:" + Evaluation.WARM_UP, "text:boat.jpg", "text:cat", "text:dog",
        "text:boat.jpg");
  }

  @Test
  void theSearcherForgetsEarlierQueriesBeforeEachModeIsTimed() {
    List<String> calls = new ArrayList<>();
    Evaluation evaluation = new Evaluation(new Evaluation.Searcher() {
      @Override
      public List<List<String>> search(String text, Path image, SearchMode mode, int k) {
        calls.add(mode.id() + ":" + (text != null ? text : image.getFileName()));
        return List.of();
      }

      @Override
      public void forgetQueries() {
        calls.add("forget");
      }
    });

    evaluation.run(List.of(LabelledQuery.text("cat", "cat.png")), List.of(SearchMode.HYBRID, SearchMode.TEXT), 10);

    assertThat(calls).containsExactly("hybrid:" + Evaluation.WARM_UP, "forget", "hybrid:cat",
        "text:" + Evaluation.WARM_UP, "forget", "text:cat");
  }

  @Test
  void theSearcherIsAskedForKHits() {
    List<Integer> asked = new ArrayList<>();
    new Evaluation((text, image, mode, k) -> {
      asked.add(k);
      return List.of();
    }).run(List.of(LabelledQuery.text("cat", "cat.png")), List.of(SearchMode.KEYWORD), 7);

    assertThat(asked).containsOnly(7);
  }

  @Test
  void theJsonFormHasNoNaNAndListsEachQuery() {
    EvaluationReport report = new Evaluation(EvaluationTest::fake)
        .run(QUERIES, List.of(SearchMode.KEYWORD, SearchMode.VISUAL), 10);

    Map<String, Object> json = report.toMap();

    assertThat(json).containsEntry("queries", 3).containsEntry("k", 10);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> modes = (List<Map<String, Object>>) json.get("modes");
    assertThat(modes.get(0)).containsEntry("mode", "keyword").containsEntry("mrr", 0.75).containsKey("latencyMs");
    assertThat((List<?>) modes.get(0).get("queries")).hasSize(3);
    assertThat(modes.get(1)).containsEntry("available", false).containsKey("reason");
  }

  @Test
  void aLabelledQueryNeedsSomethingToSearchAndSomethingToFind() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LabelledQuery(" ", null, List.of("a.png")))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> LabelledQuery.text("cat"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("relevant");
  }
}
