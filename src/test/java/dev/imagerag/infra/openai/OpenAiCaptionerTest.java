package dev.imagerag.infra.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagerag.logic.caption.BadApiKeyException;
import dev.imagerag.logic.caption.Caption;
import dev.imagerag.logic.caption.CaptionPrompt;
import dev.imagerag.logic.caption.CaptionServerException;
import dev.imagerag.logic.caption.CaptionSettings;
import dev.imagerag.logic.caption.CaptionTimeoutException;
import dev.imagerag.logic.caption.ImageRejectedException;
import dev.imagerag.logic.caption.ModelUnavailableException;
import dev.imagerag.logic.caption.RateLimitedException;
import dev.imagerag.logic.caption.ServerUnreachableException;
import dev.imagerag.logic.caption.TokenUsage;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.openai.OpenAiTestServer;
import dev.imagerag.testing.openai.RecordedRequest;
import dev.imagerag.testing.openai.Reply;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter against a local double of the chat-completions endpoint. */
class OpenAiCaptionerTest {
  static final String KEY = "sk-test-SECRET123";
  private static final String JSON_ANSWER = """
      {"description": "A red fire truck outside a station.", "elements": ["fire truck", "garage"],
       "text": "ENGINE 7", "tags": ["fire truck", "red", "emergency"], "category": "photo"}""";

  private OpenAiTestServer server;
  private final List<OpenAiCaptioner> opened = new ArrayList<>();

  @BeforeEach
  void start() {
    server = OpenAiTestServer.start();
  }

  @AfterEach
  void stop() {
    opened.forEach(OpenAiCaptioner::close);
    server.close();
  }

  static CaptionSettings settings(String baseUrl, String apiKey, int maxRetries, Duration timeout) {
    return new CaptionSettings(true, baseUrl, "gpt-test-vision", apiKey, 2, timeout, maxRetries, 768, "low", 0.15,
        0.60);
  }

  private OpenAiCaptioner captioner(CaptionSettings settings, Map<String, String> env, Duration initialBackoff) {
    OpenAiCaptioner captioner = new OpenAiCaptioner(settings, env,
        new RetryPolicy(settings.maxRetries(), initialBackoff, initialBackoff.multipliedBy(8)));
    opened.add(captioner);
    return captioner;
  }

  private OpenAiCaptioner captioner() {
    return captioner(settings(server.baseUrl(), KEY, 2, Duration.ofSeconds(10)), Map.of(), Duration.ofMillis(20));
  }

  private static BufferedImage photo() {
    return TestImages.picture(2000, 1000, 7);
  }

  private static BufferedImage sentImage(RecordedRequest request, String format) throws IOException {
    String url = request.imageParts().get(0).path("url").asText();
    String prefix = "data:image/" + format + ";base64,";
    assertThat(url).startsWith(prefix);
    byte[] bytes = Base64.getDecoder().decode(url.substring(prefix.length()));
    return ImageIO.read(new ByteArrayInputStream(bytes));
  }

