package dev.imagerag.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagerag.testing.CliRun;
import dev.imagerag.testing.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The installable packages, used the way users use them: the app image's launcher (its own Java
 * runtime, no JDK needed) runs the command line and opens the window, and the .deb declares what
 * the system must provide. Everything it writes stays under {@code target/}.
 */
@EnabledOnOs(OS.LINUX)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PackagedAppIT {
  private Packages packages;
  private Path work;

  @BeforeAll
  void buildPackages() throws Exception {
    packages = Packages.get();
    work = packages.target.resolve("packaging-it-work");
    Packages.deleteRecursively(work);
    Files.createDirectories(work);
  }

  @Test
  void theRuntimeHasJavaFxAsModulesAndTheClassPathLeavesItOut() throws IOException {
    String release = Files.readString(packages.appImage.resolve("lib/runtime/release"), StandardCharsets.UTF_8);
    String modules = release.lines().filter(l -> l.startsWith("MODULES=")).findFirst().orElseThrow();
    List<String> appJars;
    try (Stream<Path> jars = Files.list(packages.appImage.resolve("lib/app/lib"))) {
      appJars = jars.map(p -> p.getFileName().toString()).toList();
    }

    assertThat(modules).contains("javafx.controls", "javafx.fxml", "javafx.swing", "java.sql", "java.net.http");
    assertThat(appJars).anyMatch(n -> n.startsWith("onnxruntime")).noneMatch(n -> n.startsWith("javafx-"));
  }

  @Test
  void printsItsVersion() throws Exception {
    Path home = work.resolve("version");
    CliRun version = launch(home, Map.of(), "--version", "--library", home.resolve("library").toString(),
        "--models", home.resolve("models").toString());

    assertThat(version.exitCode()).as(version.err()).isZero();
    assertThat(version.out()).startsWith("Image RAG ");
  }

  @Test
  void indexesImagesAndFindsTheWordsOfAScreenshot() throws Exception {
    Path home = work.resolve("cli");
    Path images = home.resolve("images");
    TestImages.write(TestImages.screenshot("Connection refused on port 5432", 900, 200), "png",
        images.resolve("ConnectionRefused.png"));
    TestImages.jpeg(images.resolve("holiday.jpg"), 800, 600, 7);
    TestImages.png(images.resolve("beach.png"), 640, 480, 8);
    String library = home.resolve("library").toString();
    String models = home.resolve("models").toString();

    // Each stage loads natives from jars inside the app image: the catalog SQLite, OCR Tesseract
    // through JNA, the text stage the bundled text model through ONNX Runtime and its tokenizer.
    CliRun index = launch(home, Map.of(), "index", "--library", library, "--models", models, "--json", images.toString());
    CliRun search = launch(home, Map.of(), "search", "--library", library, "--models", models, "--json",
        "--mode", "keyword", "refused");

    assertThat(index.exitCode()).as(index.err()).isZero();
    JsonNode imported = index.json();
    assertThat(imported.get("added").asInt()).isEqualTo(3);
    assertThat(imported.at("/stages/ocr/done").asInt()).isEqualTo(3);
    assertThat(imported.at("/stages/text/done").asInt()).isPositive();
    assertThat(imported.at("/stages/index/done").asInt()).isEqualTo(3);
    assertThat(imported.at("/stages/text/failed").asInt()).isZero();
    assertThat(search.exitCode()).as(search.err()).isZero();
    assertThat(search.jsonLines()).isNotEmpty();
    assertThat(search.jsonLines().get(0).get("path").asText()).endsWith("ConnectionRefused.png");
    assertThat(search.jsonLines().get(0).get("snippets").toString()).containsIgnoringCase("refused");
  }

  @Test
  void withoutArgumentsOpensTheWindowOnTheLibraryOfImageRagHome() throws Exception {
    assumeTrue(Packages.onPath("xvfb-run"), "xvfb-run is not installed: the window is not started");
    assumeTrue(run(work, "sh", "-c", "PATH=$PATH:/sbin:/usr/sbin ldconfig -p | grep -q libgtk-3.so.0").exitCode() == 0,
        "GTK 3 is not installed (sh packaging/linux/install-runtime-deps.sh): the window cannot start");
    Path home = work.resolve("gui");
    Path library = home.resolve("library");
    Path log = library.resolve("logs").resolve("image-rag.log");
    ProcessBuilder builder = builder(home,
        Map.of("IMAGE_RAG_HOME", library.toString(), "IMAGE_RAG_MODELS", home.resolve("models").toString()),
        List.of("xvfb-run", "-a", "-s", "-screen 0 1280x800x24", packages.launcher().toString()));
    Files.createDirectories(home);
    Process window = builder.redirectOutput(home.resolve("stdout.txt").toFile())
        .redirectError(home.resolve("stderr.txt").toFile()).start();
    try {
      // The app logs to the library; a line from the JavaFX thread means the toolkit runs.
      boolean started = waitFor(() -> Files.exists(log)
          && Files.readString(log, StandardCharsets.UTF_8).contains("[JavaFX Application Thread]"), window, 90);

      assertThat(started).as("window started; stderr: %s", Files.readString(home.resolve("stderr.txt"))).isTrue();
      assertThat(window.isAlive()).isTrue();
      assertThat(Files.readString(log, StandardCharsets.UTF_8)).doesNotContain(" ERROR ");
    } finally {
      window.descendants().forEach(ProcessHandle::destroy);
      window.destroy();
      window.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void withoutADisplayExplainsThatTheWindowCannotOpen() throws Exception {
    Path home = work.resolve("headless");
    CliRun run = launch(home, Map.of("IMAGE_RAG_HOME", home.resolve("library").toString(),
        "IMAGE_RAG_MODELS", home.resolve("models").toString()));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("Could not open the window");
  }

  @Test
  void theDebDependsOnGtkAndOpenGlRecommendsTesseractAndAddsTheCommandAndMenuEntry() throws Exception {
    assumeTrue(packages.deb.isPresent(), Packages.CAN_BUILD_DEB
        ? "no .deb was built" : "fakeroot is not installed (sh .ci/install-test-deps.sh adds it): no .deb built");
    Path deb = packages.deb.get();

    CliRun fields = run(work, "dpkg-deb", "--field", deb.toString(), "Package", "Depends", "Recommends");
    CliRun contents = run(work, "dpkg-deb", "--contents", deb.toString());
    CliRun postinst = run(work, "dpkg-deb", "--info", deb.toString(), "postinst");
    CliRun desktop = run(work, "sh", "-c", "dpkg-deb --fsys-tarfile \"$0\" | tar -xOf - ./opt/image-rag/lib/image-rag-image-rag.desktop",
        deb.toString());

    assertThat(fields.out()).contains("Package: image-rag");
    assertThat(field(fields.out(), "Depends")).contains("libgtk-3-0", "libgl1", "libc6");
    assertThat(field(fields.out(), "Recommends")).contains("tesseract-ocr", "tesseract-ocr-eng");
    assertThat(contents.out()).contains("./opt/image-rag/bin/image-rag", "./opt/image-rag/lib/runtime/",
        "./opt/image-rag/lib/app/image-rag.jar");
    assertThat(postinst.out()).contains("xdg-desktop-menu install", "ln -sf /opt/image-rag/bin/image-rag /usr/bin/image-rag");
    assertThat(desktop.out()).contains("Name=Image RAG", "Exec=/opt/image-rag/bin/image-rag",
        "Categories=Graphics;Photography;Viewer;", "Icon=/opt/image-rag/lib/image-rag.png");
  }

  /** The launcher with {@code args}, in a clean environment whose user folders are under {@code home}. */
  private CliRun launch(Path home, Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(packages.launcher().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = builder(home, env, command);
    builder.environment().remove("DISPLAY");
    builder.environment().remove("WAYLAND_DISPLAY");
    return finish(builder, home, 120);
  }

  private static ProcessBuilder builder(Path home, Map<String, String> env, List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.getParent().toFile());
    Map<String, String> e = builder.environment();
    // No JDK or user settings leak in: the app image must bring its own runtime.
    for (String name : List.of("JAVA_HOME", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS",
        "IMAGE_RAG_HOME", "IMAGE_RAG_MODELS")) {
      e.remove(name);
    }
    e.put("HOME", home.toString());
    e.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
    e.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
    e.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    e.putAll(env);
    return builder;
  }

  private static CliRun run(Path dir, String... command) throws Exception {
    return finish(new ProcessBuilder(command).directory(dir.toFile()), dir, 60);
  }

  private static CliRun finish(ProcessBuilder builder, Path home, long seconds) throws Exception {
    Files.createDirectories(home);
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", builder.command()) + " did not finish in " + seconds + " s");
    }
    return new CliRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static String field(String control, String name) {
    return control.lines().filter(l -> l.startsWith(name + ":")).findFirst().orElse("");
  }

  private static boolean waitFor(Check check, Process process, long seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline && process.isAlive()) {
      if (check.holds()) {
        return true;
      }
      Thread.sleep(250);
    }
    return check.holds();
  }

  private interface Check {
    boolean holds() throws IOException;
  }
}
