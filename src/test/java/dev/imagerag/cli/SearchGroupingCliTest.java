package dev.imagerag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.app.AppLibraryOpener;
import dev.imagerag.testing.CliRun;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.onnx.HandPlacedModel;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `search` shows a photo and its resized copy once, under the larger, with "(+1 similar)";
 * `--no-group` shows both; `similar` never lists the image asked about.
 */
class SearchGroupingCliTest {
  @TempDir Path dir;
  private Path large;
  private Path small;

  private CliRun run(String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(new String[] {"--library", dir.resolve("library").toString(), "--models",
        dir.resolve("models").toString()}, 0, all, args.length, 4);
    return CliRunner.run(new AppLibraryOpener(), Map.of(), dir.resolve("home"), all);
  }

  @BeforeEach
  void indexAPhotoItsSmallCopyAndOthers() throws Exception {
    HandPlacedModel.place(dir.resolve("models"), dir.resolve("library"));
    BufferedImage photo = TestImages.picture(400, 300, 11);
    large = TestImages.write(photo, "jpeg", dir.resolve("in/harbour.jpg"));
    BufferedImage half = new BufferedImage(200, 150, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = half.createGraphics();
    g.drawImage(photo, 0, 0, 200, 150, null);
    g.dispose();
    small = TestImages.write(half, "png", dir.resolve("in/harbour-copy.png"));
    for (int i = 0; i < 3; i++) {
      TestImages.jpeg(dir.resolve("in/other" + i + ".jpg"), 160, 120, 20 + i);
    }
    CliRun index = run("index", dir.resolve("in").toString());
    assertThat(index.exitCode()).as(index.err()).isZero();
  }

  private static List<String> resultLines(CliRun run) {
    return run.out().lines().filter(l -> l.contains(".jpg") || l.contains(".png")).toList();
  }

  @Test
  void aNearDuplicateIsShownOnceUnderTheLargerImage() {
    CliRun search = run("search", "--image", small.toString(), "--mode", "visual");

    assertThat(search.exitCode()).as(search.err()).isZero();
    assertThat(resultLines(search)).hasSize(4);
    assertThat(resultLines(search).get(0)).contains(large.toString()).endsWith("(+1 similar)");
    assertThat(search.out()).doesNotContain(small.toString());
  }

  @Test
  void noGroupShowsBothCopies() {
    CliRun search = run("search", "--image", small.toString(), "--mode", "visual", "--no-group");

    assertThat(search.exitCode()).as(search.err()).isZero();
    assertThat(resultLines(search)).hasSize(5);
    assertThat(resultLines(search).get(0)).contains(small.toString()).doesNotContain("similar");
    assertThat(resultLines(search).get(1)).contains(large.toString()).doesNotContain("similar");
  }

  @Test
  void theJsonHitListsItsNearDuplicates() {
    CliRun search = run("search", "--image", small.toString(), "--mode", "visual", "--json");

    assertThat(search.jsonLines().get(0).get("path").asText()).isEqualTo(large.toString());
    assertThat(search.jsonLines().get(0).get("similar")).hasSize(1);
  }

  @Test
  void duplicatesListsThePairWithTheLargerMarkedBest() {
    CliRun duplicates = run("duplicates");

    assertThat(duplicates.exitCode()).as(duplicates.err()).isZero();
    assertThat(duplicates.out()).contains("* " + large, "  " + small, "1 group of near-duplicates");
  }

  @Test
  void similarLeavesOutTheImageAskedAbout() {
    CliRun similar = run("similar", large.toString());

    assertThat(similar.exitCode()).as(similar.err()).isZero();
    assertThat(resultLines(similar)).hasSize(4).noneMatch(l -> l.contains(large.toString()));
    assertThat(resultLines(similar).get(0)).contains(small.toString());
  }
}
