package dev.imagerag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagerag.app.AppLibraryOpener;
import dev.imagerag.infra.files.ImageIoDecoder;
import dev.imagerag.infra.models.HttpModelInstaller;
import dev.imagerag.logic.library.LibraryLock;
import dev.imagerag.logic.library.LibraryPaths;
import dev.imagerag.testing.CliRun;
import dev.imagerag.testing.MixedFolder;
import dev.imagerag.testing.TestImages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line run in-process against real libraries. */
class CliTest {
  @TempDir Path dir;

  private CliRun run(String... args) {
    return run(null, args);
  }

  private CliRun run(AtomicReference<LibraryPaths> gui, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(new AppLibraryOpener(), Map.of(), "Linux", dir.resolve("home"),
        new PrintWriter(out, true), new PrintWriter(err, true), false, gui == null ? null : gui::set, null,
        HttpModelInstaller::new, new ImageIoDecoder());
    int code = Cli.run(args, context);
    return new CliRun(code, out.toString(), err.toString());
  }

  private String library() {
    return dir.resolve("library").toString();
  }

  @Test
  void indexReportsExactCountsAndStatusAgreesWithTheFiles() {
    Path folder = MixedFolder.create(dir.resolve("in"));

    CliRun index = run("index", "--library", library(), "--json", folder.toString());
    CliRun status = run("status", "--library", library(), "--json");

    assertThat(index.exitCode()).as(index.err()).isZero();
    JsonNode summary = index.json();
    assertThat(summary.get("added").asLong()).isEqualTo(MixedFolder.IMAGES);
    assertThat(summary.get("duplicates").asLong()).isEqualTo(MixedFolder.DUPLICATES);
    assertThat(summary.get("skippedCount").asLong()).isEqualTo(MixedFolder.BROKEN);
    assertThat(summary.get("skipped")).allSatisfy(s -> {
      assertThat(s.get("path").asText()).startsWith(folder.toString());
      assertThat(s.get("reason").asText()).isNotBlank();
      assertThat(s.get("detail").asText()).isNotBlank();
    });
    assertThat(status.exitCode()).isZero();
    JsonNode s = status.json();
    assertThat(s.get("images").asLong()).isEqualTo(MixedFolder.IMAGES);
    assertThat(s.get("paths").asLong()).isEqualTo(MixedFolder.IMAGES + MixedFolder.DUPLICATES);
    assertThat(s.get("skipped").get("total").asLong()).isEqualTo(MixedFolder.BROKEN);
    assertThat(s.get("index").get("entries").asLong()).isEqualTo(MixedFolder.IMAGES);
    assertThat(s.get("stages").get("index").get("done").asLong()).isEqualTo(MixedFolder.IMAGES);
    assertThat(s.get("library").asText()).isEqualTo(library());
  }

  @Test
  void aSecondIndexRunAddsNothing() {
    Path folder = MixedFolder.create(dir.resolve("in"));
    run("index", "--library", library(), folder.toString());

    JsonNode second = run("index", "--library", library(), "--json", folder.toString()).json();

    assertThat(second.get("added").asLong()).isZero();
    assertThat(second.get("unchanged").asLong()).isEqualTo(MixedFolder.IMAGES + MixedFolder.DUPLICATES);
  }

  @Test
  void textOutputSummarisesSkipsByReason() {
    Path folder = MixedFolder.create(dir.resolve("in"));

    CliRun index = run("index", "--library", library(), folder.toString());

    assertThat(index.out())
        .contains("Imported " + MixedFolder.IMAGES + " new images, " + MixedFolder.DUPLICATES + " duplicates")
        .contains("Skipped, too many pixels: 1")
        .contains("bomb.png")
        .contains("Skipped, corrupt or truncated image: 1");
  }

