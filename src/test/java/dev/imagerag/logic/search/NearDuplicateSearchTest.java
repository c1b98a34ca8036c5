package dev.imagerag.logic.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.SearchHit;
import dev.imagerag.domain.SearchMode;
import dev.imagerag.infra.onnx.OnnxImageEmbedder;
import dev.imagerag.infra.onnx.OnnxTextEmbedder;
import dev.imagerag.logic.embed.Device;
import dev.imagerag.logic.embed.EmbeddingSettings;
import dev.imagerag.logic.embed.Vectors;
import dev.imagerag.logic.ingest.ImportSettings;
import dev.imagerag.logic.ingest.VisualEmbeddingStage;
import dev.imagerag.logic.store.SearchFilter;
import dev.imagerag.logic.store.VectorNames;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.TestLibrary;
import dev.imagerag.testing.onnx.TestManifests;
import dev.imagerag.testing.onnx.TinyClipModel;
import dev.imagerag.testing.onnx.TinyClipModels;
import dev.imagerag.testing.onnx.TinyClipSpec;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A photo and a resized, recompressed copy of it (other bytes, so two images in the catalog, but
 * visually the same) are one result, represented by the larger; six distinct pictures around them.
 */
class NearDuplicateSearchTest {
  private static final EmbeddingSettings CPU = EmbeddingSettings.DEFAULTS.withDevice(Device.CPU);
  private static final int OTHERS = 6;

  @TempDir static Path dir;
  private static OnnxImageEmbedder images;
  private static OnnxTextEmbedder texts;
  private static TestLibrary lib;
  private static SearchService search;
  private static Path large;
  private static Path small;

  @BeforeAll
  static void buildLibrary() throws Exception {
    TinyClipModel model = TinyClipModels.write(dir.resolve("model"), TinyClipSpec.clip());
    images = new OnnxImageEmbedder(TestManifests.clip("tiny-clip", model.spec()), model.dir(), CPU);
    texts = new OnnxTextEmbedder(TestManifests.clip("tiny-clip", model.spec()), model.dir(), CPU);
    BufferedImage photo = TestImages.picture(400, 300, 11);
    large = TestImages.write(photo, "jpeg", dir.resolve("in/harbour_large.jpg"));
    small = jpeg(resized(photo, 200, 150), 0.6f, dir.resolve("in/harbour_small.jpg"));
    for (int i = 0; i < OTHERS; i++) {
      TestImages.jpeg(dir.resolve("in/other" + i + ".jpg"), 160, 120, 20 + i);
    }
    lib = TestLibrary.open(dir.resolve("library"), ImportSettings.DEFAULTS,
        l -> List.of(new VisualEmbeddingStage(l.catalog, l.decoder, images, ImportSettings.DEFAULTS, 8)));
    lib.importFrom(dir.resolve("in"));
    search = new SearchService(lib.catalog, lib.store, lib.decoder, new Encoders(images, texts, null, null),
        lib.thumbnails, SearchSettings.DEFAULTS);
  }

  @AfterAll
  static void close() {
    lib.close();
    images.close();
    texts.close();
  }

  private static BufferedImage resized(BufferedImage source, int width, int height) {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(source, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  private static Path jpeg(BufferedImage image, float quality, Path file) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(Files.newOutputStream(file))) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return file;
  }

  private static ImageId id(Path file) {
    return lib.catalog.findPath(file.toString()).orElseThrow().imageId();
  }

  private static float[] visual(Path file) {
    return lib.catalog.storedVectors(id(file)).get(VectorNames.VISUAL).vector();
  }

  private static List<ImageId> ids(List<SearchHit> hits) {
    return hits.stream().map(SearchHit::id).toList();
  }

  private static SearchRequest byExample(Path file) {
    return new SearchRequest(null, file, SearchMode.VISUAL, 20, SearchFilter.NONE);
  }

  @Test
  void theCopyIsAnotherImageThatLooksTheSameAndTheOthersDoNot() throws IOException {
    assertThat(Files.mismatch(large, small)).isNotEqualTo(-1);
    assertThat(id(large)).isNotEqualTo(id(small));
    assertThat(Vectors.cosine(visual(large), visual(small))).isGreaterThanOrEqualTo(0.95);
    for (int i = 0; i < OTHERS; i++) {
      assertThat(Vectors.cosine(visual(large), visual(dir.resolve("in/other" + i + ".jpg")))).isLessThan(0.95);
    }
  }

  @Test
  void aNearDuplicatePairIsShownOnceUnderTheLargerImage() {
    List<SearchHit> hits = search.search(byExample(small));

    SearchHit first = hits.get(0);
    assertThat(first.id()).isEqualTo(id(large));
    assertThat(first.path()).isEqualTo(large.toString());
    assertThat(first.similar()).containsExactly(id(small));
    assertThat(ids(hits)).doesNotContain(id(small)).hasSize(1 + OTHERS);
  }

  @Test
  void theGroupKeepsTheScoreOfItsBestRankedMember() {
    List<SearchHit> hits = search.search(byExample(small));

    assertThat(hits.get(0).score()).isGreaterThan(0.9999);
  }

  @Test
  void withoutGroupingBothCopiesAreSeparateHits() {
    List<SearchHit> hits = search.search(byExample(small).withGroupDuplicates(false));

    assertThat(ids(hits).subList(0, 2)).containsExactly(id(small), id(large));
    assertThat(hits).hasSize(2 + OTHERS).allSatisfy(h -> assertThat(h.similar()).isEmpty());
  }

  @Test
  void groupingAlsoAppliesToKeywordHits() {
    List<SearchHit> hits = search.search(SearchRequest.text("harbour", SearchMode.KEYWORD, 10));

    assertThat(hits).singleElement().satisfies(h -> {
      assertThat(h.id()).isEqualTo(id(large));
      assertThat(h.similar()).containsExactly(id(small));
    });
  }

  @Test
  void duplicateGroupsListsThePairLargestFirst() {
    assertThat(search.duplicateGroups(0.95)).containsExactly(List.of(id(large), id(small)));
  }

  @Test
  void aStricterThresholdThanThePairsSimilarityFindsNoGroup() {
    double pair = Vectors.cosine(visual(large), visual(small));

    assertThat(search.duplicateGroups(Math.min(1.0, pair + 1e-4))).isEmpty();
  }

  @Test
  void similarImagesExcludeTheImageItself() {
    List<SearchHit> hits = search.similar(id(large), 10, SearchFilter.NONE);

    assertThat(ids(hits)).doesNotContain(id(large)).hasSize(1 + OTHERS);
    assertThat(hits.get(0).id()).isEqualTo(id(small));
    assertThat(hits).extracting(SearchHit::rank).containsExactly(1, 2, 3, 4, 5, 6, 7);
  }

  @Test
  void similarReturnsKImagesWhenMoreExist() {
    assertThat(search.similar(id(large), 3, SearchFilter.NONE)).hasSize(3)
        .noneMatch(h -> h.id().equals(id(large)));
  }
}
