package dev.imagerag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagerag.app.AppLibraryOpener;
import dev.imagerag.testing.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `bench search` on a small synthetic library: every mode timed, recall measured, nothing left behind. */
class BenchSearchCommandTest {
  @TempDir Path dir;

  private CliRun run(String... args) {
    return CliRunner.run(new AppLibraryOpener(), Map.of(), dir.resolve("home"), args);
  }

  private static List<String> modes(JsonNode json) {
    List<String> modes = new ArrayList<>();
    json.get("modes").forEach(m -> modes.add(m.get("mode").asText()));
    return modes;
  }

  @Test
  void measuresEveryModeWithRecallOfTheVectorSearches() {
    CliRun bench = run("bench", "search", "--images", "600", "--dim", "64", "--queries", "10", "--batch", "250",
        "--json");

    assertThat(bench.exitCode()).as(bench.err()).isZero();
    JsonNode json = bench.json();
    assertThat(json.get("images").asInt()).isEqualTo(600);
    assertThat(json.get("indexMiB").asDouble()).isPositive();
    assertThat(json.get("segments").asInt()).isPositive();
    assertThat(json.get("buildSeconds").asDouble()).isPositive();
    assertThat(modes(json)).containsExactly("keyword", "visual", "text", "hybrid (index)",
        "visual (200 candidates)", "visual (400 candidates)", "hybrid (service)", "hybrid (service, no grouping)");
    assertThat(json.get("modes").get(1).get("recall").asDouble()).isGreaterThanOrEqualTo(0.98);
    assertThat(json.get("modes").get(0).get("latencyMs").get("p50").isNumber()).isTrue();
    assertThat(bench.err()).contains("indexed 600 of 600 images");
  }

  @Test
  void withoutTheCatalogOnlyTheIndexIsMeasured() {
    CliRun bench = run("bench", "search", "--images", "300", "--dim", "32", "--rank", "8", "--queries", "5",
        "--no-catalog");

    assertThat(bench.exitCode()).as(bench.err()).isZero();
    assertThat(bench.out()).contains("300 images", "hybrid (index)", "recall@10").doesNotContain("service");
  }

  @Test
  void aRankAboveTheDimensionIsRefused() {
    CliRun bench = run("bench", "search", "--images", "10", "--dim", "32", "--rank", "64");

    assertThat(bench.exitCode()).isEqualTo(Cli.FAILURE);
    assertThat(bench.err()).contains("--rank");
  }

  @Test
  void aNonPositiveImageCountIsRefused() {
    CliRun bench = run("bench", "search", "--images", "0");

    assertThat(bench.exitCode()).isEqualTo(Cli.FAILURE);
    assertThat(bench.err()).contains("--images");
  }
}
