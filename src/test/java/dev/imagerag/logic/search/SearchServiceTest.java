package dev.imagerag.logic.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.SearchHit;
import dev.imagerag.domain.SearchMode;
import dev.imagerag.domain.SignalScore;
import dev.imagerag.infra.onnx.BgeTextEmbedder;
import dev.imagerag.infra.onnx.OnnxImageEmbedder;
import dev.imagerag.infra.onnx.OnnxTextEmbedder;
import dev.imagerag.logic.embed.Device;
import dev.imagerag.logic.embed.EmbeddingSettings;
import dev.imagerag.logic.embed.TextEmbedder;
import dev.imagerag.logic.ingest.ImportSettings;
import dev.imagerag.logic.ingest.TextEmbeddingStage;
import dev.imagerag.logic.ingest.VisualEmbeddingStage;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.TestLibrary;
import dev.imagerag.testing.TextStages;
import dev.imagerag.testing.onnx.TestManifests;
import dev.imagerag.testing.onnx.TinyClipModel;
import dev.imagerag.testing.onnx.TinyClipModels;
import dev.imagerag.testing.onnx.TinyClipSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Search over a real library (SQLite, Lucene, a tiny CLIP-contract model, the real bge): screenshots
 * whose OCR text is known, a few pictures without text, thresholds, cut-offs, explanations,
 * snippets and the query-embedding cache.
 *
 * <p>Rendered screenshots all look alike to the tiny visual model (white with a line of black
 * text: cosine above 0.95), so requests here switch near-duplicate grouping off unless a test is
 * about grouping.
 */
class SearchServiceTest {
  private static final EmbeddingSettings CPU = EmbeddingSettings.DEFAULTS.withDevice(Device.CPU);
  private static final String ERROR_TEXT = "ERROR: connection refused to postgres on port 5432";

  @TempDir static Path dir;
  private static BgeTextEmbedder bge;
  private static OnnxImageEmbedder images;
  private static OnnxTextEmbedder texts;
  private static TestLibrary lib;
  private static SearchService search;

  @BeforeAll
  static void buildLibrary() throws Exception {
    bge = new BgeTextEmbedder(2, Duration.ofMinutes(5));
    TinyClipModel model = TinyClipModels.write(dir.resolve("model"), TinyClipSpec.clip());
    images = new OnnxImageEmbedder(TestManifests.clip("tiny-clip", model.spec()), model.dir(), CPU);
    texts = new OnnxTextEmbedder(TestManifests.clip("tiny-clip", model.spec()), model.dir(), CPU);
    Map<String, Map<String, String>> textsByName = new HashMap<>();
    screenshot("error.png", ERROR_TEXT, textsByName);
    screenshot("chart.png", "Quarterly revenue chart: sales grew twelve percent", textsByName);
    String menu = "Lunch menu: tomato soup and grilled cheese";
    TestImages.write(TestImages.screenshot(menu, 720, 80), "png", dir.resolve("in/menu.png"));
    textsByName.put("menu.png", Map.of("ocr", menu,
        "caption", "A printed lunch menu pinned to a cork board in an office kitchen"));
    for (int i = 1; i <= 3; i++) {
      screenshot("invoice" + i + ".png", "Invoice 20" + i + ": invoice total " + (100 + i) + " EUR, invoice paid",
          textsByName);
    }
    for (int i = 1; i <= 5; i++) {
      screenshot("notes" + i + ".png", "Meeting notes " + i + ": the team reviewed the roadmap, agreed on"
          + " hiring plans, discussed the offsite venue and the budget, and will send the invoice later"
          + " once finance has approved the quarterly numbers and the supplier confirms delivery dates.", textsByName);
    }
    for (int i = 0; i < 4; i++) {
      TestImages.jpeg(dir.resolve("in/photo" + i + ".jpg"), 96, 72, 30 + i);
    }
    lib = TestLibrary.open(dir.resolve("library"), ImportSettings.DEFAULTS, l -> List.of(
        TextStages.byFileName(l.catalog, textsByName),
        new VisualEmbeddingStage(l.catalog, l.decoder, images, ImportSettings.DEFAULTS, 8),
        new TextEmbeddingStage(l.catalog, bge)));
    lib.importFrom(dir.resolve("in"));
    search = new SearchService(lib.catalog, lib.store, lib.decoder, new Encoders(images, texts, bge, null));
  }

