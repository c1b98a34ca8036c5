package dev.imagerag.logic.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Passages of an image's text around the query's words. */
class SnippetsTest {
  private static final String ERROR = "ERROR: connection refused to postgres on port 5432";

  @Test
  void marksTheQueryWordsInTheText() {
    assertThat(Snippets.of(ERROR, "postgres connection", 2))
        .containsExactly("ERROR: **connection** refused to **postgres** on port 5432");
  }

  @Test
  void aWordMarksLongerFormsOfItByPrefix() {
    assertThat(Snippets.of(ERROR, "refuse", 2)).containsExactly("ERROR: connection **refused** to postgres on port 5432");
  }

  @Test
  void matchingIgnoresCase() {
    assertThat(Snippets.of(ERROR, "POSTGRES", 1)).containsExactly("ERROR: connection refused to **postgres** on port 5432");
  }

  @Test
  void shortWordsAreNotMarkedButNumbersAre() {
    assertThat(Snippets.of(ERROR, "to 5432", 1)).containsExactly("ERROR: connection refused to postgres on port **5432**");
  }

  @Test
  void aLongTextGivesAWindowAroundTheWordWithEllipses() {
    String text = "lorem ipsum ".repeat(30) + "the backup failed at midnight " + "dolor sit amet ".repeat(30);

    List<String> snippets = Snippets.of(text, "backup", 2);

    assertThat(snippets).hasSize(1);
    String snippet = snippets.get(0);
    assertThat(snippet).startsWith("…").endsWith("…").contains("the **backup** failed");
    assertThat(snippet.replace("**", "").length()).isLessThanOrEqualTo(Snippets.WIDTH + 2);
  }

  @Test
  void aWordNearTheStartNeedsNoLeadingEllipsis() {
    String text = "backup failed " + "filler words ".repeat(40);

    assertThat(Snippets.of(text, "backup", 1).get(0)).startsWith("**backup** failed").endsWith("…");
  }

  @Test
  void returnsAtMostTheAskedNumberOfSnippets() {
    String far = " padding".repeat(40);
    String text = "timeout one" + far + " timeout two" + far + " timeout three" + far;

    List<String> snippets = Snippets.of(text, "timeout", 2);

    assertThat(snippets).hasSize(2);
    assertThat(snippets.get(0)).contains("**timeout** one");
    assertThat(snippets.get(1)).contains("**timeout** two");
  }

  @Test
  void hitsCloseTogetherShareOneSnippet() {
    assertThat(Snippets.of("disk full, disk error, disk gone", "disk", 3))
        .containsExactly("**disk** full, **disk** error, **disk** gone");
  }

  @Test
  void noMatchingWordGivesNoSnippet() {
    assertThat(Snippets.of(ERROR, "invoice", 2)).isEmpty();
    assertThat(Snippets.of(null, "invoice", 2)).isEmpty();
    assertThat(Snippets.of("   ", "invoice", 2)).isEmpty();
  }
}
