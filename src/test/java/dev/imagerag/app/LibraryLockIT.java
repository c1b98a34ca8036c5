package dev.imagerag.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.logic.library.LibraryLock;
import dev.imagerag.logic.library.LibraryPaths;
import dev.imagerag.testing.CliRun;
import dev.imagerag.testing.JarProcess;
import dev.imagerag.testing.ManyImages;
import dev.imagerag.testing.TestImages;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes on one library: the second gets a clear message and changes nothing. */
class LibraryLockIT {
  @TempDir Path dir;

  @Test
  void aSecondWriterIsRefusedWhileTheFirstRuns() throws Exception {
    ManyImages.create(dir.resolve("first"), 1500);
    TestImages.png(dir.resolve("second/intruder.png"), 40, 40, 99);
    String library = dir.resolve("library").toString();
    Path lockFile = new LibraryPaths(Path.of(library)).lockFile();

    Process first = JarProcess.start(dir.resolve("home1"), "index", "--library", library,
        dir.resolve("first").toString());
    long deadline = System.currentTimeMillis() + 30_000;
    while (!LibraryLock.isHeld(lockFile) && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    CliRun second = JarProcess.run(dir.resolve("home2"), 60, "index", "--library", library,
        dir.resolve("second").toString());
    boolean firstDone = first.waitFor(300, TimeUnit.SECONDS);
    CliRun status = JarProcess.run(dir.resolve("home2"), 60, "status", "--library", library, "--json");

    assertThat(second.exitCode()).isEqualTo(1);
    assertThat(second.err()).contains("in use by another Image RAG process").contains("pid");
    assertThat(firstDone).isTrue();
    assertThat(first.exitValue()).isZero();
    assertThat(status.json().get("images").asLong()).isEqualTo(1500);
  }
}
