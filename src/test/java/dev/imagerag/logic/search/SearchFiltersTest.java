package dev.imagerag.logic.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.SearchHit;
import dev.imagerag.domain.SearchMode;
import dev.imagerag.infra.onnx.BgeTextEmbedder;
import dev.imagerag.infra.onnx.OnnxImageEmbedder;
import dev.imagerag.infra.onnx.OnnxTextEmbedder;
import dev.imagerag.logic.embed.Device;
import dev.imagerag.logic.embed.EmbeddingSettings;
import dev.imagerag.logic.ingest.ImportSettings;
import dev.imagerag.logic.ingest.TextEmbeddingStage;
import dev.imagerag.logic.ingest.VisualEmbeddingStage;
import dev.imagerag.logic.store.SearchFilter;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.TestLibrary;
import dev.imagerag.testing.TextStages;
import dev.imagerag.testing.onnx.TestManifests;
import dev.imagerag.testing.onnx.TinyClipModel;
import dev.imagerag.testing.onnx.TinyClipModels;
import dev.imagerag.testing.onnx.TinyClipSpec;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Filters apply inside each signal's search (pre-filtering), so k hits come back whenever k images
 * match, even when every image nearest to the query is filtered out.
 *
 * <p>The library: a crowd of 120 images that all answer the queries best (near-copies of the
 * query image, text saying exactly what is searched, in {@code crowd/}, JPEG, small, 2020, tag
 * "crowd") and two groups of six that match the filters: {@code picked/} (distinct PNG pictures,
 * large, 2023, tag "picked", weakly related text) and {@code plain/} (distinct pictures without
 * text). A post-filter over the crowd-filled candidate lists would return nothing.
 */
class SearchFiltersTest {
  private static final int K = 5;
  private static final int CROWD = 120;
  private static final int GROUP = 6;
  private static final String WORDS = "connection refused database";
  private static final EmbeddingSettings CPU = EmbeddingSettings.DEFAULTS.withDevice(Device.CPU);

  @TempDir static Path dir;
  private static BgeTextEmbedder bge;
  private static OnnxImageEmbedder images;
  private static OnnxTextEmbedder texts;
  private static TestLibrary lib;
  private static SearchService search;
  private static Path queryImage;
  private static Set<ImageId> picked;
  private static Set<ImageId> plain;

  @BeforeAll
  static void buildLibrary() throws Exception {
    bge = new BgeTextEmbedder(2, Duration.ofMinutes(5));
    TinyClipModel model = TinyClipModels.write(dir.resolve("model"), TinyClipSpec.clip());
    images = new OnnxImageEmbedder(TestManifests.clip("tiny-clip", model.spec()), model.dir(), CPU);
    texts = new OnnxTextEmbedder(TestManifests.clip("tiny-clip", model.spec()), model.dir(), CPU);
    BufferedImage query = TestImages.picture(64, 48, 7);
    queryImage = TestImages.write(query, "png", dir.resolve("query/q.png"));
    Map<String, Map<String, String>> textsByName = new HashMap<>();
    Instant old = Instant.parse("2020-03-01T12:00:00Z");
    for (int i = 0; i < CROWD; i++) {
      String name = "refused_c" + i + ".jpg";
      dated(TestImages.write(noisy(query, i), "jpeg", dir.resolve("in/crowd/" + name)), old);
      textsByName.put(name, Map.of("ocr", "ERROR: connection refused by the database server (attempt " + i + ")",
          "tags", "crowd"));
    }
    for (int i = 0; i < GROUP; i++) {
      String name = "t" + i + ".png";
      dated(TestImages.png(dir.resolve("in/picked/" + name), 320, 240, 100 + i), Instant.parse("2023-06-15T12:00:00Z"));
      textsByName.put(name, Map.of("ocr", "Minutes of meeting " + i + ": we planned the garden party, chose the"
          + " lunch menu, sorted a database of family recipes and went home early.", "tags", "picked"));
      dated(TestImages.jpeg(dir.resolve("in/plain/refused_u" + i + ".jpg"), 64, 48, 200 + i), old);
    }
    lib = TestLibrary.open(dir.resolve("library"), ImportSettings.DEFAULTS, l -> List.of(
        TextStages.byFileName(l.catalog, textsByName),
        new VisualEmbeddingStage(l.catalog, l.decoder, images, ImportSettings.DEFAULTS, 16),
        new TextEmbeddingStage(l.catalog, bge)));
    lib.importFrom(dir.resolve("in"));
    search = new SearchService(lib.catalog, lib.store, lib.decoder, new Encoders(images, texts, bge, null));
    picked = idsUnder("picked");
    plain = idsUnder("plain");
  }

  @AfterAll
  static void close() {
    lib.close();
    images.close();
    texts.close();
    bge.close();
  }

