package dev.imagerag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagerag.app.AppLibraryOpener;
import dev.imagerag.testing.CliRun;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.onnx.HandPlacedModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model placed by hand in the models folder (files plus a user manifest without checksums):
 * `index` fills visual vectors, `search --mode visual` and `search --image` rank the images.
 */
class VisualSearchCliTest {
  @TempDir Path dir;

  private CliRun run(String... args) {
    return CliRunner.run(new AppLibraryOpener(), Map.of(), dir.resolve("home"), args);
  }

  private String[] with(String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--library";
    all[args.length + 1] = dir.resolve("library").toString();
    all[args.length + 2] = "--models";
    all[args.length + 3] = dir.resolve("models").toString();
    return all;
  }

  private void placeTinyModelByHand() throws IOException {
    HandPlacedModel.place(dir.resolve("models"), dir.resolve("library"));
  }

  @Test
  void aHandPlacedModelFillsVisualVectorsAndAnswersVisualSearches() throws IOException {
    placeTinyModelByHand();
    List<Path> files = List.of(
        TestImages.jpeg(dir.resolve("in/a.jpg"), 200, 150, 1),
        TestImages.jpeg(dir.resolve("in/b.jpg"), 150, 200, 2),
        TestImages.png(dir.resolve("in/c.png"), 120, 120, 3));

    CliRun verify = run(with("models", "verify", "tiny-clip"));
    CliRun index = run(with("index", "--json", dir.resolve("in").toString()));
    CliRun status = run(with("status", "--json"));
    CliRun byText = run(with("search", "--mode", "visual", "--json", "a photo of a cat"));
    CliRun byImage = run(with("search", "--image", files.get(1).toString(), "--json", "--k", "3", "--no-group"));

    assertThat(verify.exitCode()).as(verify.err() + verify.out()).isZero();
    assertThat(index.exitCode()).as(index.err()).isZero();
    assertThat(index.json().get("stages").get("visual").get("done").asLong()).isEqualTo(3);
    assertThat(index.json().get("notices")).isEmpty();
    JsonNode models = status.json().get("models");
    assertThat(models.get("visual").asText()).isEqualTo("tiny-clip");
    assertThat(models.get("visualSearch").asBoolean()).isTrue();
    assertThat(models.get("device").asText()).isEqualTo("cpu");
    assertThat(status.json().get("index").get("dimensions").get("visual").asInt()).isEqualTo(16);
    assertThat(byText.exitCode()).as(byText.err()).isZero();
    assertThat(byText.jsonLines()).allSatisfy(hit ->
        assertThat(hit.get("score").asDouble()).isBetween(-1.0, 1.0));
    assertThat(byText.jsonLines().stream().mapToInt(hit -> 1 + hit.get("similar").size()).sum())
        .as("hits plus the near-duplicates grouped under them").isEqualTo(3);
    assertThat(byImage.exitCode()).as(byImage.err()).isZero();
    assertThat(byImage.jsonLines().get(0).get("path").asText()).isEqualTo(files.get(1).toString());
    assertThat(byImage.jsonLines().get(0).get("score").asDouble()).isGreaterThan(0.9999);
  }

  @Test
  void showPrintsStagesTagsAndVectorsAndReprocessRunsAStageAgain() throws IOException {
    placeTinyModelByHand();
    Path file = TestImages.jpeg(dir.resolve("in/a.jpg"), 200, 150, 1);
    run(with("index", dir.resolve("in").toString()));

    CliRun show = run(with("show", "--json", file.toString()));
    CliRun text = run(with("show", file.toString()));
    CliRun reprocess = run(with("reprocess", "--stage", "visual", "--json", file.toString()));
    CliRun unknown = run(with("reprocess", "--stage", "caption"));

    assertThat(show.exitCode()).as(show.err()).isZero();
    JsonNode image = show.json();
    assertThat(image.get("paths").get(0).asText()).isEqualTo(file.toString());
    assertThat(image.get("width").asInt()).isEqualTo(200);
    assertThat(image.get("vectors").get("visual").get("model").asText()).isEqualTo("tiny-clip");
    assertThat(image.get("texts").get("tags").asText()).isNotBlank();
    assertThat(image.get("stages")).anySatisfy(s -> {
      assertThat(s.get("stage").asText()).isEqualTo("visual");
      assertThat(s.get("state").asText()).isEqualTo("done");
      assertThat(s.get("version").asText()).startsWith("tiny-clip/");
    });
    assertThat(text.out()).contains("Tags").contains("visual").contains("16 dimensions from tiny-clip");
    assertThat(reprocess.exitCode()).as(reprocess.err()).isZero();
    assertThat(reprocess.json().get("stages").get("visual").get("done").asLong()).isEqualTo(1);
    assertThat(unknown.exitCode()).isEqualTo(Cli.FAILURE);
    assertThat(unknown.err()).contains("'caption' is not enabled");
  }

  @Test
  void showNamesAMissingImageClearly() throws IOException {
    CliRun show = run(with("show", dir.resolve("nothing.jpg").toString()));

    assertThat(show.exitCode()).isEqualTo(Cli.FAILURE);
    assertThat(show.err()).contains("No image in the library matches");
  }

  @Test
  void withoutTheModelIndexSaysHowToGetItAndKeywordSearchStillWorks() throws IOException {
    TestImages.jpeg(dir.resolve("in/sunset.jpg"), 200, 150, 1);

    CliRun index = run(with("index", dir.resolve("in").toString()));
    CliRun visual = run(with("search", "--mode", "visual", "sunset"));
    CliRun hybrid = run(with("search", "--json", "sunset"));

    assertThat(index.exitCode()).isZero();
    assertThat(index.out()).contains("Note: Visual search is off").contains("models download clip-vit-b32");
    assertThat(visual.exitCode()).isEqualTo(Cli.FAILURE);
    assertThat(visual.err()).contains("models download clip-vit-b32");
    assertThat(hybrid.jsonLines()).singleElement()
        .satisfies(hit -> assertThat(hit.get("path").asText()).endsWith("sunset.jpg"));
  }
}