  private static String stackTrace(Throwable failure) {
    StringWriter out = new StringWriter();
    failure.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  @Test
  void theRequestCarriesTheModelThePromptAndTheKey() {
    captioner().caption(photo());

    RecordedRequest request = server.requests().get(0);
    assertThat(request.model()).isEqualTo("gpt-test-vision");
    assertThat(request.texts()).containsExactly(CaptionPrompt.TEXT);
    assertThat(request.authorization()).isEqualTo("Bearer " + KEY);
    assertThat(request.imageParts()).singleElement()
        .satisfies(part -> assertThat(part.path("detail").asText()).isEqualTo("low"));
  }

  @Test
  void aPhotoIsSentAsADownscaledJpegDataUrl() throws IOException {
    captioner().caption(photo());

    BufferedImage sent = sentImage(server.requests().get(0), "jpeg");
    assertThat(sent.getWidth()).isEqualTo(768);
    assertThat(sent.getHeight()).isEqualTo(384);
  }

  @Test
  void anImageWithFewColoursIsSentAsPng() throws IOException {
    BufferedImage flat = TestImages.filled(1200, 900, Color.ORANGE);

    captioner().caption(flat);

    BufferedImage sent = sentImage(server.requests().get(0), "png");
    assertThat(sent.getWidth()).isEqualTo(768);
    assertThat(sent.getHeight()).isEqualTo(576);
  }

  @Test
  void aSmallImageIsNotEnlarged() throws IOException {
    captioner().caption(TestImages.filled(300, 200, Color.GRAY));

    BufferedImage sent = sentImage(server.requests().get(0), "png");
    assertThat(sent.getWidth()).isEqualTo(300);
    assertThat(sent.getHeight()).isEqualTo(200);
  }

  @Test
  void theKeyComesFromTheEnvironmentWhenTheSettingsHaveNone() {
    captioner(settings(server.baseUrl(), null, 0, Duration.ofSeconds(10)),
        Map.of(OpenAiCaptioner.API_KEY_VARIABLE, "sk-from-env"), Duration.ofMillis(20)).caption(photo());

    assertThat(server.requests().get(0).authorization()).isEqualTo("Bearer sk-from-env");
  }

  @Test
  void withoutAnyKeyNoAuthorizationIsSent() {
    captioner(settings(server.baseUrl(), null, 0, Duration.ofSeconds(10)), Map.of(), Duration.ofMillis(20))
        .caption(photo());

    assertThat(server.requests().get(0).authorization()).isNull();
  }

  @Test
  void aJsonAnswerIsSplitIntoFieldsWithUsageAndModel() {
    server.enqueue(Reply.content("```json\n" + JSON_ANSWER + "\n```").withUsage(850, 60));

    Caption caption = captioner().caption(photo());

    assertThat(caption.description()).isEqualTo("A red fire truck outside a station.");
    assertThat(caption.elements()).containsExactly("fire truck", "garage");
    assertThat(caption.text()).isEqualTo("ENGINE 7");
    assertThat(caption.tags()).containsExactly("fire truck", "red", "emergency");
    assertThat(caption.category()).isEqualTo("photo");
    assertThat(caption.usage()).isEqualTo(new TokenUsage(850, 60));
    assertThat(caption.model()).isEqualTo("gpt-test-vision");
  }

  @Test
  void aNonJsonAnswerBecomesTheDescription() {
    server.enqueue(Reply.content("A red fire truck outside a station."));

    Caption caption = captioner().caption(photo());

    assertThat(caption.description()).isEqualTo("A red fire truck outside a station.");
    assertThat(caption.tags()).isEmpty();
  }

  @Test
  void aMalformedJsonAnswerBecomesTheDescription() {
    String broken = "{\"description\": \"A red fire truck\", \"tags\": [\"red\"";
    server.enqueue(Reply.content(broken));

    Caption caption = captioner().caption(photo());

    assertThat(caption.description()).isEqualTo(broken);
    assertThat(caption.raw()).isEqualTo(broken);
  }

  @Test
  void anEmptyAnswerRejectsTheImage() {
    server.enqueue(Reply.content(""));

    assertThatThrownBy(() -> captioner().caption(photo())).isInstanceOf(ImageRejectedException.class)
        .hasMessageContaining("no caption");
  }

  @Test
  void unauthorizedIsABadKeyErrorThatNeverShowsTheKey() {
    // Worst case: a server that quotes the whole Authorization header back.
    server.otherwise(request -> Reply.error(401, "invalid_request_error", "invalid_api_key",
        "Incorrect API key provided: " + request.authorization()));

    assertThatThrownBy(() -> captioner().caption(photo()))
        .isInstanceOfSatisfying(BadApiKeyException.class, e -> {
          assertThat(e.getMessage()).contains(server.baseUrl()).contains("refused the API key")
              .contains("OPENAI_API_KEY").doesNotContain("SECRET123");
          assertThat(stackTrace(e)).contains("UnauthorizedException").doesNotContain("SECRET123");
        });
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void unauthorizedWithoutAKeySaysOneIsNeeded() {
    server.enqueue(Reply.unauthorized());

    assertThatThrownBy(() -> captioner(settings(server.baseUrl(), null, 0, Duration.ofSeconds(10)), Map.of(),
        Duration.ofMillis(20)).caption(photo()))
        .isInstanceOf(BadApiKeyException.class).hasMessageContaining("needs an API key");
  }

  @Test
  void anUnknownModelIsAModelError() {
    server.enqueue(Reply.modelNotFound("gpt-test-vision"));

    assertThatThrownBy(() -> captioner().caption(photo())).isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("'gpt-test-vision'").hasMessageContaining("does not exist");
  }

  @Test
  void aModelWithoutVisionIsAModelError() {
    server.enqueue(Reply.error(400, "invalid_request_error", null,
        "Invalid content type. image_url is only supported by certain models."));

    assertThatThrownBy(() -> captioner().caption(photo())).isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("does not accept images");
  }

  @Test
  void anImageTheServerRefusesIsRejectedWithTheServersReason() {
    server.enqueue(Reply.error(400, "invalid_request_error", "invalid_image", "The image could not be processed."));

    assertThatThrownBy(() -> captioner().caption(photo())).isInstanceOf(ImageRejectedException.class)
        .hasMessageContaining("HTTP 400").hasMessageContaining("could not be processed");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void aRateLimitIsRetriedAfterTheDelayTheServerAsks() {
    server.enqueue(Reply.rateLimited(Duration.ofMillis(400)), Reply.content(JSON_ANSWER));

    Caption caption = captioner().caption(photo());

    assertThat(caption.description()).startsWith("A red fire truck");
    List<RecordedRequest> requests = server.requests();
    assertThat(requests).hasSize(2);
    assertThat(Duration.ofNanos(requests.get(1).receivedNanos() - requests.get(0).receivedNanos()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void serverErrorsAreRetriedWithGrowingBackoff() {
    server.enqueue(Reply.serverError(), Reply.overloaded(), Reply.content(JSON_ANSWER));

    captioner(settings(server.baseUrl(), KEY, 3, Duration.ofSeconds(10)), Map.of(), Duration.ofMillis(200))
        .caption(photo());

    List<RecordedRequest> requests = server.requests();
    assertThat(requests).hasSize(3);
    // Retry n waits 200 ms · 2^(n−1), less at most 25 % jitter.
    assertThat(Duration.ofNanos(requests.get(1).receivedNanos() - requests.get(0).receivedNanos()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(150));
    assertThat(Duration.ofNanos(requests.get(2).receivedNanos() - requests.get(1).receivedNanos()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void aServerFailingEveryAttemptGivesUpAfterMaxRetries() {
    server.otherwise(request -> Reply.serverError());

    assertThatThrownBy(() -> captioner().caption(photo())).isInstanceOf(CaptionServerException.class)
        .hasMessageContaining("HTTP 500").hasMessageContaining("3 attempts");
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void aRateLimitOnEveryAttemptIsARateLimitError() {
    server.otherwise(request -> Reply.rateLimited(Duration.ofMillis(10)));

    assertThatThrownBy(() -> captioner().caption(photo())).isInstanceOf(RateLimitedException.class)
        .hasMessageContaining("3 attempts").hasMessageContaining("maxConcurrency");
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void aSlowServerIsATimeoutAndIsNotRetried() {
    server.enqueue(Reply.content(JSON_ANSWER).withDelay(Duration.ofSeconds(3)));
    long start = System.nanoTime();

    assertThatThrownBy(() -> captioner(settings(server.baseUrl(), KEY, 2, Duration.ofMillis(300)), Map.of(),
        Duration.ofMillis(20)).caption(photo()))
        .isInstanceOf(CaptionTimeoutException.class).hasMessageContaining("300 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void aServerThatIsNotRunningIsUnreachable() {
    String url;
    try (OpenAiTestServer gone = OpenAiTestServer.start()) {
      url = gone.baseUrl();
    }

    assertThatThrownBy(() -> captioner(settings(url, KEY, 2, Duration.ofSeconds(5)), Map.of(),
        Duration.ofMillis(20)).caption(photo()))
        .isInstanceOf(ServerUnreachableException.class).hasMessageContaining(url)
        .hasMessageContaining("connection refused");
  }

  @Test
  void anAnswerThatIsNotJsonIsAServerError() {
    server.enqueue(Reply.malformedJson());

    assertThatThrownBy(() -> captioner().caption(photo())).isInstanceOf(CaptionServerException.class)
        .hasMessageContaining("OpenAI-compatible");
  }

  @Test
  void aConnectionDroppedMidAnswerIsReported() {
    server.enqueue(Reply.content(JSON_ANSWER).droppingConnectionMidway());

    assertThatThrownBy(() -> captioner().caption(photo())).isInstanceOf(ServerUnreachableException.class);
  }

  @Test
  void noMoreThanMaxConcurrencyRequestsAreInFlightWhateverTheCallers() throws Exception {
    server.otherwise(request -> Reply.content(JSON_ANSWER).withDelay(Duration.ofMillis(150)));
    OpenAiCaptioner captioner = captioner();
    List<Thread> callers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Thread caller = new Thread(() -> captioner.caption(TestImages.picture(200, 100, 3)));
      caller.start();
      callers.add(caller);
    }
    for (Thread caller : callers) {
      caller.join();
    }

    assertThat(server.requests()).hasSize(5);
    assertThat(server.maxInFlight()).isEqualTo(2);
  }

  @Test
  void theImagePartFollowsTheTextInOneUserMessage() {
    captioner().caption(photo());

    List<JsonNode> messages = server.requests().get(0).messages();
    assertThat(messages).singleElement().satisfies(message -> {
      assertThat(message.path("role").asText()).isEqualTo("user");
      assertThat(message.path("content").get(0).path("type").asText()).isEqualTo("text");
      assertThat(message.path("content").get(1).path("type").asText()).isEqualTo("image_url");
    });
  }
}
