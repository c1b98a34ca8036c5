package dev.imagerag.logic.caption;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.SearchHit;
import dev.imagerag.domain.SearchMode;
import dev.imagerag.domain.StageState;
import dev.imagerag.infra.openai.OpenAiCaptioner;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.ingest.ImportSettings;
import dev.imagerag.logic.ingest.ImportSummary;
import dev.imagerag.logic.search.SearchRequest;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.TestLibrary;
import dev.imagerag.testing.openai.OpenAiTestServer;
import dev.imagerag.testing.openai.RecordedRequest;
import dev.imagerag.testing.openai.Reply;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The caption stage in the real pipeline (SQLite, Lucene, thumbnails) with the real OpenAI adapter
 * talking to a local double of the chat-completions endpoint.
 */
class CaptionStageTest {
  private static final String KEY = "sk-test-SECRET123";
  private static final String TRUCK = """
      {"description": "A red fire truck parked outside a station.", "elements": ["fire truck", "garage door"],
       "text": "ENGINE 7", "tags": ["fire truck", "red", "emergency"], "category": "photo"}""";
  private static final String WHALE = """
      {"description": "A blue whale diving in the ocean.", "elements": ["whale", "water"],
       "text": "", "tags": ["whale", "ocean", "blue"], "category": "photo"}""";

  @TempDir Path dir;
  private OpenAiTestServer server;
  private OpenAiCaptioner captioner;
  private final CostMeter costs = new CostMeter(0.15, 0.60);

  @BeforeEach
  void start() {
    server = OpenAiTestServer.start();
  }

  @AfterEach
  void stop() {
    if (captioner != null) {
      captioner.close();
    }
    server.close();
  }

  private CaptionSettings settings(int maxConcurrency) {
    return new CaptionSettings(true, server.baseUrl(), "gpt-test-vision", KEY, maxConcurrency,
        Duration.ofSeconds(10), 2, 512, "low", 0.15, 0.60);
  }

  private TestLibrary library(CaptionSettings settings) {
    captioner = new OpenAiCaptioner(settings, Map.of());
    return TestLibrary.open(dir.resolve("library"), ImportSettings.DEFAULTS, lib -> List.of(
        new CaptionStage(lib.catalog, lib.decoder, captioner, settings, ImportSettings.DEFAULTS, costs)));
  }

  private Path picture(String name, Color colour) {
    return TestImages.write(TestImages.filled(640, 480, colour), "png", dir.resolve("in/" + name + ".png"));
  }

