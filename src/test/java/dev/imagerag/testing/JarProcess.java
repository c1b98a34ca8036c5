package dev.imagerag.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged {@code target/image-rag.jar} in a child JVM, the way users run it. The jar's
 * location comes from the {@code imagerag.jar} system property set by the build.
 */
public final class JarProcess {
  private JarProcess() {}

  public static Path jar() {
    String location = System.getProperty("imagerag.jar", "target/image-rag.jar");
    Path jar = Path.of(location).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no packaged jar at " + jar + " (integration tests run after `mvn package`)");
    }
    return jar;
  }

  public static ProcessBuilder builder(Path home, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("HOME", home.toString());
    builder.environment().remove("IMAGE_RAG_HOME");
    return builder;
  }

  /** Starts the jar with stdout and stderr captured to files in {@code home}. */
  public static Process start(Path home, String... args) throws IOException {
    Files.createDirectories(home);
    return builder(home, args)
        .redirectOutput(home.resolve("stdout.txt").toFile())
        .redirectError(home.resolve("stderr.txt").toFile())
        .start();
  }

  /** Runs the jar to completion (at most {@code timeoutSeconds}). */
  public static CliRun run(Path home, long timeoutSeconds, String... args) throws IOException, InterruptedException {
    Files.createDirectories(home);
    File out = Files.createTempFile(home, "out", ".txt").toFile();
    File err = Files.createTempFile(home, "err", ".txt").toFile();
    Process process = builder(home, args).redirectOutput(out).redirectError(err).start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("image-rag " + String.join(" ", args) + " did not finish in " + timeoutSeconds + " s");
    }
    return new CliRun(process.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
        Files.readString(err.toPath(), StandardCharsets.UTF_8));
  }
}
