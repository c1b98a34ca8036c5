package dev.imagerag.logic.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.SearchHit;
import dev.imagerag.domain.SearchMode;
import dev.imagerag.infra.onnx.OnnxImageEmbedder;
import dev.imagerag.infra.onnx.OnnxTextEmbedder;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.catalog.StoredVector;
import dev.imagerag.logic.catalog.TileVectors;
import dev.imagerag.logic.embed.Device;
import dev.imagerag.logic.embed.EmbeddingSettings;
import dev.imagerag.logic.embed.ModelManifest;
import dev.imagerag.logic.embed.TilePlanner;
import dev.imagerag.logic.embed.TileRect;
import dev.imagerag.logic.search.Encoders;
import dev.imagerag.logic.search.SearchRequest;
import dev.imagerag.logic.search.SearchService;
import dev.imagerag.logic.store.SearchFilter;
import dev.imagerag.logic.store.StoreHit;
import dev.imagerag.logic.store.VectorNames;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.TestLibrary;
import dev.imagerag.testing.onnx.TestManifests;
import dev.imagerag.testing.onnx.TinyClipModel;
import dev.imagerag.testing.onnx.TinyClipModels;
import dev.imagerag.testing.onnx.TinyClipSpec;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tiles of very large images through the real pipeline (ONNX Runtime on a tiny generated CLIP-
 * contract model with 32×32 inputs, SQLite, Lucene): a query that shows one corner of a big image
 * finds it by that corner's tile, although the image's whole vector (its centre) is far from it.
 */
class VisualTilesTest {
  private static final EmbeddingSettings CPU = EmbeddingSettings.DEFAULTS.withDevice(Device.CPU);
  /** 64 dimensions: random projections of 32×32 inputs keep images apart better than 16. */
  private static final TinyClipSpec SPEC = TinyClipSpec.clip().withEmbeddingDim(64);

  @TempDir Path dir;
  private ModelManifest manifest;
  private TinyClipModel model;

  @BeforeEach
  void writeModel() throws Exception {
    model = TinyClipModels.write(dir.resolve("model"), SPEC);
    manifest = TestManifests.clip("tiny-clip", SPEC);
  }

  @Test
  void aQueryShowingOneCornerOfAPanoramaFindsItByThatTile() throws Exception {
    // 2400×800 is a panorama: aspect 3, 1.9 MP, short side at least 2 × 32.
    BufferedImage panorama = background(2400, 800, 1);
    List<TileRect> tiles = TilePlanner.plan(2400, 800, SPEC.imageSize());
    TileRect corner = tiles.get(tiles.size() - 1);
    paintMarker(panorama, corner);
    Path panoramaFile = TestImages.write(panorama, "png", dir.resolve("in/panorama.png"));
    // The decoy shows the same marker over most of it: its whole vector is the closest whole vector.
    BufferedImage decoy = background(300, 300, 2);
    paintMarker(decoy, new TileRect(0, 0, 220, 300));
    TestImages.write(decoy, "png", dir.resolve("in/decoy.png"));
    for (int i = 0; i < 4; i++) {
      TestImages.png(dir.resolve("in/photo" + i + ".png"), 320, 240, i);
    }
    Path query = TestImages.write(crop(panorama, corner), "png", dir.resolve("query/corner.png"));

    try (OnnxImageEmbedder images = new OnnxImageEmbedder(manifest, model.dir(), CPU);
        OnnxTextEmbedder texts = new OnnxTextEmbedder(manifest, model.dir(), CPU);
        TestLibrary lib = TestLibrary.open(dir.resolve("library"), ImportSettings.DEFAULTS,
            l -> List.of(new VisualEmbeddingStage(l.catalog, l.decoder, images, ImportSettings.DEFAULTS, 4)))) {
      lib.importFrom(dir.resolve("in"));
      ImageId plan = id(lib, panoramaFile);
      SearchService search = new SearchService(lib.catalog, lib.store, lib.decoder,
          new Encoders(images, texts, null, null));

      StoredVector stored = lib.catalog.storedVectors(plan).get(TileVectors.NAME);
      assertThat(stored.model()).isEqualTo("tiny-clip");
      assertThat(TileVectors.split(stored.vector(), SPEC.embeddingDim())).hasSize(tiles.size());
      assertThat(lib.catalog.storedVectors(id(lib, dir.resolve("in/decoy.png")))).doesNotContainKey(TileVectors.NAME);
      assertThat(lib.store.get(plan).orElseThrow().visualTiles()).hasSize(tiles.size());

      List<SearchHit> hits = byExample(search, query);
      assertThat(hits.get(0).id()).isEqualTo(plan);
      // The corner tile went through the same preprocessing as the query file: the same vector.
      assertThat(hits.get(0).score()).isCloseTo(1.0, within(1e-4));

      float[] queryVector = images.embedImages(List.of(ImageIO.read(query.toFile()))).get(0);
      List<StoreHit> whole = lib.store.nearestWhole(VectorNames.VISUAL, queryVector, 10, SearchFilter.NONE);
      assertThat(whole.get(0).id()).as("by whole vectors the decoy leads").isNotEqualTo(plan);
      assertThat(scoreOf(whole, plan)).as("the panorama's centre").isLessThan(whole.get(0).score() - 0.05);

      lib.pipeline.prepareReindex();
      lib.run(ImportRequest.stagesOnly(Set.of(Catalog.INDEX_STAGE)));

      assertThat(lib.store.get(plan).orElseThrow().visualTiles()).as("after reindex").hasSize(tiles.size());
      assertThat(byExample(search, query).get(0).id()).isEqualTo(plan);
    }
  }

