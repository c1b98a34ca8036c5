package dev.imagerag.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagerag.testing.CliRun;
import dev.imagerag.testing.JarProcess;
import dev.imagerag.testing.MixedFolder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run as a child process the way a user runs it. */
class PackagedJarIT {
  @TempDir Path dir;

  @Test
  void printsItsVersion() throws Exception {
    CliRun version = JarProcess.run(dir.resolve("home"), 60, "--version");

    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).startsWith("Image RAG ").doesNotContain("dev");
  }

  @Test
  void indexesAMixedFolderWithExactCountsAndASecondRunAddsNothing() throws Exception {
    Path folder = MixedFolder.create(dir.resolve("in"));
    String library = dir.resolve("library").toString();
    Path home = dir.resolve("home");

    CliRun first = JarProcess.run(home, 120, "index", "--library", library, "--json", folder.toString());
    CliRun second = JarProcess.run(home, 120, "index", "--library", library, "--json", folder.toString());
    CliRun status = JarProcess.run(home, 60, "status", "--library", library, "--json");
    CliRun search = JarProcess.run(home, 60, "search", "--library", library, "--json", "connection", "refused");

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.json().get("added").asLong()).isEqualTo(MixedFolder.IMAGES);
    assertThat(first.json().get("duplicates").asLong()).isEqualTo(MixedFolder.DUPLICATES);
    assertThat(first.json().get("skippedCount").asLong()).isEqualTo(MixedFolder.BROKEN);
    assertThat(second.json().get("added").asLong()).isZero();
    assertThat(second.json().get("duplicates").asLong()).isZero();
    JsonNode s = status.json();
    assertThat(s.get("images").asLong()).isEqualTo(MixedFolder.IMAGES);
    assertThat(s.get("paths").asLong()).isEqualTo(MixedFolder.IMAGES + MixedFolder.DUPLICATES);
    assertThat(s.get("index").get("entries").asLong()).isEqualTo(MixedFolder.IMAGES);
    List<JsonNode> hits = search.jsonLines();
    assertThat(hits).isNotEmpty();
    assertThat(hits.get(0).get("path").asText()).endsWith("ConnectionRefused.png");
  }

  @Test
  void errorsAreOneLineWithoutAStackTraceUnlessVerbose() throws Exception {
    String library = dir.resolve("library").toString();

    CliRun plain = JarProcess.run(dir.resolve("home"), 60, "search", "--library", library, "--mode", "visual", "x");
    CliRun verbose = JarProcess.run(dir.resolve("home"), 60, "search", "--library", library, "--mode", "visual",
        "--verbose", "x");

    assertThat(plain.exitCode()).isEqualTo(1);
    assertThat(plain.err().strip().lines()).hasSize(1);
    assertThat(verbose.err()).contains("at dev.imagerag.");
  }
}
