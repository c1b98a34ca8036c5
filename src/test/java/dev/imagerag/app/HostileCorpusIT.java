package dev.imagerag.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagerag.infra.catalog.SqliteCatalog;
import dev.imagerag.logic.library.LibraryPaths;
import dev.imagerag.testing.CliRun;
import dev.imagerag.testing.HostileCorpus;
import dev.imagerag.testing.JarProcess;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every hostile file at once, through the packaged jar with a 1 GB heap: each file is imported or
 * skipped with its specific reason, nothing crashes, nothing takes long.
 */
class HostileCorpusIT {
  @TempDir Path dir;

  @Test
  void everyHostileFileIsClassifiedWithinTheHeapAndTimeBudget() throws Exception {
    HostileCorpus corpus = HostileCorpus.create(dir.resolve("corpus"));
    String library = dir.resolve("library").toString();

    long start = System.nanoTime();
    CliRun index = JarProcess.run(dir.resolve("home"), 300, "index", "--library", library, "--json",
        dir.resolve("corpus").toString());
    double seconds = (System.nanoTime() - start) / 1e9;

    assertThat(index.exitCode()).as(index.err()).isZero();
    assertThat(index.err()).doesNotContain("Exception");
    JsonNode summary = index.json();
    Map<String, String> outcomes = new HashMap<>();
    for (JsonNode skipped : summary.get("skipped")) {
      outcomes.put(skipped.get("path").asText(), skipped.get("reason").asText());
      assertThat(skipped.get("detail").asText()).as(skipped.get("path").asText()).isNotBlank();
    }
    try (SqliteCatalog catalog = SqliteCatalog.openReadOnly(new LibraryPaths(Path.of(library)).catalogFile())) {
      corpus.expected().forEach((path, outcome) -> {
        if (catalog.findPath(path).isPresent()) {
          outcomes.put(path, "imported");
        }
      });
    }
    assertThat(outcomes).containsExactlyInAnyOrderEntriesOf(corpus.expected());
    // Thirty-odd files, one of them 4 GB and one 400 megapixels: none may stall the import.
    assertThat(seconds).isLessThan(60);
  }
}