  private static void screenshot(String name, String text, Map<String, Map<String, String>> textsByName) {
    TestImages.write(TestImages.screenshot(text, 720, 80), "png", dir.resolve("in/" + name));
    textsByName.put(name, Map.of("ocr", text));
  }

  @AfterAll
  static void close() {
    lib.close();
    images.close();
    texts.close();
    bge.close();
  }

  private static ImageId id(String name) {
    return lib.catalog.findPath(dir.resolve("in/" + name).toString()).orElseThrow().imageId();
  }

  private static SearchRequest request(String text, SearchMode mode, int k) {
    return SearchRequest.text(text, mode, k).withGroupDuplicates(false);
  }

  private static SearchHit hitFor(List<SearchHit> hits, String name) {
    return hits.stream().filter(h -> h.id().equals(id(name))).findFirst().orElseThrow();
  }

  private static List<String> signalNames(SearchHit hit) {
    return hit.signals().stream().map(SignalScore::signal).toList();
  }

  @Test
  void aManualThresholdKeepsExactlyTheHitsScoringAtLeastIt() {
    List<SearchHit> all = search.search(request("a photo of a cat", SearchMode.VISUAL, 20));
    double third = all.get(2).score();

    List<SearchHit> kept = search.search(request("a photo of a cat", SearchMode.VISUAL, 20).withThreshold(third));

    assertThat(all).hasSizeGreaterThan(3);
    assertThat(kept).extracting(SearchHit::id).containsExactlyElementsOf(all.subList(0, 3).stream()
        .map(SearchHit::id).toList());
    assertThat(kept).allSatisfy(h -> assertThat(h.score()).isGreaterThanOrEqualTo(third));
  }

  @Test
  void aKeywordThresholdIsInBm25Units() {
    List<SearchHit> kept = search.search(request("invoice", SearchMode.KEYWORD, 20).withThreshold(1e6));

    assertThat(kept).isEmpty();
  }

  @Test
  void relevantOnlyCutsTheListWhereTheScoresDropOff() {
    List<SearchHit> all = search.search(request("invoice", SearchMode.KEYWORD, 20));

    List<SearchHit> relevant = search.search(request("invoice", SearchMode.KEYWORD, 20).withRelevantOnly(true));

    assertThat(all).hasSize(8);
    assertThat(relevant).extracting(SearchHit::id)
        .containsExactlyInAnyOrder(id("invoice1.png"), id("invoice2.png"), id("invoice3.png"));
  }

  @Test
  void relevantOnlyKeepsAnEvenlyRelevantListWhole() {
    List<SearchHit> relevant = search.search(request("meeting notes roadmap", SearchMode.KEYWORD, 20)
        .withRelevantOnly(true));

    assertThat(relevant).hasSize(5);
  }

  @Test
  void aHybridHitCarriesKeywordVisualAndTextSignalsWhenAllKnowIt() {
    List<SearchHit> hits = search.search(request("connection refused", SearchMode.HYBRID, 20));

    SearchHit error = hits.get(0);
    assertThat(error.id()).isEqualTo(id("error.png"));
    assertThat(signalNames(error)).containsExactlyInAnyOrder(SearchService.KEYWORD, SearchService.VISUAL,
        SearchService.TEXT);
    assertThat(error.signals()).filteredOn(s -> s.signal().equals(SearchService.KEYWORD))
        .singleElement().satisfies(s -> assertThat(s.rank()).isEqualTo(1));
  }

  @Test
  void aPictureWithoutTextIsExplainedByTheVisualSignalAlone() {
    List<SearchHit> hits = search.search(request("connection refused", SearchMode.HYBRID, 30));

    assertThat(signalNames(hitFor(hits, "photo0.jpg"))).containsExactly(SearchService.VISUAL);
  }

  @Test
  void aSignalScoreIsThatSignalsOwnScoreForTheImage() {
    List<SearchHit> hits = search.search(request("connection refused", SearchMode.HYBRID, 30));
    List<SearchHit> visualOnly = search.search(request("connection refused", SearchMode.VISUAL, 30));

    SignalScore visual = hitFor(hits, "photo2.jpg").signals().get(0);
    assertThat(visual.score()).isCloseTo(hitFor(visualOnly, "photo2.jpg").score(), within(1e-5));
    assertThat(visual.rank()).isEqualTo(hitFor(visualOnly, "photo2.jpg").rank());
  }