  @Test
  void searchPrintsJsonLinesWithRankIdPathAndScore() {
    Path folder = MixedFolder.create(dir.resolve("in"));
    run("index", "--library", library(), folder.toString());

    CliRun search = run("search", "--library", library(), "--json", "--mode", "keyword", "payroll");

    assertThat(search.exitCode()).as(search.err()).isZero();
    List<JsonNode> lines = search.jsonLines();
    assertThat(lines).isNotEmpty();
    JsonNode first = lines.get(0);
    assertThat(first.get("rank").asInt()).isEqualTo(1);
    assertThat(first.get("id").asText()).hasSize(64);
    assertThat(first.get("path").asText()).contains("payroll");
    assertThat(first.get("score").asDouble()).isPositive();
    List<Double> scores = new ArrayList<>();
    lines.forEach(l -> scores.add(l.get("score").asDouble()));
    assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));
  }

  @Test
  void optionsWorkBeforeAndAfterTheCommand() {
    TestImages.png(dir.resolve("in/cat.png"), 40, 40, 1);
    run("--library", library(), "index", dir.resolve("in").toString());

    CliRun after = run("search", "cat", "--library", library(), "--json");
    CliRun before = run("--json", "--library", library(), "search", "cat");

    assertThat(after.jsonLines()).hasSize(1);
    assertThat(before.out()).isEqualTo(after.out());
  }

  @Test
  void aModeWithoutItsModelFailsWithAClearMessage() {
    TestImages.png(dir.resolve("in/cat.png"), 40, 40, 1);
    run("index", "--library", library(), dir.resolve("in").toString());

    CliRun visual = run("search", "--library", library(), "--mode", "visual", "cat");

    assertThat(visual.exitCode()).isEqualTo(Cli.FAILURE);
    assertThat(visual.err()).startsWith("error: ").contains("visual").doesNotContain("Exception");
  }

  @Test
  void badUsageExitsWithTwo() {
    assertThat(run("search", "--library", library()).exitCode()).isEqualTo(Cli.USAGE);
    assertThat(run("search", "--library", library(), "--mode", "psychic", "x").exitCode()).isEqualTo(Cli.USAGE);
    assertThat(run("frobnicate").exitCode()).isEqualTo(Cli.USAGE);
    assertThat(run("search", "--k", "0", "--library", library(), "x").exitCode()).isEqualTo(Cli.FAILURE);
  }

  @Test
  void aLibraryInUseIsRefusedForWritingWithAClearMessageAndReadableMeanwhile() throws Exception {
    TestImages.png(dir.resolve("in/cat.png"), 40, 40, 1);
    run("index", "--library", library(), dir.resolve("in").toString());
    TestImages.png(dir.resolve("in/dog.png"), 40, 40, 2);

    try (LibraryLock held = LibraryLock.acquire(new LibraryPaths(Path.of(library())).lockFile())) {
      CliRun index = run("index", "--library", library(), dir.resolve("in").toString());
      CliRun status = run("status", "--library", library(), "--json");

      assertThat(index.exitCode()).isEqualTo(Cli.FAILURE);
      assertThat(index.err()).contains("in use by another Image RAG process");
      assertThat(status.exitCode()).isZero();
      assertThat(status.json().get("readOnly").asBoolean()).isTrue();
      assertThat(status.json().get("images").asLong()).isEqualTo(1);
    }
    assertThat(run("status", "--library", library(), "--json").json().get("images").asLong()).isEqualTo(1);
  }

  @Test
  void removeTakesAFolderOutOfTheLibraryButLeavesTheFiles() {
    Path folder = MixedFolder.create(dir.resolve("in"));
    run("index", "--library", library(), folder.toString());
    Path junk = folder.resolve("junk");

    CliRun remove = run("remove", "--library", library(), "--json", junk.toString());
    JsonNode status = run("status", "--library", library(), "--json").json();

    assertThat(remove.exitCode()).isZero();
    // junk/ held one duplicate path ("payroll (1).png"); its image stays via the other path.
    assertThat(remove.json().get("removedPaths").asLong()).isEqualTo(1);
    assertThat(remove.json().get("removedImages").asLong()).isZero();
    assertThat(status.get("paths").asLong()).isEqualTo(MixedFolder.IMAGES + MixedFolder.DUPLICATES - 1);
    assertThat(status.get("skipped").get("total").asLong()).isZero();
    assertThat(Files.exists(junk.resolve("payroll (1).png"))).isTrue();
    assertThat(run("search", "--library", library(), "--json", "--mode", "keyword", "payroll").jsonLines())
        .singleElement().satisfies(hit -> assertThat(hit.get("paths")).hasSize(1));
  }

  @Test
  void removingSomethingNotInTheLibraryFails() {
    CliRun remove = run("remove", "--library", library(), dir.resolve("nowhere").toString());

    assertThat(remove.exitCode()).isEqualTo(Cli.FAILURE);
    assertThat(remove.out()).contains("Not in the library");
  }

  @Test
  void reindexRebuildsTheIndexFromTheCatalog() throws Exception {
    Path folder = MixedFolder.create(dir.resolve("in"));
    run("index", "--library", library(), folder.toString());
    // Lose the index entirely.
    try (var files = Files.list(Path.of(library(), "index"))) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }

    CliRun reindex = run("reindex", "--library", library(), "--json");

    assertThat(reindex.exitCode()).as(reindex.err()).isZero();
    assertThat(reindex.json().get("indexEntries").asLong()).isEqualTo(MixedFolder.IMAGES);
    assertThat(run("search", "--library", library(), "--json", "payroll").jsonLines()).isNotEmpty();
  }

  @Test
  void noWaitQueuesTheStages() {
    TestImages.png(dir.resolve("in/cat.png"), 40, 40, 1);

    CliRun queued = run("index", "--no-wait", "--library", library(), "--json", dir.resolve("in").toString());
    JsonNode status = run("status", "--library", library(), "--json").json();

    assertThat(queued.json().get("added").asLong()).isEqualTo(1);
    assertThat(status.get("stages").get("index").get("pending").asLong()).isEqualTo(1);
    assertThat(run("index", "--library", library(), "--json").json().get("stages").get("index").get("done").asLong())
        .isEqualTo(1);
  }

  @Test
  void withoutACommandTheDesktopWindowOpensOnTheChosenLibrary() {
    AtomicReference<LibraryPaths> opened = new AtomicReference<>();

    CliRun gui = run(opened, "--library", library());

    assertThat(gui.exitCode()).isZero();
    assertThat(opened.get().root()).isEqualTo(Path.of(library()));
  }

  @Test
  void theLibraryDefaultsToImageRagHome() {
    StringWriter out = new StringWriter();
    Path home = dir.resolve("from-env");
    CliContext context = new CliContext(new AppLibraryOpener(), Map.of("IMAGE_RAG_HOME", home.toString()), "Linux",
        dir.resolve("home"), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), false, null, null,
        HttpModelInstaller::new, new ImageIoDecoder());

    Cli.run(new String[] {"status", "--json"}, context);

    assertThat(out.toString()).contains("\"library\":\"" + home + "\"");
  }

  @Test
  void benchImportMeasuresAThrowAwayLibrary() {
    dev.imagerag.testing.ManyImages.create(dir.resolve("in"), 20);

    CliRun bench = run("bench", "import", "--library", library(), "--json", dir.resolve("in").toString());

    assertThat(bench.exitCode()).as(bench.err()).isZero();
    JsonNode result = bench.json();
    assertThat(result.get("images").asLong()).isEqualTo(20);
    assertThat(result.get("imagesPerSecond").asDouble()).isPositive();
    assertThat(result.get("firstThumbnailMillis").asLong()).isNotNegative();
    assertThat(result.get("peakHeapMiB").asLong()).isPositive();
    assertThat(Path.of(library())).doesNotExist();
  }

  @Test
  void versionIsPrinted() {
    CliRun version = run("--version");

    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).startsWith("Image RAG ");
  }
}
