package dev.imagerag.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagerag.testing.CliRun;
import dev.imagerag.testing.JarProcess;
import dev.imagerag.testing.MixedFolder;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With no endpoint, remote index or download configured, a full run (import with every local
 * stage, status, search in every mode, show, a retrieval-only ask) opens no network connection: a security manager in
 * the child JVM refuses and records any attempt.
 */
class NetworkSilenceIT {
  @TempDir Path dir;

  private CliRun run(String... args) throws Exception {
    Path log = dir.resolve("network-attempts.log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
        "-Djava.security.manager=dev.imagerag.testing.NoNetworkSecurityManager",
        "-Dimagerag.networkLog=" + log,
        "-cp", JarProcess.jar() + File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath(),
        "dev.imagerag.app.Main"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("HOME", dir.resolve("home").toString());
    builder.environment().remove("IMAGE_RAG_HOME");
    builder.environment().remove("OPENAI_API_KEY");
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
    return new CliRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void aFullLocalRunOpensNoNetworkConnection() throws Exception {
    Path folder = MixedFolder.create(dir.resolve("in"));
    String library = dir.resolve("library").toString();

    List<CliRun> runs = List.of(
        run("index", "--library", library, folder.toString()),
        run("status", "--library", library),
        run("search", "--library", library, "connection refused"),
        run("search", "--library", library, "--mode", "text", "database error"),
        run("search", "--library", library, "--mode", "keyword", "payroll"),
        run("show", "--library", library, folder.resolve("photos/IMG_0001.jpg").toString()),
        run("ask", "--library", library, "--json", "what does the payroll error say?"));

    for (CliRun run : runs) {
      assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    }
    List<JsonNode> asked = runs.get(runs.size() - 1).jsonLines();
    assertThat(asked.get(asked.size() - 1).get("generated").asBoolean()).isFalse();
    Path log = dir.resolve("network-attempts.log");
    assertThat(Files.exists(log) ? Files.readString(log) : "").as("network attempts").isEmpty();
  }
}
