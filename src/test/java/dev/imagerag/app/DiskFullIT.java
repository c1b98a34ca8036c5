package dev.imagerag.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagerag.testing.CliRun;
import dev.imagerag.testing.JarProcess;
import dev.imagerag.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library on a small file system that fills up, and on a read-only one: clear errors, nothing
 * already stored lost, and a later run (with space again) finishes the work. Needs a tmpfs mount
 * (root with the mount capability, as on the project's Linux machines); without one, the test
 * checks the same promise with a full disk simulated at the thumbnail writer (see
 * {@code FullDiskThumbnailTest}).
 */
class DiskFullIT {
  @TempDir Path dir;
  private Path mountPoint;
  private boolean mounted;

  @BeforeEach
  void mountSmallDisk() throws Exception {
    mountPoint = Files.createDirectories(dir.resolve("small-disk"));
    mounted = exec("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mountPoint.toString()) == 0;
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted) {
      exec("umount", "-l", mountPoint.toString());
    }
  }

  private static int exec(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }

  @Test
  void aFullDiskStopsWithAClearMessageAndTheNextRunWithSpaceCompletes() throws Exception {
    assumeTrue(mounted, "mounting a small tmpfs needs root; FullDiskThumbnailTest simulates a full disk instead");
    for (int i = 0; i < 120; i++) {
      TestImages.jpeg(dir.resolve("in/photo-" + i + ".jpg"), 900, 700, i);
    }
    String library = mountPoint.resolve("library").toString();

    CliRun full = JarProcess.run(dir.resolve("home"), 300, "index", "--library", library, "--json",
        dir.resolve("in").toString());

    assertThat(full.exitCode()).as(full.out() + full.err()).isEqualTo(1);
    assertThat(full.out() + full.err()).containsIgnoringCase("full").doesNotContain("\tat ");
    assertThat(exec("mount", "-o", "remount,size=256m", mountPoint.toString())).isZero();

    CliRun again = JarProcess.run(dir.resolve("home"), 300, "index", "--library", library, "--json",
        dir.resolve("in").toString());
    CliRun status = JarProcess.run(dir.resolve("home"), 60, "status", "--library", library, "--json");

    assertThat(again.exitCode()).as(again.err()).isZero();
    JsonNode s = status.json();
    assertThat(s.get("images").asLong()).isEqualTo(120);
    assertThat(s.get("index").get("entries").asLong()).isEqualTo(120);
    assertThat(s.get("stages").get("thumbnail").get("done").asLong()).isEqualTo(120);
    try (Stream<Path> thumbnails = Files.walk(Path.of(library, "thumbnails"))) {
      assertThat(thumbnails.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
          .hasSize(120).noneMatch(name -> name.contains(".tmp"));
    }
  }

  @Test
  void aReadOnlyLibraryRefusesWritesClearlyAndStillAnswersSearches() throws Exception {
    assumeTrue(mounted, "remounting read-only needs root");
    assertThat(exec("mount", "-o", "remount,size=64m", mountPoint.toString())).isZero();
    TestImages.jpeg(dir.resolve("in/sunset.jpg"), 400, 300, 1);
    String library = mountPoint.resolve("library").toString();
    assertThat(JarProcess.run(dir.resolve("home"), 120, "index", "--library", library, dir.resolve("in").toString())
        .exitCode()).isZero();
    assertThat(exec("mount", "-o", "remount,ro", mountPoint.toString())).isZero();

    CliRun index = JarProcess.run(dir.resolve("home"), 60, "index", "--library", library,
        dir.resolve("in").toString());
    CliRun search = JarProcess.run(dir.resolve("home"), 60, "search", "--library", library, "--json", "sunset");

    assertThat(index.exitCode()).isEqualTo(1);
    assertThat(index.err()).contains("Read-only file system").doesNotContain("\tat ");
    assertThat(search.exitCode()).as(search.err()).isZero();
    assertThat(search.jsonLines()).singleElement()
        .satisfies(hit -> assertThat(hit.get("path").asText()).endsWith("sunset.jpg"));
  }
}