  /** The colour of the (flat) image a request carries. */
  private static Color colourSent(RecordedRequest request) {
    String url = request.imageParts().get(0).path("url").asText();
    byte[] bytes = Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1));
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
      return new Color(image.getRGB(image.getWidth() / 2, image.getHeight() / 2));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Answers the truck caption for red images, the whale caption for blue ones. */
  private static Function<RecordedRequest, Reply> byColour(Reply forRed, Reply forBlue) {
    return request -> colourSent(request).getRed() > 200 ? forRed : forBlue;
  }

  private static ImageId id(TestLibrary lib, Path file) {
    return lib.catalog.findPath(file.toString()).orElseThrow().imageId();
  }

  @Test
  void captionsFillTheCatalogFields() throws Exception {
    Path red = picture("red", Color.RED);
    picture("blue", Color.BLUE);
    server.otherwise(byColour(Reply.content(TRUCK), Reply.content(WHALE)));
    try (TestLibrary lib = library(settings(2))) {
      ImportSummary summary = lib.importFrom(dir.resolve("in"));

      assertThat(summary.stages().get(CaptionStage.NAME).done()).isEqualTo(2);
      Map<String, String> texts = lib.catalog.texts(id(lib, red));
      assertThat(texts).containsEntry(CaptionStage.DESCRIPTION, "A red fire truck parked outside a station.")
          .containsEntry(CaptionStage.ELEMENTS, "fire truck\ngarage door")
          .containsEntry(CaptionStage.TEXT, "ENGINE 7")
          .containsEntry(CaptionStage.TAGS, "fire truck, red, emergency")
          .containsEntry(CaptionStage.CATEGORY, "photo")
          .containsEntry(CaptionStage.RAW, TRUCK);
    }
  }

  @Test
  void keywordSearchFindsAnImageByACaptionWord() throws Exception {
    picture("red", Color.RED);
    Path blue = picture("blue", Color.BLUE);
    server.otherwise(byColour(Reply.content(TRUCK), Reply.content(WHALE)));
    try (TestLibrary lib = library(settings(2))) {
      lib.importFrom(dir.resolve("in"));

      List<SearchHit> hits = lib.search.search(SearchRequest.text("diving", SearchMode.KEYWORD, 10));

      assertThat(hits).extracting(SearchHit::id).containsExactly(id(lib, blue));
    }
  }

  @Test
  void theServerNeverSeesMoreRequestsAtOnceThanMaxConcurrency() throws Exception {
    for (int i = 0; i < 8; i++) {
      picture("p" + i, new Color(30 * i, 60, 90));
    }
    server.otherwise(request -> Reply.content(WHALE).withDelay(Duration.ofMillis(200)));
    try (TestLibrary lib = library(settings(2))) {
      ImportSummary summary = lib.importFrom(dir.resolve("in"));

      assertThat(summary.stages().get(CaptionStage.NAME).done()).isEqualTo(8);
      assertThat(server.requests()).hasSize(8);
      assertThat(server.maxInFlight()).isEqualTo(2);
    }
  }

  @Test
  void theCostMeterAddsTheUsageOfEveryCaption() throws Exception {
    picture("red", Color.RED);
    picture("blue", Color.BLUE);
    server.otherwise(byColour(Reply.content(TRUCK).withUsage(1000, 100), Reply.content(WHALE).withUsage(3000, 300)));
    try (TestLibrary lib = library(settings(2))) {
      lib.importFrom(dir.resolve("in"));

      CostMeter.Totals totals = costs.totals();
      assertThat(totals.requests()).isEqualTo(2);
      assertThat(totals.promptTokens()).isEqualTo(4000);
      assertThat(totals.completionTokens()).isEqualTo(400);
    }
  }

  @Test
  void anImageTheServerRejectsFailsAloneWithTheReason() throws Exception {
    Path red = picture("red", Color.RED);
    Path blue = picture("blue", Color.BLUE);
    server.otherwise(byColour(
        Reply.error(400, "invalid_request_error", "invalid_image", "The image could not be processed."),
        Reply.content(WHALE)));
    try (TestLibrary lib = library(settings(2))) {
      ImportSummary summary = lib.importFrom(dir.resolve("in"));

      assertThat(summary.stages().get(CaptionStage.NAME).failed()).isEqualTo(1);
      assertThat(lib.catalog.stages(id(lib, red))).anySatisfy(s -> {
        assertThat(s.stage()).isEqualTo(CaptionStage.NAME);
        assertThat(s.state()).isEqualTo(StageState.FAILED);
        assertThat(s.reason()).contains("rejected this image").contains("could not be processed");
      });
      assertThat(lib.catalog.texts(id(lib, blue))).containsEntry(CaptionStage.DESCRIPTION,
          "A blue whale diving in the ocean.");
    }
  }

  @Test
  void aBadKeyStopsTheStageAndLeavesTheImagesPending() throws Exception {
    picture("red", Color.RED);
    picture("blue", Color.BLUE);
    server.otherwise(request -> Reply.unauthorized());
    try (TestLibrary lib = library(settings(1))) {
      ImportSummary summary = lib.importFrom(dir.resolve("in"));

      assertThat(summary.errors()).anySatisfy(e -> assertThat(e).contains("caption").contains("refused the API key"));
      assertThat(lib.catalog.count(CaptionStage.NAME, StageState.PENDING)).isEqualTo(2);
      assertThat(lib.catalog.count(CaptionStage.NAME, StageState.FAILED)).isZero();
      assertThat(lib.catalog.count(Catalog.INDEX_STAGE, StageState.DONE)).isEqualTo(2);
    }
  }

  @Test
  void theApiKeyAppearsNowhereInTheLog() throws Exception {
    picture("red", Color.RED);
    picture("blue", Color.BLUE);
    // A rate limit (logged retry), a success, then a server that quotes the key back in its 401.
    server.enqueue(Reply.rateLimited(Duration.ofMillis(50)), Reply.content(TRUCK));
    server.otherwise(request -> Reply.error(401, "invalid_request_error", "invalid_api_key",
        "Incorrect API key provided: " + request.authorization()));
    List<ILoggingEvent> events = captureLogs(() -> {
      try (TestLibrary lib = library(settings(1))) {
        ImportSummary summary = lib.importFrom(dir.resolve("in"));
        assertThat(summary.errors()).allSatisfy(e -> assertThat(e).doesNotContain("SECRET123"));
      }
    });

    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : events) {
      lines.add(event.getFormattedMessage());
      if (event.getThrowableProxy() != null) {
        lines.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
      }
    }
    assertThat(server.requests()).anySatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + KEY));
    assertThat(lines).anySatisfy(line -> assertThat(line).contains("retry 1 of 2"));
    assertThat(lines).anySatisfy(line -> assertThat(line).contains("UnauthorizedException"));
    assertThat(lines).noneSatisfy(line -> assertThat(line).contains("SECRET123"));
  }

  @Test
  void theVersionNamesTheModelAndThePrompt() {
    CaptionSettings settings = settings(1);
    try (OpenAiCaptioner adapter = new OpenAiCaptioner(settings, Map.of())) {
      CaptionStage stage = new CaptionStage(null, null, adapter, settings, ImportSettings.DEFAULTS, costs);

      assertThat(stage.version()).isEqualTo("gpt-test-vision/" + CaptionPrompt.VERSION);
      assertThat(stage.threads()).isEqualTo(1);
      assertThat(stage.name()).isEqualTo("caption");
    }
  }

  private interface Run {
    void run() throws Exception;
  }

  /** Everything logged at any level while {@code run} runs. */
  private static List<ILoggingEvent> captureLogs(Run run) throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level level = root.getLevel();
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.TRACE);
    try {
      run.run();
    } finally {
      root.setLevel(level);
      root.detachAppender(appender);
    }
    return List.copyOf(appender.list);
  }
}
