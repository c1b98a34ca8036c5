package dev.imagerag.testing.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The double speaks the protocol well enough for the real openai-java client. */
class OpenAiTestServerTest {
  private OpenAiTestServer server;
  private OpenAIClient client;

  @BeforeEach
  void start() {
    server = OpenAiTestServer.start();
    client = OpenAIOkHttpClient.builder().baseUrl(server.baseUrl()).apiKey("sk-test-key").maxRetries(0).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private static ChatCompletionCreateParams.Builder question() {
    return ChatCompletionCreateParams.builder().model("gpt-test").addSystemMessage("Be brief.")
        .addUserMessage("What is in the picture?");
  }

  @Test
  void aJsonAnswerCarriesTheContentUsageAndModel() {
    server.enqueue(Reply.content("A cat on a sofa.").withUsage(42, 7));

    ChatCompletion completion = client.chat().completions().create(question().build());

    assertThat(completion.choices().get(0).message().content()).hasValue("A cat on a sofa.");
    assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(42);
    assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(7);
    assertThat(completion.model()).isEqualTo("gpt-test");
  }

  @Test
  void everyRequestIsRecordedWithHeadersAndBody() {
    client.chat().completions().create(question().build());

    RecordedRequest request = server.requests().get(0);
    assertThat(request.path()).isEqualTo("/v1/chat/completions");
    assertThat(request.authorization()).isEqualTo("Bearer sk-test-key");
    assertThat(request.model()).isEqualTo("gpt-test");
    assertThat(request.texts()).containsExactly("Be brief.", "What is in the picture?");
    assertThat(request.streamed()).isFalse();
  }

  @Test
  void aStreamedAnswerArrivesInPiecesWithUsageLast() {
    server.enqueue(Reply.content("A cat on a sofa.").withUsage(42, 7));
    ChatCompletionCreateParams params = question()
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();

    StringBuilder text = new StringBuilder();
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
      stream.stream().forEach(chunk -> {
        chunks.add(chunk);
        chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append));
      });
    }

    assertThat(text.toString()).isEqualTo("A cat on a sofa.");
    assertThat(chunks.size()).isGreaterThan(4);
    assertThat(chunks.get(chunks.size() - 1).usage().orElseThrow().completionTokens()).isEqualTo(7);
    assertThat(server.requests().get(0).streamed()).isTrue();
  }

  @Test
  void aStreamDroppedMidwayFailsTheReader() {
    server.enqueue(Reply.content("one two three four five six seven eight").droppingConnectionMidway());

    assertThatThrownBy(() -> {
      try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
          question().build())) {
        stream.stream().forEach(chunk -> { });
      }
    }).isInstanceOf(RuntimeException.class);
  }

  @Test
  void errorsHaveOpenAisShapeAndHeaders() {
    server.enqueue(Reply.unauthorized(), Reply.rateLimited(Duration.ofMillis(1500)));

    assertThatThrownBy(() -> client.chat().completions().create(question().build()))
        .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
          assertThat(e.code()).hasValue("invalid_api_key");
          assertThat(e.getMessage()).contains("Incorrect API key provided");
        });
    assertThatThrownBy(() -> client.chat().completions().create(question().build()))
        .isInstanceOfSatisfying(RateLimitException.class, e -> {
          assertThat(e.headers().values("retry-after")).containsExactly("2");
          assertThat(e.headers().values("retry-after-ms")).containsExactly("1500");
        });
  }

  @Test
  void theServerCountsRequestsAnsweredAtOnce() throws Exception {
    server.otherwise(request -> Reply.content("slow").withDelay(Duration.ofMillis(300)));
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Thread thread = new Thread(() -> client.chat().completions().create(question().build()));
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(server.maxInFlight()).isEqualTo(3);
  }
}
