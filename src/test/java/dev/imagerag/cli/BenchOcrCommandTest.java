package dev.imagerag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagerag.app.AppLibraryOpener;
import dev.imagerag.testing.CliRun;
import dev.imagerag.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `bench ocr` with the real Tesseract on a few rendered screenshots. */
class BenchOcrCommandTest {
  @TempDir Path dir;

  private Path screenshots;

  @BeforeEach
  void screenshots() {
    screenshots = dir.resolve("shots");
    String[] lines = {"Connection refused on port 5432", "Build failed with 3 errors", "Payroll export finished"};
    for (int i = 0; i < lines.length; i++) {
      TestImages.write(TestImages.screenshot(lines[i], 640, 120), "png", screenshots.resolve("shot" + i + ".png"));
    }
  }

  private CliRun run(String path, String... args) {
    return CliRunner.run(new AppLibraryOpener(), path == null ? Map.of() : Map.of("PATH", path), dir.resolve("home"), args);
  }

  private static List<String> names(JsonNode json) {
    List<String> names = new ArrayList<>();
    json.get("rows").forEach(r -> names.add(r.get("name").asText()));
    return names;
  }

  @Test
  void measuresTheStageWithOneAndNWorkersNextToTheCommandLine() {
    assertThat(BenchOcrCommand.onPath(System.getenv("PATH"))).as("tesseract on PATH").isNotNull();

    CliRun bench = run(System.getenv("PATH"), "bench", "ocr", screenshots.toString(), "--threads", "2", "--json");

    assertThat(bench.exitCode()).as(bench.err()).isZero();
    JsonNode json = bench.json();
    assertThat(json.get("images").asInt()).isEqualTo(3);
    assertThat(json.get("ocr").asText()).startsWith("on: eng");
    assertThat(names(json)).containsExactly("image-rag, 1 worker", "image-rag, 2 workers", "tesseract CLI",
        "tesseract CLI, OMP_THREAD_LIMIT=1");
    json.get("rows").forEach(row -> {
      assertThat(row.get("images").asInt()).as(row.toString()).isEqualTo(3);
      assertThat(row.get("failed").asInt()).as(row.toString()).isZero();
      assertThat(row.get("imagesPerSecond").asDouble()).as(row.toString()).isPositive();
      assertThat(row.get("ratioToTesseractCli").asDouble()).as(row.toString()).isPositive();
    });
  }

  @Test
  void theTextTableNamesEveryMeasurementWithItsRate() {
    CliRun bench = run(System.getenv("PATH"), "bench", "ocr", screenshots.toString(), "--threads", "1");

    assertThat(bench.exitCode()).as(bench.err()).isZero();
    assertThat(bench.out()).contains("3 images, OCR on: eng", "images/s", "ratio to the tesseract CLI")
        .containsPattern("image-rag, 1 worker +\\d+\\.\\d\\d")
        .containsPattern("tesseract CLI +\\d+\\.\\d\\d")
        .containsPattern("tesseract CLI, OMP_THREAD_LIMIT=1 +\\d+\\.\\d\\d")
        .doesNotContain("2 workers");
  }

  @Test
  void withoutTesseractOnThePathOnlyTheStageIsMeasured() throws Exception {
    Path emptyBin = Files.createDirectories(dir.resolve("bin"));

    CliRun bench = run(emptyBin.toString(), "bench", "ocr", screenshots.toString(), "--threads", "1", "--json");

    assertThat(bench.exitCode()).as(bench.err()).isZero();
    JsonNode json = bench.json();
    assertThat(json.get("note").asText()).contains("tesseract is not on PATH");
    assertThat(json.get("tesseract").isNull()).isTrue();
    assertThat(names(json)).containsExactly("image-rag, 1 worker");
    assertThat(json.get("rows").get(0).get("imagesPerSecond").asDouble()).isPositive();
  }

  @Test
  void aMissingFolderIsAClearError() {
    CliRun bench = run(System.getenv("PATH"), "bench", "ocr", dir.resolve("nowhere").toString());

    assertThat(bench.exitCode()).isEqualTo(Cli.FAILURE);
    assertThat(bench.err()).contains("error: DIR must be a folder of images", "nowhere", "does not exist");
  }

  @Test
  void aFolderWithoutImagesIsAClearError() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));

    CliRun bench = run(System.getenv("PATH"), "bench", "ocr", empty.toString());

    assertThat(bench.exitCode()).isEqualTo(Cli.FAILURE);
    assertThat(bench.err()).contains("error: No images found in", "empty");
  }

  @Test
  void aThreadCountOutOfRangeIsRefused() {
    CliRun bench = run(System.getenv("PATH"), "bench", "ocr", screenshots.toString(), "--threads", "17");

    assertThat(bench.exitCode()).isEqualTo(Cli.USAGE);
    assertThat(bench.err()).contains("--threads must be between 1 and 16, got 17");
  }
}
