package dev.imagerag.infra.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagerag.logic.caption.TokenUsage;
import dev.imagerag.logic.chat.ChatBadApiKeyException;
import dev.imagerag.logic.chat.ChatMessage;
import dev.imagerag.logic.chat.ChatModelUnavailableException;
import dev.imagerag.logic.chat.ChatPart;
import dev.imagerag.logic.chat.ChatPrompt;
import dev.imagerag.logic.chat.ChatRateLimitedException;
import dev.imagerag.logic.chat.ChatReply;
import dev.imagerag.logic.chat.ChatServerException;
import dev.imagerag.logic.chat.ChatSettings;
import dev.imagerag.logic.chat.ChatTimeoutException;
import dev.imagerag.logic.chat.ChatUnreachableException;
import dev.imagerag.logic.chat.EncodedImage;
import dev.imagerag.logic.chat.StopSignal;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.openai.OpenAiTestServer;
import dev.imagerag.testing.openai.RecordedRequest;
import dev.imagerag.testing.openai.Reply;
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

/** The streaming chat adapter against a local double of the chat-completions endpoint (SSE). */
class OpenAiChatModelTest {
  static final String KEY = "sk-test-CHATSECRET42";
  private static final String ANSWER = "The invoice total is 103 EUR [Image 1].";

  private OpenAiTestServer server;
  private final List<OpenAiChatModel> opened = new ArrayList<>();

  @BeforeEach
  void start() {
    server = OpenAiTestServer.start();
  }

  @AfterEach
  void stop() {
    opened.forEach(OpenAiChatModel::close);
    server.close();
  }

  static ChatSettings settings(String baseUrl, String apiKey, int maxRetries, Duration timeout) {
    return new ChatSettings(true, baseUrl, "gpt-test-vision", apiKey, 3, "low", 768, true, 2000, 2000, 500,
        timeout, maxRetries);
  }

  private OpenAiChatModel model(ChatSettings settings) {
    OpenAiChatModel model = new OpenAiChatModel(settings, Map.of(),
        new RetryPolicy(settings.maxRetries(), Duration.ofMillis(20), Duration.ofMillis(160)));
    opened.add(model);
    return model;
  }

  private OpenAiChatModel model() {
    return model(settings(server.baseUrl(), KEY, 2, Duration.ofSeconds(10)));
  }

  private ChatPrompt prompt(OpenAiChatModel model) {
    EncodedImage picture = model.encode(TestImages.picture(1600, 1200, 3), 768);
    return new ChatPrompt("Answer from the images.",
        List.of(ChatMessage.user("What is this?"), ChatMessage.assistant("An invoice [Image 1].")),
        List.of(new ChatPart.Text("[Image 1] <image_text id=\"1\">Invoice 201</image_text>"),
            new ChatPart.Image(picture, "low"), new ChatPart.Text("Question: what is the total?")), 500);
  }

