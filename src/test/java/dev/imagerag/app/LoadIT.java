package dev.imagerag.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagerag.domain.ImageId;
import dev.imagerag.infra.catalog.SqliteCatalog;
import dev.imagerag.infra.lucene.LuceneVectorStore;
import dev.imagerag.logic.library.LibraryPaths;
import dev.imagerag.testing.CliRun;
import dev.imagerag.testing.JarProcess;
import dev.imagerag.testing.ManyImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 20,000 images through the packaged jar with a 1 GB heap: the catalog and the index stay
 * consistent, and resident memory stays bounded (measured from /proc while it runs).
 */
class LoadIT {
  private static final int IMAGES = 20_000;

  @TempDir Path dir;

  @Test
  void twentyThousandImagesImportWithBoundedMemoryAndConsistentState() throws Exception {
    ManyImages.create(dir.resolve("in"), IMAGES);
    String library = dir.resolve("library").toString();

    Process index = JarProcess.start(dir.resolve("home"), "index", "--library", library, "--json",
        dir.resolve("in").toString());
    long peakRssKib = 0;
    while (!index.waitFor(200, TimeUnit.MILLISECONDS)) {
      peakRssKib = Math.max(peakRssKib, vmHwmKib(index.pid()));
    }
    assertThat(index.exitValue()).as(Files.readString(dir.resolve("home/stderr.txt"))).isZero();
    JsonNode summary = new CliRun(0, Files.readString(dir.resolve("home/stdout.txt")), "").json();
    System.out.printf("LoadIT: %d images in %.1f s, peak RSS %d MiB%n", IMAGES, summary.get("seconds").asDouble(),
        peakRssKib >> 10);

    assertThat(summary.get("added").asLong()).isEqualTo(IMAGES);
    assertThat(peakRssKib >> 10).as("peak resident memory in MiB").isLessThan(1800);
    LibraryPaths paths = new LibraryPaths(Path.of(library));
    try (SqliteCatalog catalog = SqliteCatalog.openReadOnly(paths.catalogFile());
        LuceneVectorStore store = LuceneVectorStore.openReadOnly(paths.indexDir())) {
      Set<ImageId> inCatalog = new HashSet<>();
      catalog.forEachImageId(inCatalog::add);
      Set<ImageId> inStore = new HashSet<>();
      store.forEachId(inStore::add);
      assertThat(inCatalog).hasSize(IMAGES);
      assertThat(inStore).isEqualTo(inCatalog);
    }

    CliRun bench = JarProcess.run(dir.resolve("home"), 600, "bench", "import", "--json", dir.resolve("in").toString());
    System.out.println("LoadIT bench import: " + bench.out().strip());
    assertThat(bench.json().get("peakHeapMiB").asLong()).isLessThan(1024);
  }

  /** Peak resident set size of a process so far (Linux), 0 when unknown. */
  private static long vmHwmKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (Exception e) {
      // the process has ended between the check and the read
    }
    return 0;
  }
}
