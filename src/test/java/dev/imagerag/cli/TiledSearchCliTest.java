package dev.imagerag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagerag.app.AppLibraryOpener;
import dev.imagerag.logic.embed.TilePlanner;
import dev.imagerag.logic.embed.TileRect;
import dev.imagerag.logic.embed.TileSettings;
import dev.imagerag.testing.CliRun;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.onnx.HandPlacedModel;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tiling, end to end through the CLI, the settings file and a real ONNX Runtime session (a tiny
 * CLIP-contract model placed by hand): a detail of a 12 MP photo, a tenth of its area, is found by
 * an image of that detail when the library tiles 12 MP photos, and lost behind a lookalike when it
 * does not (the photo's whole vector sees the detail at a third of the frame, among everything
 * else).
 */
class TiledSearchCliTest {
  private static final int WIDTH = 4000;
  private static final int HEIGHT = 3000;

  /** The images, written once; each test has its own library and models folder. */
  @TempDir static Path images;
  private static Path photo;
  private static Path decoy;
  private static Path query;

  @TempDir Path dir;

  @BeforeAll
  static void writeImages() {
    // The model's input is 32 px; with 12 MP as the threshold the photo gets 3 × 5 tiles.
    List<TileRect> tiles = TilePlanner.plan(WIDTH, HEIGHT, 32, TileSettings.DEFAULTS.withMinPixels(12_000_000L));
    assertThat(tiles).hasSize(15);
    // The middle row's second tile, inside the centre square the whole-image vector sees.
    TileRect tile = tiles.get(6);
    int margin = tile.width() / 20;
    TileRect detail = new TileRect(tile.x() + margin, tile.y() + margin, tile.width() - 2 * margin,
        tile.height() - 2 * margin);
    BufferedImage picture = TestImages.picture(WIDTH, HEIGHT, 5);
    paintMarker(picture, detail);
    photo = TestImages.write(picture, "jpg", images.resolve("in/holiday.jpg"));
    query = TestImages.write(crop(picture, detail), "png", images.resolve("query/detail.png"));
    // A lookalike: the same marker over most of a small picture.
    BufferedImage lookalike = TestImages.picture(400, 400, 6);
    paintMarker(lookalike, new TileRect(0, 0, 260, 400));
    decoy = TestImages.write(lookalike, "png", images.resolve("in/lookalike.png"));
    for (int i = 0; i < 4; i++) {
      TestImages.jpeg(images.resolve("in/photo" + i + ".jpg"), 640, 480, 20 + i);
    }
  }

  @Test
  void aDetailOfA12MegapixelPhotoIsFoundThroughItsTile() throws IOException {
    Path library = library("{\"models\": {\"visual\": \"tiny-clip\", \"tileMinMegapixels\": 12}}");

    CliRun index = run(library, "index", "--json", images.resolve("in").toString());
    CliRun show = run(library, "show", "--json", photo.toString());
    CliRun hits = run(library, "search", "--image", query.toString(), "--json", "--k", "3", "--no-group");

    assertThat(index.exitCode()).as(index.err()).isZero();
    assertThat(show.json().get("vectors").get("visual_tiles").get("tiles").asInt()).isEqualTo(15);
    assertThat(hits.exitCode()).as(hits.err()).isZero();
    List<JsonNode> found = hits.jsonLines();
    assertThat(found.get(0).get("path").asText()).isEqualTo(photo.toString());
    assertThat(found).extracting(hit -> hit.get("path").asText()).doesNotHaveDuplicates();
    assertThat(found.get(0).get("score").asDouble()).isGreaterThan(score(found, decoy) + 0.05);
  }

  @Test
  void withoutTilesTheLookalikeWins() throws IOException {
    Path library = library("{\"models\": {\"visual\": \"tiny-clip\", \"tiles\": false}}");

    CliRun index = run(library, "index", "--json", images.resolve("in").toString());
    CliRun show = run(library, "show", "--json", photo.toString());
    CliRun hits = run(library, "search", "--image", query.toString(), "--json", "--k", "6", "--no-group");

    assertThat(index.exitCode()).as(index.err()).isZero();
    assertThat(show.json().get("vectors").has("visual_tiles")).isFalse();
    List<JsonNode> found = hits.jsonLines();
    assertThat(found.get(0).get("path").asText()).isEqualTo(decoy.toString());
    assertThat(score(found, photo)).isLessThan(found.get(0).get("score").asDouble() - 0.05);
  }

  @Test
  void byDefaultA12MegapixelPhotoIsNotTiled() throws IOException {
    Path library = library("{\"models\": {\"visual\": \"tiny-clip\"}}");

    run(library, "index", images.resolve("in").toString());
    CliRun show = run(library, "show", "--json", photo.toString());

    assertThat(show.exitCode()).as(show.err()).isZero();
    assertThat(show.json().get("vectors").has("visual")).isTrue();
    assertThat(show.json().get("vectors").has("visual_tiles")).isFalse();
  }

  /** A library using the hand-placed model, with these settings. */
  private Path library(String settings) throws IOException {
    Path library = dir.resolve("library");
    HandPlacedModel.place(dir.resolve("models"), library);
    Files.writeString(library.resolve("settings.json"), settings);
    return library;
  }

  private CliRun run(Path library, String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--library";
    all[args.length + 1] = library.toString();
    all[args.length + 2] = "--models";
    all[args.length + 3] = dir.resolve("models").toString();
    return CliRunner.run(new AppLibraryOpener(), Map.of(), dir.resolve("home"), all);
  }

  private static double score(List<JsonNode> hits, Path file) {
    return hits.stream().filter(hit -> hit.get("path").asText().equals(file.toString())).findFirst()
        .orElseThrow(() -> new AssertionError(file + " is not among " + hits)).get("score").asDouble();
  }

  /** A red and yellow checkerboard of four by four squares filling {@code area}. */
  private static void paintMarker(BufferedImage image, TileRect area) {
    Graphics2D g = image.createGraphics();
    try {
      for (int row = 0; row < 4; row++) {
        for (int column = 0; column < 4; column++) {
          g.setColor((row + column) % 2 == 0 ? new Color(220, 30, 30) : new Color(250, 220, 40));
          int x = area.x() + column * area.width() / 4;
          int y = area.y() + row * area.height() / 4;
          g.fillRect(x, y, area.x() + (column + 1) * area.width() / 4 - x,
              area.y() + (row + 1) * area.height() / 4 - y);
        }
      }
    } finally {
      g.dispose();
    }
  }

  private static BufferedImage crop(BufferedImage image, TileRect area) {
    BufferedImage copy = new BufferedImage(area.width(), area.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = copy.createGraphics();
    try {
      g.drawImage(image.getSubimage(area.x(), area.y(), area.width(), area.height()), 0, 0, null);
    } finally {
      g.dispose();
    }
    return copy;
  }
}
