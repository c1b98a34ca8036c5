package dev.imagerag.logic.eval;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.imagerag.logic.search.Encoders;
import dev.imagerag.logic.search.SearchRequest;
import dev.imagerag.logic.search.SearchService;
import dev.imagerag.logic.store.SearchFilter;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.TestLibrary;
import dev.imagerag.testing.TextStages;
import dev.imagerag.testing.onnx.TestManifests;
import dev.imagerag.testing.onnx.TinyClipModel;
import dev.imagerag.testing.onnx.TinyClipModels;
import dev.imagerag.testing.onnx.TinyClipSpec;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation harness on a generated, labelled library: eight rendered screenshots with distinct
 * known text (stored as their OCR text) and eight generated pictures, searched through the real
 * stack (SQLite, Lucene, the real bge for text, a tiny CLIP-contract model for pictures).
 * Screenshot file names carry no words, so keyword hits come from the OCR text.
 */
class GeneratedSetEvaluationTest {
  private static final EmbeddingSettings CPU = EmbeddingSettings.DEFAULTS.withDevice(Device.CPU);
  private static final List<SearchMode> ALL_MODES =
      List.of(SearchMode.HYBRID, SearchMode.VISUAL, SearchMode.TEXT, SearchMode.KEYWORD);

  /** Screenshot file name → its text. */
  private static final Map<String, String> SCREENSHOTS = new LinkedHashMap<>();
  /** One query per screenshot, using a word that appears only in it. */
  private static final List<LabelledQuery> EXACT_WORDS = new ArrayList<>();
  /** Queries that share no word with the screenshot they mean. */
  private static final List<LabelledQuery> PARAPHRASES = new ArrayList<>();
  private static final List<LabelledQuery> EXAMPLE_IMAGES = new ArrayList<>();
  private static final LabelledQuery DATABASE_FAILURE =
      LabelledQuery.text("database connection failure", "screen01.png");

  @TempDir static Path dir;
  private static BgeTextEmbedder bge;
  private static OnnxImageEmbedder images;
  private static OnnxTextEmbedder texts;
  private static TestLibrary lib;
  private static SearchService search;

  static {
    screenshot(1, "ERROR: connection refused to postgres on port 5432", "postgres");
    screenshot(2, "Invoice 4411: total due 380 EUR by the end of March", "invoice");
    screenshot(3, "Kubernetes pod restarting in namespace payments", "kubernetes");
    screenshot(4, "Boarding pass: flight LH 452, gate B12, seat 14C", "boarding");
    screenshot(5, "Quarterly revenue chart: sales grew twelve percent", "revenue");
    screenshot(6, "Guest wifi password: sunflower", "password");
    screenshot(7, "Recipe: banana bread with walnuts and cinnamon", "banana");
    screenshot(8, "Disk quota exceeded on volume backup01", "quota");
    PARAPHRASES.add(DATABASE_FAILURE);
    PARAPHRASES.add(LabelledQuery.text("how much money do I owe", "screen02.png"));
    PARAPHRASES.add(LabelledQuery.text("airplane ticket", "screen04.png"));
    PARAPHRASES.add(LabelledQuery.text("baking instructions", "screen07.png"));
    PARAPHRASES.add(LabelledQuery.text("storage is full", "screen08.png"));
  }

  private static void screenshot(int n, String text, String word) {
    String name = String.format("screen%02d.png", n);
    SCREENSHOTS.put(name, text);
    EXACT_WORDS.add(LabelledQuery.text(word, name));
  }

  @BeforeAll
  static void buildLibrary() throws Exception {
    bge = new BgeTextEmbedder(2, Duration.ofMinutes(5));
    TinyClipModel model = TinyClipModels.write(dir.resolve("model"), TinyClipSpec.clip());
    images = new OnnxImageEmbedder(TestManifests.clip("tiny-clip", model.spec()), model.dir(), CPU);
    texts = new OnnxTextEmbedder(TestManifests.clip("tiny-clip", model.spec()), model.dir(), CPU);
    Map<String, Map<String, String>> ocr = new LinkedHashMap<>();
    SCREENSHOTS.forEach((name, text) -> {
      TestImages.write(TestImages.screenshot(text, 720, 80), "png", dir.resolve("in/" + name));
      ocr.put(name, Map.of("ocr", text));
    });
    for (int i = 1; i <= 8; i++) {
      String name = String.format("photo%02d.jpg", i);
      BufferedImage photo = TestImages.picture(320, 240, 40 + i);
      TestImages.write(photo, "jpeg", dir.resolve("in/" + name));
      if (i % 2 == 0) {
        Path example = TestImages.write(half(photo), "png", dir.resolve("examples/" + name + ".small.png"));
        EXAMPLE_IMAGES.add(LabelledQuery.image(example, name));
      }
    }
    lib = TestLibrary.open(dir.resolve("library"), ImportSettings.DEFAULTS, l -> List.of(
        TextStages.byFileName(l.catalog, ocr),
        new VisualEmbeddingStage(l.catalog, l.decoder, images, ImportSettings.DEFAULTS, 8),
        new TextEmbeddingStage(l.catalog, bge)));
    lib.importFrom(dir.resolve("in"));
    search = new SearchService(lib.catalog, lib.store, lib.decoder, new Encoders(images, texts, bge, null));
  }