  private static String stackTrace(Throwable failure) {
    StringWriter out = new StringWriter();
    failure.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  @Test
  void theRequestStreamsWithUsageAndCarriesSystemHistoryTextAndImage() throws IOException {
    OpenAiChatModel model = model();

    model.stream(prompt(model), piece -> { }, StopSignal.never());

    RecordedRequest request = server.requests().get(0);
    assertThat(request.streamed()).isTrue();
    assertThat(request.body().path("stream_options").path("include_usage").asBoolean()).isTrue();
    assertThat(request.body().path("max_completion_tokens").asInt()).isEqualTo(500);
    assertThat(request.model()).isEqualTo("gpt-test-vision");
    assertThat(request.authorization()).isEqualTo("Bearer " + KEY);
    List<JsonNode> messages = request.messages();
    assertThat(messages).extracting(m -> m.path("role").asText())
        .containsExactly("system", "user", "assistant", "user");
    assertThat(request.texts()).containsExactly("Answer from the images.", "What is this?", "An invoice [Image 1].",
        "[Image 1] <image_text id=\"1\">Invoice 201</image_text>", "Question: what is the total?");
    JsonNode image = request.imageParts().get(0);
    assertThat(image.path("detail").asText()).isEqualTo("low");
    String url = image.path("url").asText();
    assertThat(url).startsWith("data:image/jpeg;base64,");
    BufferedImage sent = ImageIO.read(new ByteArrayInputStream(
        Base64.getDecoder().decode(url.substring("data:image/jpeg;base64,".length()))));
    assertThat(sent.getWidth()).isEqualTo(768);
    assertThat(sent.getHeight()).isEqualTo(576);
  }

  @Test
  void theAnswerArrivesPieceByPieceWithUsageAndModel() {
    server.enqueue(Reply.content(ANSWER).withUsage(1234, 56));
    List<String> pieces = new ArrayList<>();
    List<String> threads = new ArrayList<>();
    OpenAiChatModel model = model();

    ChatReply reply = model.stream(prompt(model), piece -> {
      pieces.add(piece);
      threads.add(Thread.currentThread().getName());
    }, StopSignal.never());

    assertThat(pieces).hasSizeGreaterThan(5);
    assertThat(String.join("", pieces)).isEqualTo(ANSWER);
    assertThat(threads).containsOnly(Thread.currentThread().getName());
    assertThat(reply.text()).isEqualTo(ANSWER);
    assertThat(reply.usage()).isEqualTo(new TokenUsage(1234, 56));
    assertThat(reply.model()).isEqualTo("gpt-test-vision");
    assertThat(reply.finish()).isEqualTo(ChatReply.Finish.COMPLETE);
  }

  @Test
  void anUnauthorizedKeyIsABadKeyErrorThatNeverShowsTheKey() {
    server.otherwise(request -> Reply.error(401, "invalid_request_error", "invalid_api_key",
        "Incorrect API key provided: " + request.authorization()));
    OpenAiChatModel model = model();

    assertThatThrownBy(() -> model.stream(prompt(model), piece -> { }, StopSignal.never()))
        .isInstanceOfSatisfying(ChatBadApiKeyException.class, e -> {
          assertThat(e.getMessage()).contains(server.baseUrl()).contains("refused the API key")
              .contains("chat.apiKey").doesNotContain("CHATSECRET42");
          assertThat(stackTrace(e)).contains("UnauthorizedException").doesNotContain("CHATSECRET42");
          assertThat(e.partialAnswer()).isEmpty();
        });
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void aRateLimitIsRetriedThenReportedAfterTheLastAttempt() {
    server.otherwise(request -> Reply.rateLimited(Duration.ofMillis(10)));
    OpenAiChatModel model = model();

    assertThatThrownBy(() -> model.stream(prompt(model), piece -> { }, StopSignal.never()))
        .isInstanceOf(ChatRateLimitedException.class).hasMessageContaining("3 attempts")
        .hasMessageContaining("quota");
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void aRateLimitFollowedBySuccessAnswers() {
    server.enqueue(Reply.rateLimited(Duration.ofMillis(50)), Reply.content(ANSWER));
    OpenAiChatModel model = model();

    ChatReply reply = model.stream(prompt(model), piece -> { }, StopSignal.never());

    assertThat(reply.text()).isEqualTo(ANSWER);
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void aServerThatDoesNotAnswerInTimeIsATimeout() {
    server.enqueue(Reply.content(ANSWER).withDelay(Duration.ofSeconds(3)));
    OpenAiChatModel model = model(settings(server.baseUrl(), KEY, 2, Duration.ofMillis(300)));
    long start = System.nanoTime();

    assertThatThrownBy(() -> model.stream(prompt(model), piece -> { }, StopSignal.never()))
        .isInstanceOf(ChatTimeoutException.class).hasMessageContaining("did not answer within 300 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void aConnectionDroppedMidStreamKeepsWhatArrived() {
    server.enqueue(Reply.content("one two three four five six seven eight nine ten").droppingConnectionMidway());
    List<String> pieces = new ArrayList<>();
    OpenAiChatModel model = model();

    assertThatThrownBy(() -> model.stream(prompt(model), pieces::add, StopSignal.never()))
        .isInstanceOfSatisfying(ChatUnreachableException.class, e -> {
          assertThat(e.partialAnswer()).isNotEmpty().isEqualTo(String.join("", pieces));
          assertThat("one two three four five six seven eight nine ten").startsWith(e.partialAnswer());
          assertThat(e.beforeAnswer()).isFalse();
          assertThat(e.getMessage()).contains("broke while the answer was arriving")
              .contains("The part of the answer that arrived is kept");
        });
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void aModelThatCannotReadImagesSaysSo() {
    server.enqueue(Reply.error(400, "invalid_request_error", null,
        "Invalid content type. image_url is only supported by certain models."));
    OpenAiChatModel model = model();

    assertThatThrownBy(() -> model.stream(prompt(model), piece -> { }, StopSignal.never()))
        .isInstanceOf(ChatModelUnavailableException.class).hasMessageContaining("does not accept images")
        .hasMessageContaining("chat.sendImages");
  }

  @Test
  void anUnknownModelIsAModelError() {
    server.enqueue(Reply.modelNotFound("gpt-test-vision"));
    OpenAiChatModel model = model();

    assertThatThrownBy(() -> model.stream(prompt(model), piece -> { }, StopSignal.never()))
        .isInstanceOf(ChatModelUnavailableException.class).hasMessageContaining("'gpt-test-vision'");
  }

  @Test
  void serverErrorsOnEveryAttemptAreAServerError() {
    server.otherwise(request -> Reply.serverError());
    OpenAiChatModel model = model();

    assertThatThrownBy(() -> model.stream(prompt(model), piece -> { }, StopSignal.never()))
        .isInstanceOf(ChatServerException.class).hasMessageContaining("HTTP 500").hasMessageContaining("3 attempts");
  }

  @Test
  void aServerThatIsNotRunningIsUnreachableBeforeAnyAnswer() {
    String url;
    try (OpenAiTestServer gone = OpenAiTestServer.start()) {
      url = gone.baseUrl();
    }
    OpenAiChatModel model = model(settings(url, KEY, 1, Duration.ofSeconds(5)));

    assertThatThrownBy(() -> model.stream(prompt(model), piece -> { }, StopSignal.never()))
        .isInstanceOfSatisfying(ChatUnreachableException.class, e -> {
          assertThat(e.beforeAnswer()).isTrue();
          assertThat(e.getMessage()).contains(url).contains("connection refused");
        });
  }

  @Test
  void stopWhileWaitingForTheServerAbandonsTheRequestAtOnce() {
    server.enqueue(Reply.content(ANSWER).withDelay(Duration.ofSeconds(5)));
    OpenAiChatModel model = model();
    StopSignal stop = new StopSignal();
    Thread stopper = new Thread(() -> {
      sleep(300);
      stop.stop();
    });
    stopper.start();
    long start = System.nanoTime();

    ChatReply reply = model.stream(prompt(model), piece -> { }, stop);

    assertThat(reply.finish()).isEqualTo(ChatReply.Finish.STOPPED);
    assertThat(reply.text()).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void stopMidAnswerKeepsWhatStreamed() {
    server.enqueue(Reply.content("alpha beta gamma delta epsilon zeta eta theta"));
    OpenAiChatModel model = model();
    StopSignal stop = new StopSignal();
    List<String> pieces = new ArrayList<>();

    ChatReply reply = model.stream(prompt(model), piece -> {
      pieces.add(piece);
      if (pieces.size() == 2) {
        stop.stop();
      }
    }, stop);

    assertThat(reply.finish()).isEqualTo(ChatReply.Finish.STOPPED);
    assertThat(reply.text()).isEqualTo("alpha beta ");
    assertThat(pieces).containsExactly("alpha ", "beta ");
  }

  @Test
  void aFailingTokenConsumerSurfacesAsItsOwnException() {
    OpenAiChatModel model = model();

    assertThatThrownBy(() -> model.stream(prompt(model), piece -> {
      throw new IllegalStateException("the listener broke");
    }, StopSignal.never())).isInstanceOf(IllegalStateException.class).hasMessage("the listener broke");
  }

  @Test
  void withoutAnyKeyNoAuthorizationIsSent() {
    OpenAiChatModel model = model(settings(server.baseUrl(), null, 0, Duration.ofSeconds(10)));

    model.stream(prompt(model), piece -> { }, StopSignal.never());

    assertThat(server.requests().get(0).authorization()).isNull();
  }

  @Test
  void settingsWithoutAnEndpointAreRefused() {
    assertThatThrownBy(() -> new OpenAiChatModel(ChatSettings.DEFAULTS, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resolve");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