  /**
   * A library image that shows exactly one tile of a panorama: a visual query finds both, but as
   * images they are neither similar nor duplicates, because those compare whole-image vectors.
   */
  @Test
  void similarImagesAndDuplicatesCompareWholeImagesNotTiles() throws Exception {
    BufferedImage panorama = background(2400, 800, 4);
    List<TileRect> tiles = TilePlanner.plan(2400, 800, SPEC.imageSize());
    TileRect corner = tiles.get(tiles.size() - 1);
    paintMarker(panorama, corner);
    Path panoramaFile = TestImages.write(panorama, "png", dir.resolve("in/panorama.png"));
    Path cornerFile = TestImages.write(crop(panorama, corner), "png", dir.resolve("in/corner.png"));
    for (int i = 0; i < 3; i++) {
      TestImages.png(dir.resolve("in/photo" + i + ".png"), 320, 240, 40 + i);
    }

    try (OnnxImageEmbedder images = new OnnxImageEmbedder(manifest, model.dir(), CPU);
        OnnxTextEmbedder texts = new OnnxTextEmbedder(manifest, model.dir(), CPU);
        TestLibrary lib = TestLibrary.open(dir.resolve("library"), ImportSettings.DEFAULTS,
            l -> List.of(new VisualEmbeddingStage(l.catalog, l.decoder, images, ImportSettings.DEFAULTS, 4)))) {
      lib.importFrom(dir.resolve("in"));
      ImageId plan = id(lib, panoramaFile);
      ImageId part = id(lib, cornerFile);
      SearchService search = new SearchService(lib.catalog, lib.store, lib.decoder,
          new Encoders(images, texts, null, null));

      List<SearchHit> byExample = search.search(
          new SearchRequest(null, cornerFile, SearchMode.VISUAL, 5, SearchFilter.NONE).withGroupDuplicates(false));
      assertThat(byExample.subList(0, 2)).extracting(SearchHit::id).containsExactlyInAnyOrder(plan, part);
      assertThat(byExample.get(1).score()).isCloseTo(1.0, within(1e-4));

      double wholeCosine = cosine(lib.catalog.storedVectors(part).get(VectorNames.VISUAL).vector(),
          lib.catalog.storedVectors(plan).get(VectorNames.VISUAL).vector());
      SearchHit similar = search.similar(part, 10, SearchFilter.NONE).stream()
          .filter(h -> h.id().equals(plan)).findFirst().orElseThrow();
      assertThat(similar.score()).isCloseTo(wholeCosine, within(1e-4)).isLessThan(0.9);
      assertThat(search.duplicateGroups(0.95)).noneSatisfy(group -> assertThat(group).contains(plan, part));
    }
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  /** 30.8 MP: decoded at half size (over the 24 MP budget); tiles are cut from that decode. */
  @Test
  void aPlanAboveTheDecodeBudgetIsTiledFromItsReducedDecode() throws Exception {
    int width = 7000;
    int height = 4400;
    assertThat((long) width * height).isGreaterThan(VisualEmbeddingStage.PIXEL_BUDGET);
    List<TileRect> tiles = TilePlanner.plan(width, height, SPEC.imageSize());
    Path planFile = dir.resolve("in/plan.jpg");
    Path query = dir.resolve("query/corner.png");
    writeWithMarker(width, height, tiles.get(tiles.size() - 1), planFile, query);
    for (int i = 0; i < 3; i++) {
      TestImages.png(dir.resolve("in/photo" + i + ".png"), 320, 240, 10 + i);
    }

    try (OnnxImageEmbedder images = new OnnxImageEmbedder(manifest, model.dir(), CPU);
        OnnxTextEmbedder texts = new OnnxTextEmbedder(manifest, model.dir(), CPU);
        TestLibrary lib = TestLibrary.open(dir.resolve("library"), ImportSettings.DEFAULTS,
            l -> List.of(new VisualEmbeddingStage(l.catalog, l.decoder, images, ImportSettings.DEFAULTS, 4)))) {
      ImportSummary summary = lib.importFrom(dir.resolve("in"));

      assertThat(summary.stages().get(VisualEmbeddingStage.NAME).done()).isEqualTo(4);
      ImageId id = id(lib, planFile);
      assertThat(lib.store.get(id).orElseThrow().visualTiles()).hasSize(tiles.size());
      List<SearchHit> hits = byExample(new SearchService(lib.catalog, lib.store, lib.decoder,
          new Encoders(images, texts, null, null)), query);
      assertThat(hits.get(0).id()).isEqualTo(id);
      // Half the pixels and JPEG: as good as the full-resolution corner for so coarse a marker.
      assertThat(hits.get(0).score()).isGreaterThan(0.98);
    }
  }

  /** Writes a big image with the marker in {@code corner}, and that corner alone as the query. */
  private static void writeWithMarker(int width, int height, TileRect corner, Path imageFile, Path queryFile) {
    BufferedImage image = background(width, height, 3);
    paintMarker(image, corner);
    TestImages.write(image, "jpg", imageFile);
    TestImages.write(crop(image, corner), "png", queryFile);
  }

  private static List<SearchHit> byExample(SearchService search, Path query) {
    return search.search(new SearchRequest(null, query, SearchMode.VISUAL, 3, SearchFilter.NONE));
  }

  private static ImageId id(TestLibrary lib, Path file) {
    return lib.catalog.findPath(file.toString()).orElseThrow().imageId();
  }

  private static double scoreOf(List<StoreHit> hits, ImageId id) {
    return hits.stream().filter(h -> h.id().equals(id)).findFirst().orElseThrow().score();
  }

  /** A dark blue-green gradient with faint noise: nothing like the marker. */
  private static BufferedImage background(int width, int height, long seed) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setPaint(new GradientPaint(0, 0, new Color(20, 40, 90), width, height, new Color(10, 90, 70)));
      g.fillRect(0, 0, width, height);
      Random random = new Random(seed);
      for (int i = 0; i < 200; i++) {
        g.setColor(new Color(30 + random.nextInt(40), 50 + random.nextInt(60), 60 + random.nextInt(60)));
        g.fillRect(random.nextInt(width), random.nextInt(height), 1 + width / 60, 1 + height / 60);
      }
    } finally {
      g.dispose();
    }
    return image;
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
          g.fillRect(x, y, area.x() + (column + 1) * area.width() / 4 - x, area.y() + (row + 1) * area.height() / 4 - y);
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