  /** The picture with a little seeded noise: other bytes, nearly the same look. */
  private static BufferedImage noisy(BufferedImage source, long seed) {
    Random random = new Random(seed);
    BufferedImage out = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < source.getHeight(); y++) {
      for (int x = 0; x < source.getWidth(); x++) {
        int rgb = source.getRGB(x, y);
        int r = clamp(((rgb >> 16) & 0xFF) + random.nextInt(17) - 8);
        int g = clamp(((rgb >> 8) & 0xFF) + random.nextInt(17) - 8);
        int b = clamp((rgb & 0xFF) + random.nextInt(17) - 8);
        out.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    return out;
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

  private static void dated(Path file, Instant time) throws IOException {
    Files.setLastModifiedTime(file, FileTime.from(time));
  }

  private static Set<ImageId> idsUnder(String folder) {
    return lib.catalog.pathsUnder(dir.resolve("in").resolve(folder).toString()).stream()
        .map(p -> lib.catalog.findPath(p).orElseThrow().imageId()).collect(Collectors.toSet());
  }

  private static String folder(String name) {
    return dir.resolve("in").resolve(name) + File.separator;
  }

  static Stream<Arguments> filtersOfEveryKind() {
    Map<String, SearchFilter> pickedFilters = Map.of(
        "folder", SearchFilter.NONE.withPathPrefixes(List.of(folder("picked"))),
        "date range", SearchFilter.NONE.withDateRange(Instant.parse("2023-01-01T00:00:00Z"),
            Instant.parse("2024-01-01T00:00:00Z")),
        "tag", SearchFilter.NONE.withTags(Set.of("Picked")),
        "format", SearchFilter.NONE.withFormats(Set.of("png")),
        "minimum size", SearchFilter.NONE.withMinSize(300, 200));
    Stream.Builder<Arguments> cases = Stream.builder();
    for (SearchMode mode : List.of(SearchMode.VISUAL, SearchMode.TEXT, SearchMode.KEYWORD)) {
      pickedFilters.forEach((kind, filter) -> cases.add(Arguments.of(mode, kind, filter, "picked")));
      if (mode != SearchMode.TEXT) { // images without text have no text vector to find
        cases.add(Arguments.of(mode, "has-text=false", SearchFilter.NONE.withHasText(false), "plain"));
      }
    }
    return cases.build();
  }

  private static SearchRequest request(SearchMode mode, SearchFilter filter) {
    String text = mode == SearchMode.VISUAL ? null : mode == SearchMode.TEXT ? "database connection failure" : WORDS;
    Path image = mode == SearchMode.VISUAL ? queryImage : null;
    return new SearchRequest(text, image, mode, K, filter).withGroupDuplicates(false);
  }

  private static List<ImageId> ids(List<SearchHit> hits) {
    return hits.stream().map(SearchHit::id).toList();
  }

  @ParameterizedTest(name = "{0} search with a {1} filter")
  @MethodSource("filtersOfEveryKind")
  void kMatchingImagesComeBackThoughTheNearestAreFilteredOut(
      SearchMode mode, String kind, SearchFilter filter, String group) {
    Set<ImageId> matching = group.equals("picked") ? picked : plain;
    List<ImageId> unfiltered = ids(search.search(request(mode, SearchFilter.NONE)));

    List<ImageId> filtered = ids(search.search(request(mode, filter)));

    assertThat(unfiltered).as("the unfiltered top %d (all from the crowd)", K).doesNotContainAnyElementsOf(matching);
    assertThat(filtered).hasSize(K).doesNotHaveDuplicates();
    assertThat(matching).containsAll(filtered);
  }

  @Test
  void hybridSearchFiltersEverySignal() {
    SearchRequest request = new SearchRequest(WORDS, null, SearchMode.HYBRID, K,
        SearchFilter.NONE.withTags(Set.of("picked"))).withGroupDuplicates(false);

    List<SearchHit> hits = search.search(request);

    assertThat(ids(hits)).hasSize(K);
    assertThat(picked).containsAll(ids(hits));
    assertThat(hits).allSatisfy(hit -> assertThat(hit.signals()).extracting("signal")
        .contains(SearchService.KEYWORD, SearchService.TEXT));
  }

  @Test
  void conditionsOfSeveralKindsMustAllHold() {
    ImageId first = picked.iterator().next();
    String onlyFile = lib.catalog.paths(first).get(0);
    SearchFilter filter = SearchFilter.NONE.withTags(Set.of("picked")).withFormats(Set.of("png"))
        .withPathPrefixes(List.of(onlyFile));

    List<SearchHit> hits = search.search(request(SearchMode.KEYWORD, filter));

    assertThat(ids(hits)).containsExactly(first);
  }

  @Test
  void aFilterNothingMatchesGivesNoHits() {
    SearchFilter filter = SearchFilter.NONE.withTags(Set.of("picked")).withHasText(false);

    assertThat(search.search(request(SearchMode.VISUAL, filter))).isEmpty();
  }
}