  @AfterAll
  static void close() {
    lib.close();
    images.close();
    texts.close();
    bge.close();
  }

  private static BufferedImage half(BufferedImage photo) {
    BufferedImage small = new BufferedImage(photo.getWidth() / 2, photo.getHeight() / 2, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = small.createGraphics();
    g.drawImage(photo, 0, 0, small.getWidth(), small.getHeight(), null);
    g.dispose();
    return small;
  }

  private static Evaluation evaluation(SearchService service) {
    return new Evaluation((text, image, mode, k) -> service
        .search(new SearchRequest(text, image, mode, k, SearchFilter.NONE, null, false, false)).stream()
        .map(SearchHit::paths).toList());
  }

  private static EvaluationReport.ModeResult run(List<LabelledQuery> queries, SearchMode mode) {
    return evaluation(search).run(queries, List.of(mode), 10).mode(mode);
  }

  @Test
  void keywordSearchFindsEveryExactWordFirst() {
    EvaluationReport.ModeResult keyword = run(EXACT_WORDS, SearchMode.KEYWORD);

    assertThat(keyword.answered()).isEqualTo(EXACT_WORDS.size());
    assertThat(keyword.mrr()).isEqualTo(1.0);
  }

  @Test
  void textSearchFindsEveryExactWordFirst() {
    EvaluationReport.ModeResult text = run(EXACT_WORDS, SearchMode.TEXT);

    assertThat(text.perQuery()).allSatisfy(q -> assertThat(q.firstRelevantRank()).as(q.query()).isEqualTo(1));
    assertThat(text.mrr()).isEqualTo(1.0);
  }

  @Test
  void textSearchRanksTheScreenshotAParaphraseMeansFirst() {
    EvaluationReport.ModeResult text = run(List.of(DATABASE_FAILURE), SearchMode.TEXT);

    assertThat(text.perQuery().get(0).firstRelevantRank()).isEqualTo(1);
  }

  @Test
  void keywordSearchCannotFindAParaphrase() {
    EvaluationReport.ModeResult keyword = run(List.of(LabelledQuery.text("airplane ticket", "screen04.png")),
        SearchMode.KEYWORD);

    assertThat(keyword.mrr()).isZero();
  }

  @Test
  void visualSearchFindsTheOriginalOfEveryResizedExampleFirst() {
    assertThat(run(EXAMPLE_IMAGES, SearchMode.VISUAL).mrr()).isEqualTo(1.0);
  }

  @Test
  void visualSearchWithoutAModelIsReportedUnavailable() {
    SearchService noVisual = new SearchService(lib.catalog, lib.store, lib.decoder,
        new Encoders(null, null, bge, "no visual model is configured"));

    EvaluationReport report = evaluation(noVisual).run(EXACT_WORDS, ALL_MODES, 10);

    assertThat(report.mode(SearchMode.VISUAL).unavailable()).contains("no visual model is configured");
    assertThat(report.mode(SearchMode.HYBRID).mrr()).isEqualTo(1.0);
    assertThat(report.mode(SearchMode.KEYWORD).mrr()).isEqualTo(1.0);
  }

  @Test
  void theWholeSetIsScoredInEveryMode() {
    List<LabelledQuery> all = new ArrayList<>(EXACT_WORDS);
    all.addAll(PARAPHRASES);
    all.addAll(EXAMPLE_IMAGES);

    EvaluationReport report = evaluation(search).run(all, ALL_MODES, 10);
    System.out.println("Generated labelled set (" + EXACT_WORDS.size() + " exact words, " + PARAPHRASES.size()
        + " paraphrases, " + EXAMPLE_IMAGES.size() + " example images):\n" + report.table());
    report.modes().forEach(m -> m.perQuery().stream().filter(q -> q.answered() && q.firstRelevantRank() != 1)
        .forEach(q -> System.out.println("  " + m.mode().id() + " ranks \"" + q.query() + "\" at "
            + (q.firstRelevantRank() == 0 ? "none" : "#" + q.firstRelevantRank()))));

    assertThat(report.modes()).allSatisfy(m -> assertThat(m.available()).isTrue());
    assertThat(report.mode(SearchMode.KEYWORD).skipped()).isEqualTo(EXAMPLE_IMAGES.size());
    assertThat(report.mode(SearchMode.TEXT).skipped()).isEqualTo(EXAMPLE_IMAGES.size());
    assertThat(report.mode(SearchMode.VISUAL).skipped()).isZero();
    assertThat(report.mode(SearchMode.HYBRID).answered()).isEqualTo(all.size());
  }
}
