package dev.imagerag.logic.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.ImageRagException;
import dev.imagerag.domain.SearchHit;
import dev.imagerag.domain.SearchMode;
import dev.imagerag.infra.onnx.OnnxImageEmbedder;
import dev.imagerag.infra.onnx.OnnxTextEmbedder;
import dev.imagerag.logic.embed.Device;
import dev.imagerag.logic.embed.EmbeddingSettings;
import dev.imagerag.logic.embed.Vectors;
import dev.imagerag.logic.ingest.ImportSettings;
import dev.imagerag.logic.ingest.VisualEmbeddingStage;
import dev.imagerag.logic.store.VectorNames;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.TestLibrary;
import dev.imagerag.testing.onnx.TestManifests;
import dev.imagerag.testing.onnx.TinyClipModel;
import dev.imagerag.testing.onnx.TinyClipModels;
import dev.imagerag.testing.onnx.TinyClipSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Query arithmetic in visual search, checked against vector math done here: a query ranks images
 * by cosine similarity to the normalised weighted sum of its terms' unit vectors (text terms
 * through the visual model's text tower, image terms through its image tower). The tiny model is
 * linear, so every prediction is exact up to float rounding.
 */
class QueryArithmeticSearchTest {
  private static final int IMAGES = 12;
  private static final EmbeddingSettings CPU = EmbeddingSettings.DEFAULTS.withDevice(Device.CPU);

  @TempDir static Path dir;
  private static OnnxImageEmbedder images;
  private static OnnxTextEmbedder texts;
  private static TestLibrary lib;
  private static SearchService search;
  /** Every image's visual vector as the index holds it, in file order. */
  private static final Map<ImageId, float[]> vectors = new LinkedHashMap<>();

  @BeforeAll
  static void buildLibrary() throws Exception {
    TinyClipModel model = TinyClipModels.write(dir.resolve("model"), TinyClipSpec.clip());
    images = new OnnxImageEmbedder(TestManifests.clip("tiny-clip", model.spec()), model.dir(), CPU);
    texts = new OnnxTextEmbedder(TestManifests.clip("tiny-clip", model.spec()), model.dir(), CPU);
    for (int i = 0; i < IMAGES; i++) {
      TestImages.jpeg(file(i), 96, 72, 50 + i);
    }
    lib = TestLibrary.open(dir.resolve("library"), ImportSettings.DEFAULTS,
        l -> List.of(new VisualEmbeddingStage(l.catalog, l.decoder, images, ImportSettings.DEFAULTS, 8)));
    lib.importFrom(dir.resolve("in"));
    search = new SearchService(lib.catalog, lib.store, lib.decoder, new Encoders(images, texts, null, null));
    for (int i = 0; i < IMAGES; i++) {
      vectors.put(id(i), lib.store.get(id(i)).orElseThrow().vectors().get(VectorNames.VISUAL));
    }
  }

  @AfterAll
  static void close() {
    lib.close();
    images.close();
    texts.close();
  }

  private static Path file(int i) {
    return dir.resolve("in/p" + i + ".jpg");
  }

  private static ImageId id(int i) {
    return lib.catalog.findPath(file(i).toString()).orElseThrow().imageId();
  }

  private static float[] text(String words) {
    return Vectors.normalized(texts.embedTexts(List.of(words)).get(0));
  }

  /** The normalised sum of weight · unit vector. */
  private static float[] sum(double wa, float[] a, double wb, float[] b) {
    float[] out = new float[a.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (wa * a[i] + wb * b[i]);
    }
    return Vectors.normalized(out);
  }

  /** Image ids ranked by cosine similarity to {@code query}. */
  private static List<ImageId> rankedBy(float[] query) {
    List<ImageId> ids = new ArrayList<>(vectors.keySet());
    ids.sort(Comparator.comparingDouble((ImageId id) -> Vectors.cosine(vectors.get(id), query)).reversed());
    return ids;
  }

  private static List<SearchHit> visual(String query) {
    return search.search(SearchRequest.text(query, SearchMode.VISUAL, IMAGES).withGroupDuplicates(false));
  }

  private static void assertRankedBy(List<SearchHit> hits, float[] expected) {
    assertThat(hits).extracting(SearchHit::id).containsExactlyElementsOf(rankedBy(expected));
    for (SearchHit hit : hits) {
      assertThat(hit.score()).as("score of %s", hit.path())
          .isCloseTo(Vectors.cosine(vectors.get(hit.id()), expected), within(1e-4));
    }
  }

  @Test
  void anImageTermPlusATextTermRanksByTheirNormalisedSum() {
    List<SearchHit> hits = visual(file(3) + " + red car");

    // The file is embedded like an imported image: the index holds the same vector.
    float[] photo = Vectors.normalized(vectors.get(id(3)));
    assertRankedBy(hits, sum(1, photo, 1, text("red car")));
  }

  @Test
  void aWeightScalesItsTermInTheSum() {
    List<SearchHit> hits = visual("3:cat + dog");

    assertRankedBy(hits, sum(3, text("cat"), 1, text("dog")));
  }

  @Test
  void aSubtractedTermEntersTheSumWithANegativeWeight() {
    List<SearchHit> hits = visual("cat - dog");

    assertRankedBy(hits, sum(1, text("cat"), -1, text("dog")));
  }

  /**
   * With unit vectors, ranking by (v·a − v·b) instead of v·a can only lower the mean similarity of
   * the top m to b (swap argument); here it lowers it strictly.
   */
  @ParameterizedTest(name = "top {0}")
  @ValueSource(ints = {1, 3, 6})
  void subtractingATermMovesTheTopResultsAwayFromIt(int top) {
    float[] dog = text("dog");

    double before = meanSimilarity(visual("cat").subList(0, top), dog);
    double after = meanSimilarity(visual("cat - dog").subList(0, top), dog);

    assertThat(after).isLessThan(before);
  }

  @Test
  void subtractingAnImageSendsThatImageToTheBottom() {
    List<SearchHit> hits = visual(file(4) + " - " + file(5));

    assertThat(hits.get(hits.size() - 1).id()).isEqualTo(id(5));
    assertThat(hits.get(0).id()).isEqualTo(id(4));
  }

  @Test
  void termsThatCancelOutAreRefusedWithAMessage() {
    assertThatThrownBy(() -> visual("cat - cat"))
        .isInstanceOf(ImageRagException.class)
        .hasMessageContaining("cancel each other out");
  }

  private static double meanSimilarity(List<SearchHit> hits, float[] term) {
    return hits.stream().mapToDouble(h -> Vectors.cosine(vectors.get(h.id()), term)).average().orElseThrow();
  }
}
