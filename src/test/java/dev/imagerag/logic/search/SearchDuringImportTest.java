package dev.imagerag.logic.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.domain.SearchMode;
import dev.imagerag.logic.ingest.ImportRequest;
import dev.imagerag.logic.jobs.JobControl;
import dev.imagerag.testing.ManyImages;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.TestLibrary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searching stays responsive while a large import runs on the same library (2 cores, both busy). */
class SearchDuringImportTest {
  @TempDir Path dir;

  @Test
  void searchesAnswerQuicklyWhileAnImportRuns() throws Exception {
    TestImages.png(dir.resolve("first/receipt-lunch.png"), 80, 60, 1);
    ManyImages.create(dir.resolve("many"), 3000);
    try (TestLibrary lib = TestLibrary.open(dir.resolve("library"))) {
      lib.importFrom(dir.resolve("first"));
      JobControl control = new JobControl();
      CompletableFuture<?> importing = CompletableFuture.runAsync(() -> {
        try {
          lib.pipeline.run(ImportRequest.of(List.of(dir.resolve("many"))), control, lib.pipeline.newProgress());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      List<Long> millis = new ArrayList<>();
      while (!importing.isDone() && millis.size() < 200) {
        long start = System.nanoTime();
        assertThat(lib.search.search(SearchRequest.text("receipt", SearchMode.HYBRID, 10)))
            .anySatisfy(hit -> assertThat(hit.path()).endsWith("receipt-lunch.png"));
        millis.add((System.nanoTime() - start) / 1_000_000);
        Thread.sleep(20);
      }
      importing.get();
      Collections.sort(millis);
      long p50 = millis.get(millis.size() / 2);
      long p95 = millis.get((int) (millis.size() * 0.95));
      System.out.printf("search during import: %d searches, p50 %d ms, p95 %d ms%n", millis.size(), p50, p95);
      assertThat(millis.size()).as("searches made while importing").isGreaterThan(10);
      assertThat(p95).as("p95 latency in ms while importing").isLessThan(500);
    }
  }
}
