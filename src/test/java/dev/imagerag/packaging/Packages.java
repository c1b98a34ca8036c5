package dev.imagerag.packaging;

import dev.imagerag.testing.JarProcess;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The app image and .deb under test. {@code mvn -Ppackage} builds them before the integration
 * tests and names their folder in {@code imagerag.package.dir}; otherwise they are built here by
 * the same program with the same jpackage options ({@code packaging/jpackage/Packager.java}),
 * into {@code target/packaging-it}, with an uncompressed .deb to keep the build short.
 */
final class Packages {
  /** Installers need fakeroot on Linux; jpackage skips the .deb without it (and still exits 0). */
  static final boolean CAN_BUILD_DEB = onPath("fakeroot") && onPath("dpkg-deb");

  final Path target;
  final Path appImage;
  final Optional<Path> deb;

  private Packages(Path target, Path dir) throws IOException {
    this.target = target;
    this.appImage = dir.resolve("app-image").resolve("image-rag");
    this.deb = findDeb(dir.resolve("installer"));
  }

  /** The packages made by the build, or new ones built now. */
  static Packages get() throws IOException, InterruptedException {
    Path target = JarProcess.jar().getParent();
    String prebuilt = System.getProperty("imagerag.package.dir");
    if (prebuilt != null && Files.isDirectory(Path.of(prebuilt, "app-image"))) {
      return new Packages(target, Path.of(prebuilt));
    }
    Path dir = target.resolve("packaging-it");
    build(target, dir);
    return new Packages(target, dir);
  }

  /** bin/image-rag: the launcher users run. */
  Path launcher() {
    return appImage.resolve("bin").resolve("image-rag");
  }

  private static void build(Path target, Path dir) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "packaging/jpackage/Packager.java", "--target", target.toString(), "--dest", dir.toString()));
    if (CAN_BUILD_DEB) {
      command.addAll(List.of("--installer", "--deb-compression", "none"));
    }
    Path log = target.resolve("packaging-it.log"); // beside dir, which the packager empties first
    Process process = new ProcessBuilder(command)
        .directory(target.getParent().toFile()) // the project root: the option files name paths from there
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("packaging took over 5 minutes; see " + log);
    }
    if (process.exitValue() != 0) {
      throw new AssertionError("packaging failed:\n" + Files.readString(log, StandardCharsets.UTF_8));
    }
  }

  private static Optional<Path> findDeb(Path installers) throws IOException {
    if (!Files.isDirectory(installers)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(installers)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst();
    }
  }

  static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(File.pathSeparator))
        .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
