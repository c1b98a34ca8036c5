package dev.imagerag.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.StageState;
import dev.imagerag.infra.catalog.SqliteCatalog;
import dev.imagerag.infra.lucene.LuceneVectorStore;
import dev.imagerag.infra.qdrant.QdrantVectorStore;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.library.LibraryPaths;
import dev.imagerag.logic.store.StoreSettings;
import dev.imagerag.support.Sha256;
import dev.imagerag.testing.CliRun;
import dev.imagerag.testing.JarProcess;
import dev.imagerag.testing.ManyImages;
import dev.imagerag.testing.qdrant.FakeQdrantServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL at random moments during import, reindex and migrate, then a normal run: every image ends
 * in the catalog exactly once, the index equals the catalog, and no stray thumbnails or temp files
 * stay.
 */
class CrashSafetyIT {
  private static final int IMAGES = 1000;

  @TempDir Path dir;

  @Test
  void killingAnImportRepeatedlyLosesNothingAndDuplicatesNothing() throws Exception {
    List<Path> files = ManyImages.create(dir.resolve("in"), IMAGES);
    Path home = dir.resolve("home");
    String library = dir.resolve("library").toString();
    Random random = new Random(42);

    int kills = 0;
    for (int attempt = 0; attempt < 4; attempt++) {
      Process process = JarProcess.start(home, "index", "--library", library, dir.resolve("in").toString());
      boolean finished = process.waitFor(700 + random.nextInt(1800), TimeUnit.MILLISECONDS);
      if (!finished) {
        process.destroyForcibly().waitFor(); // SIGKILL on Linux and macOS
        kills++;
      }
    }
    CliRun last = JarProcess.run(home, 300, "index", "--library", library, "--json", dir.resolve("in").toString());

    assertThat(kills).as("the import must have been killed mid-way at least twice").isGreaterThanOrEqualTo(2);
    assertThat(last.exitCode()).as(last.err()).isZero();
    assertConsistent(Path.of(library), files);
  }

  @Test
  void killingAReindexLeavesAnIndexThatTheNextRunCompletes() throws Exception {
    List<Path> files = ManyImages.create(dir.resolve("in"), IMAGES);
    Path home = dir.resolve("home");
    String library = dir.resolve("library").toString();
    assertThat(JarProcess.run(home, 300, "index", "--library", library, dir.resolve("in").toString()).exitCode())
        .isZero();

    Process reindex = JarProcess.start(home, "reindex", "--library", library);
    Thread.sleep(900);
    reindex.destroyForcibly().waitFor();
    CliRun resumed = JarProcess.run(home, 300, "index", "--library", library);

    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    assertConsistent(Path.of(library), files);
  }

  /**
   * Killed after it stored its first batches in a Qdrant server (a loopback double of it), the
   * migration leaves the library's own index untouched and, run again, continues from its
   * checkpoint to a collection equal to the catalog.
   */
  @Test
  void killingAMigrationLeavesTheSourceIntactAndTheNextRunCompletesTheCopy() throws Exception {
    List<Path> files = ManyImages.create(dir.resolve("in"), IMAGES);
    Path home = dir.resolve("home");
    Path libraryRoot = dir.resolve("library");
    String library = libraryRoot.toString();
    assertThat(JarProcess.run(home, 300, "index", "--library", library, dir.resolve("in").toString()).exitCode())
        .isZero();
    Path checkpoint = libraryRoot.resolve("migrate.progress");

    try (FakeQdrantServer server = FakeQdrantServer.onLoopback(null)) {
      String[] migrate = {"migrate", "--library", library, "--to", "qdrant", "--qdrant-url", server.url(),
          "--collection", "crash-test", "--json"};
      int killedMidway = 0;
      for (int attempt = 0; attempt < 3 && killedMidway < 2; attempt++) {
        Process process = JarProcess.start(home, migrate);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (process.isAlive() && !Files.exists(checkpoint) && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        if (process.isAlive()) {
          process.destroyForcibly().waitFor();
          killedMidway++;
        }
      }
      assertThat(killedMidway).as("the migration must have been killed after its first batch").isPositive();

      CliRun last = JarProcess.run(home, 300, migrate);

      assertThat(last.exitCode()).as(last.out() + last.err()).isZero();
      assertThat(last.json().get("complete").asBoolean()).isTrue();
      assertThat(checkpoint).doesNotExist();
      Set<ImageId> expected = new HashSet<>();
      try (SqliteCatalog catalog = SqliteCatalog.open(new LibraryPaths(libraryRoot).catalogFile())) {
        catalog.forEachImageId(expected::add);
      }
      StoreSettings remote = StoreSettings.qdrant(server.url()).withOverrides(null, null, null, "crash-test");
      try (QdrantVectorStore store = QdrantVectorStore.open(remote, libraryRoot, Map.of(), true)) {
        Set<ImageId> inStore = new HashSet<>();
        store.forEachId(inStore::add);
        assertThat(inStore).isEqualTo(expected);
        assertThat(store.count()).isEqualTo(expected.size());
      }
    }
    assertConsistent(libraryRoot, files);
  }

  private static void assertConsistent(Path libraryRoot, List<Path> files) throws Exception {
    Set<ImageId> expected = new HashSet<>();
    for (Path file : files) {
      expected.add(ImageId.fromDigest(Sha256.of(Files.readAllBytes(file))));
    }
    LibraryPaths paths = new LibraryPaths(libraryRoot);
    assertThat(paths.dirtyMarker()).doesNotExist();
    try (SqliteCatalog catalog = SqliteCatalog.open(paths.catalogFile());
        LuceneVectorStore store = LuceneVectorStore.open(paths.indexDir())) {
      Set<ImageId> inCatalog = new HashSet<>();
      catalog.forEachImageId(inCatalog::add);
      assertThat(inCatalog).isEqualTo(expected);
      assertThat(catalog.pathCount()).isEqualTo(files.size());
      for (Path file : files) {
        assertThat(catalog.findPath(file.toString())).as("path %s", file).isPresent();
      }
      assertThat(catalog.count(Catalog.INDEX_STAGE, StageState.DONE)).isEqualTo(expected.size());
      assertThat(catalog.count(Catalog.INDEX_STAGE, StageState.RUNNING)).isZero();
      Set<ImageId> inStore = new HashSet<>();
      store.forEachId(inStore::add);
      assertThat(inStore).isEqualTo(expected);
      assertThat(store.count()).isEqualTo(expected.size());
      assertThat(catalog.skipped(10)).isEmpty();
    }
    try (Stream<Path> walk = Files.walk(paths.thumbnailsDir())) {
      List<String> names = walk.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
      assertThat(names).noneMatch(n -> n.contains(".tmp"));
      assertThat(names.stream().map(n -> ImageId.of(n.substring(0, 64))).collect(Collectors.toSet()))
          .isEqualTo(expected);
    }
  }
}
