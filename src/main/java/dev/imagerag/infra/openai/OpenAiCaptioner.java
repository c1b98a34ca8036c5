package dev.imagerag.infra.openai;

import com.openai.client.OpenAIClient;
import com.openai.core.Timeout;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import dev.imagerag.logic.caption.Caption;
import dev.imagerag.logic.caption.CaptionPrompt;
import dev.imagerag.logic.caption.CaptionSettings;
import dev.imagerag.logic.caption.Captioner;
import dev.imagerag.logic.caption.ImageRejectedException;
import dev.imagerag.logic.caption.TokenUsage;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captions through any OpenAI-compatible chat-completions API (OpenAI, Ollama at
 * {@code http://localhost:11434/v1}, vLLM, LM Studio): one user message holding
 * {@link CaptionPrompt#TEXT} and the image as a {@code data:} URL, answered as JSON and parsed
 * tolerantly.
 *
 * <p>Retries are ours, not the SDK's: openai-java also retries timeouts, dropped connections and
 * 408/409, and caps Retry-After at 8 s, while the settings promise retries on 429 and 5xx only.
 * At most {@code maxConcurrency} requests are in flight, however many threads call. The API key
 * never appears in a message, a log line or an exception cause (see {@link Redactor}); the SDK's
 * own request logging is switched off. Thread-safe; close it to release the HTTP client.
 */
public final class OpenAiCaptioner implements Captioner, AutoCloseable {
  /** Where the key comes from when the settings hold none. */
  public static final String API_KEY_VARIABLE = OpenAiClients.API_KEY_VARIABLE;

  private static final Logger LOG = LoggerFactory.getLogger(OpenAiCaptioner.class);

  private final CaptionSettings settings;
  private final OpenAIClient client;
  private final RetryPolicy retries;
  private final Semaphore inFlight;
  private final OpenAiFailures failures;

  /**
   * @param environment the process environment (for {@link #API_KEY_VARIABLE}); passed in so
   *     that callers and tests decide what it holds
   */
  public OpenAiCaptioner(CaptionSettings settings, Map<String, String> environment) {
    this(settings, environment, RetryPolicy.standard(settings.maxRetries()));
  }

  OpenAiCaptioner(CaptionSettings settings, Map<String, String> environment, RetryPolicy retries) {
    this.settings = settings;
    this.retries = retries;
    this.inFlight = new Semaphore(settings.maxConcurrency(), true);
    String apiKey = apiKey(settings, environment);
    this.failures = new OpenAiFailures(settings.baseUrl(), settings.model(), apiKey != null, settings.timeout(),
        new Redactor(apiKey));
    this.client = OpenAiClients.create(settings.baseUrl(), apiKey,
        Timeout.builder().connect(settings.timeout()).request(settings.timeout()).build());
  }

  /** The key from the settings, else from the environment, else null (local servers need none). */
  public static String apiKey(CaptionSettings settings, Map<String, String> environment) {
    return OpenAiClients.apiKey(settings.apiKey(), environment);
  }

  @Override
  public String model() {
    return settings.model();
  }

  @Override
  public String promptVersion() {
    return CaptionPrompt.VERSION;
  }

  @Override
  public Caption caption(BufferedImage image) {
    ChatCompletionCreateParams request = request(ImageDataUrl.of(image, settings.imageMaxSide()));
    return answer(send(request));
  }

  private ChatCompletionCreateParams request(String dataUrl) {
    ChatCompletionContentPartImage.ImageUrl imageUrl = ChatCompletionContentPartImage.ImageUrl.builder()
        .url(dataUrl)
        .detail(ChatCompletionContentPartImage.ImageUrl.Detail.of(settings.detail()))
        .build();
    return ChatCompletionCreateParams.builder()
        .model(settings.model())
        .addUserMessageOfArrayOfContentParts(List.of(
            ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text(CaptionPrompt.TEXT).build()),
            ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder().imageUrl(imageUrl).build())))
        .build();
  }

  /** One request, retried on 429 and 5xx as {@link RetryPolicy} says. */
  private ChatCompletion send(ChatCompletionCreateParams request) {
    for (int attempt = 1; ; attempt++) {
      try {
        return sendOnce(request);
      } catch (CancellationException e) {
        throw e;
      } catch (RuntimeException e) {
        if (attempt > retries.maxRetries() || !failures.retryable(e)) {
          throw failures.toCaptionException(e, attempt);
        }
        Duration delay = retries.delayBefore(attempt, failures.retryAfter(e));
        LOG.info("The caption server at {} answered HTTP {}; retry {} of {} in {} ms", settings.baseUrl(),
            failures.status(e), attempt, retries.maxRetries(), delay.toMillis());
        pause(delay);
      }
    }
  }

  private ChatCompletion sendOnce(ChatCompletionCreateParams request) {
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting to send a caption request");
    }
    try {
      return client.chat().completions().create(request);
    } finally {
      inFlight.release();
    }
  }

  private Caption answer(ChatCompletion completion) {
    try {
      if (completion.choices().isEmpty()) {
        throw ImageRejectedException.noAnswer("the answer had no choices");
      }
      ChatCompletion.Choice choice = completion.choices().get(0);
      ChatCompletionMessage message = choice.message();
      String content = message.content().orElse("");
      if (content.isBlank()) {
        String why = message.refusal().map(r -> "the model refused: " + r)
            .orElse("empty answer, finish reason " + choice.finishReason().asString());
        throw ImageRejectedException.noAnswer(why);
      }
      TokenUsage usage = completion.usage()
          .map(u -> new TokenUsage(u.promptTokens(), u.completionTokens())).orElse(TokenUsage.NONE);
      String answeredBy = completion._model().asString().filter(m -> !m.isBlank()).orElse(settings.model());
      return CaptionAnswerParser.parse(content, usage, answeredBy);
    } catch (OpenAIInvalidDataException e) {
      // The SDK validates lazily: a missing required field surfaces only when it is read.
      throw failures.toCaptionException(e, 1);
    }
  }

  private static void pause(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting to retry a caption request");
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
