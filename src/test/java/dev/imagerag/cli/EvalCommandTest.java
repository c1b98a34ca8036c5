package dev.imagerag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagerag.app.AppLibraryOpener;
import dev.imagerag.testing.CliRun;
import dev.imagerag.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `eval` through the real composition root on a library without a visual model: keyword search
 * finds files by name, visual search is reported unavailable, results go to a table or JSON.
 */
class EvalCommandTest {
  @TempDir Path dir;
  private Path queries;

  private CliRun run(String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(new String[] {"--library", dir.resolve("library").toString(), "--models",
        dir.resolve("models").toString()}, 0, all, args.length, 4);
    return CliRunner.run(new AppLibraryOpener(), Map.of(), dir.resolve("home"), all);
  }

  @BeforeEach
  void indexNamedFilesAndWriteQueries() throws Exception {
    TestImages.jpeg(dir.resolve("set/in/sunset_beach.jpg"), 120, 90, 1);
    TestImages.png(dir.resolve("set/in/invoice_march.png"), 120, 90, 2);
    TestImages.jpeg(dir.resolve("set/in/cat_on_sofa.jpg"), 120, 90, 3);
    CliRun index = run("index", dir.resolve("set/in").toString());
    assertThat(index.exitCode()).as(index.err()).isZero();
    queries = dir.resolve("set/queries.jsonl");
    Files.writeString(queries, """
        {"query": "sunset", "relevant": ["sunset_beach.jpg"]}

        {"query": "invoice", "relevant": ["in/invoice_march.png"]}
        {"image": "in/cat_on_sofa.jpg", "relevant": ["cat_on_sofa.jpg"]}
        """);
  }

  @Test
  void printsATableWithAModeWithoutItsModelMarkedUnavailable() {
    CliRun eval = run("eval", "--queries", queries.toString());

    assertThat(eval.exitCode()).as(eval.err()).isZero();
    assertThat(eval.out()).contains("3 queries, k = 10");
    assertThat(eval.out().lines().filter(l -> l.startsWith("keyword")).findFirst().orElseThrow())
        .matches("keyword\\s+2\\s+1\\s+0\\.200\\s+1\\.000\\s+1\\.000\\s+1\\.000.*");
    assertThat(eval.out()).containsPattern("visual\\s+unavailable: .*not downloaded");
  }

  @Test
  void outWritesTheResultsPerQueryAsJson() throws Exception {
    Path results = dir.resolve("results.json");

    CliRun eval = run("eval", "--queries", queries.toString(), "--modes", "keyword,visual", "--out", results.toString());

    assertThat(eval.exitCode()).as(eval.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(results.toFile());
    assertThat(json.get("modes")).hasSize(2);
    JsonNode keyword = json.get("modes").get(0);
    assertThat(keyword.get("mode").asText()).isEqualTo("keyword");
    assertThat(keyword.get("mrr").asDouble()).isEqualTo(1.0);
    assertThat(keyword.get("latencyMs").get("p95").isNumber()).isTrue();
    assertThat(keyword.get("queries").get(1).get("firstRelevantRank").asInt()).isEqualTo(1);
    assertThat(keyword.get("queries").get(2).get("skipped").asText()).contains("visually");
    assertThat(json.get("modes").get(1).get("available").asBoolean()).isFalse();
    assertThat(eval.out()).contains("written to " + results);
  }

  @Test
  void jsonPrintsTheResultsOnStandardOutput() {
    CliRun eval = run("eval", "--queries", queries.toString(), "--modes", "hybrid", "--json");

    assertThat(eval.exitCode()).as(eval.err()).isZero();
    assertThat(eval.json().get("k").asInt()).isEqualTo(10);
    assertThat(eval.json().get("modes").get(0).get("mode").asText()).isEqualTo("hybrid");
  }

  @Test
  void aBrokenLineIsReportedWithItsNumber() throws Exception {
    Files.writeString(queries, "{\"query\": \"sunset\", \"relevant\": [\"a.jpg\"]}\n{\"query\": \"dog\"}\n");

    CliRun eval = run("eval", "--queries", queries.toString());

    assertThat(eval.exitCode()).isEqualTo(Cli.FAILURE);
    assertThat(eval.err()).contains("Line 2 of " + queries).contains("relevant");
  }

  @Test
  void aMissingExampleImageIsReportedBeforeSearching() throws Exception {
    Files.writeString(queries, "{\"image\": \"nowhere.jpg\", \"relevant\": [\"a.jpg\"]}\n");

    CliRun eval = run("eval", "--queries", queries.toString());

    assertThat(eval.exitCode()).isEqualTo(Cli.FAILURE);
    assertThat(eval.err()).contains("Line 1").contains("no such image file");
  }

  @Test
  void anUnknownModeIsAUsageError() {
    CliRun eval = run("eval", "--queries", queries.toString(), "--modes", "keyword,telepathy");

    assertThat(eval.exitCode()).isEqualTo(Cli.USAGE);
  }
}