  @Test
  void aSingleModeHitIsExplainedByItsOwnSignalAtItsRank() {
    List<SearchHit> hits = search.search(request("tomato soup", SearchMode.KEYWORD, 5));

    assertThat(hits.get(0).signals()).containsExactly(new SignalScore(SearchService.KEYWORD, hits.get(0).score(), 1));
  }

  @Test
  void snippetsComeFromTheOcrTextWithTheWordsMarked() {
    List<SearchHit> hits = search.search(request("refused", SearchMode.KEYWORD, 5));

    assertThat(hits.get(0).id()).isEqualTo(id("error.png"));
    assertThat(hits.get(0).snippets()).containsExactly("ERROR: connection **refused** to postgres on port 5432");
  }

  @Test
  void snippetsComeFromTheCaptionWhenTheOcrTextLacksTheWords() {
    List<SearchHit> hits = search.search(request("cork board", SearchMode.KEYWORD, 5));

    assertThat(hitFor(hits, "menu.png").snippets()).singleElement().asString()
        .contains("**cork** **board**");
  }

  @Test
  void aVisualQueryWithoutWordsHasNoSnippets() {
    List<SearchHit> hits = search.search(new SearchRequest(null, dir.resolve("in/error.png"), SearchMode.VISUAL, 3,
        null).withGroupDuplicates(false));

    assertThat(hits).allSatisfy(h -> assertThat(h.snippets()).isEmpty());
  }

  @Test
  void theTextModeFindsAParaphraseByMeaning() {
    List<SearchHit> hits = search.search(request("the database server is unreachable", SearchMode.TEXT, 3));

    assertThat(hits.get(0).id()).isEqualTo(id("error.png"));
  }

  @Test
  void hybridWithoutAVisualModelStillAnswersWithKeywordAndText() {
    SearchService noVisual = new SearchService(lib.catalog, lib.store, lib.decoder,
        new Encoders(null, null, bge, "no visual model is configured"));

    List<SearchHit> hits = noVisual.search(SearchRequest.text("postgres connection failure", SearchMode.HYBRID, 10));

    assertThat(hits).isNotEmpty();
    assertThat(hits.get(0).id()).isEqualTo(id("error.png"));
    assertThat(signalNames(hits.get(0))).containsExactlyInAnyOrder(SearchService.KEYWORD, SearchService.TEXT);
    assertThat(hits).allSatisfy(h -> assertThat(signalNames(h)).doesNotContain(SearchService.VISUAL));
  }

  @Test
  void aRepeatedQueryIsEmbeddedOnce() {
    CountingTextEmbedder counting = new CountingTextEmbedder(bge);
    SearchService cached = new SearchService(lib.catalog, lib.store, lib.decoder,
        new Encoders(null, null, counting, "no visual model is configured"));

    List<SearchHit> first = cached.search(SearchRequest.text("invoice paid", SearchMode.TEXT, 5));
    List<SearchHit> again = cached.search(SearchRequest.text("invoice paid", SearchMode.TEXT, 5));
    cached.search(SearchRequest.text("invoice paid", SearchMode.HYBRID, 5));

    assertThat(counting.texts.get()).isEqualTo(1);
    assertThat(again).isEqualTo(first);
  }

  @Test
  void aNewQueryIsEmbeddedAgain() {
    CountingTextEmbedder counting = new CountingTextEmbedder(bge);
    SearchService cached = new SearchService(lib.catalog, lib.store, lib.decoder,
        new Encoders(null, null, counting, "no visual model is configured"));

    cached.search(SearchRequest.text("invoice paid", SearchMode.TEXT, 5));
    cached.search(SearchRequest.text("lunch menu", SearchMode.TEXT, 5));

    assertThat(counting.texts.get()).isEqualTo(2);
  }

  /** Counts the texts that reach the real embedder. */
  private static final class CountingTextEmbedder implements TextEmbedder {
    private final TextEmbedder delegate;
    final AtomicInteger texts = new AtomicInteger();

    CountingTextEmbedder(TextEmbedder delegate) {
      this.delegate = delegate;
    }

    @Override
    public String modelId() {
      return delegate.modelId();
    }

    @Override
    public int dimension() {
      return delegate.dimension();
    }

    @Override
    public List<float[]> embedTexts(List<String> batch) {
      texts.addAndGet(batch.size());
      return delegate.embedTexts(batch);
    }
  }
}
