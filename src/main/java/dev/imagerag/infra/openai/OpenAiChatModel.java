package dev.imagerag.infra.openai;

import com.openai.client.OpenAIClient;
import com.openai.core.Timeout;
import com.openai.core.http.AsyncStreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.imagerag.logic.caption.TokenUsage;
import dev.imagerag.logic.chat.ChatMessage;
import dev.imagerag.logic.chat.ChatModel;
import dev.imagerag.logic.chat.ChatPart;
import dev.imagerag.logic.chat.ChatPrompt;
import dev.imagerag.logic.chat.ChatReply;
import dev.imagerag.logic.chat.ChatSettings;
import dev.imagerag.logic.chat.EncodedImage;
import dev.imagerag.logic.chat.StopSignal;
import dev.imagerag.support.NamedThreadFactory;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chat through any OpenAI-compatible chat-completions API with streaming ({@code "stream": true},
 * {@code stream_options.include_usage}): the system instruction, earlier turns as text, then one
 * user message of text and {@code image_url} parts ({@code data:} URLs, see {@link ImageDataUrl}).
 *
 * <p>The SDK's asynchronous stream is used so that Stop can abandon a request at any moment,
 * even before the server answers (closing it cancels the HTTP call); its chunks are handed to the
 * calling thread through a queue, so tokens reach the caller's consumer on the caller's thread.
 * Retries are ours (429 and 5xx, before any token arrived; never after, which would repeat text).
 * {@code timeout} bounds the wait for the answer to start and each gap between chunks; a whole
 * answer may take up to {@link #ANSWER_LIMIT}. The key never appears in a message, a log line or
 * a cause ({@link Redactor}). Thread-safe; close it to release the HTTP client.
 */
public final class OpenAiChatModel implements ChatModel, AutoCloseable {
  /** The longest a whole answer may stream, however steadily. */
  static final Duration ANSWER_LIMIT = Duration.ofMinutes(10);

  private static final Logger LOG = LoggerFactory.getLogger(OpenAiChatModel.class);
  private static final Object DONE = new Object();
  private static final Object STOPPED = new Object();

  private final ChatSettings settings;
  private final OpenAIClient client;
  private final RetryPolicy retries;
  private final OpenAiFailures failures;
  private final ChatFailures chatFailures;
  private final ExecutorService streams = Executors.newCachedThreadPool(new NamedThreadFactory("chat-stream"));

  /**
   * @param settings resolved chat settings ({@link ChatSettings#resolve}): a base URL and a model
   * @param environment the process environment (for {@code OPENAI_API_KEY})
   */
  public OpenAiChatModel(ChatSettings settings, Map<String, String> environment) {
    this(settings, environment, RetryPolicy.standard(settings.maxRetries()));
  }

  OpenAiChatModel(ChatSettings settings, Map<String, String> environment, RetryPolicy retries) {
    if (settings.baseUrl() == null || settings.model() == null) {
      throw new IllegalArgumentException("chat settings need a base URL and a model (resolve them first): " + settings);
    }
    this.settings = settings;
    this.retries = retries;
    String apiKey = apiKey(settings, environment);
    this.failures = new OpenAiFailures(settings.baseUrl(), settings.model(), apiKey != null, settings.timeout(),
        new Redactor(apiKey));
    this.chatFailures = new ChatFailures(failures);
    Duration total = settings.timeout().compareTo(ANSWER_LIMIT) > 0 ? settings.timeout() : ANSWER_LIMIT;
    this.client = OpenAiClients.create(settings.baseUrl(), apiKey, Timeout.builder().connect(settings.timeout())
        .read(settings.timeout()).write(settings.timeout()).request(total).build());
  }

  /** The key from the settings, else from the environment, else null (local servers need none). */
  public static String apiKey(ChatSettings settings, Map<String, String> environment) {
    return OpenAiClients.apiKey(settings.apiKey(), environment);
  }

  @Override
  public String model() {
    return settings.model();
  }

  @Override
  public String endpoint() {
    return settings.baseUrl();
  }

  @Override
  public EncodedImage encode(BufferedImage pixels, int maxSide) {
    return ImageDataUrl.encode(pixels, maxSide);
  }

  @Override
  public ChatReply stream(ChatPrompt prompt, Consumer<String> tokens, StopSignal stop) {
    ChatCompletionCreateParams request = request(prompt);
    Answer answer = new Answer(tokens);
    for (int attempt = 1; ; attempt++) {
      try {
        return streamOnce(request, answer, stop);
      } catch (ConsumerFailure e) {
        // The caller's own bug, not the server's: it surfaces as it was thrown.
        throw e.failure;
      } catch (RuntimeException e) {
        if (stop.isStopped()) {
          return answer.reply(ChatReply.Finish.STOPPED);
        }
        if (answer.started() || attempt > retries.maxRetries() || !failures.retryable(e)) {
          throw chatFailures.toChatException(e, attempt, answer.text());
        }
        Duration delay = retries.delayBefore(attempt, failures.retryAfter(e));
        LOG.info("The chat server at {} answered HTTP {}; retry {} of {} in {} ms", settings.baseUrl(),
            failures.status(e), attempt, retries.maxRetries(), delay.toMillis());
        if (stop.await(delay)) {
          return answer.reply(ChatReply.Finish.STOPPED);
        }
      }
    }
  }

  private ChatCompletionCreateParams request(ChatPrompt prompt) {
    ChatCompletionCreateParams.Builder builder = ChatCompletionCreateParams.builder()
        .model(settings.model())
        .addSystemMessage(prompt.system())
        .maxCompletionTokens(prompt.maxAnswerTokens())
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build());
    for (ChatMessage message : prompt.history()) {
      if (message.role() == ChatMessage.Role.USER) {
        builder.addUserMessage(message.text());
      } else {
        builder.addAssistantMessage(message.text());
      }
    }
    List<ChatCompletionContentPart> parts = new ArrayList<>();
    for (ChatPart part : prompt.message()) {
      if (part instanceof ChatPart.Text text) {
        parts.add(ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text(text.text()).build()));
      } else if (part instanceof ChatPart.Image image) {
        ChatCompletionContentPartImage.ImageUrl url = ChatCompletionContentPartImage.ImageUrl.builder()
            .url(image.image().dataUrl())
            .detail(ChatCompletionContentPartImage.ImageUrl.Detail.of(image.detail()))
            .build();
        parts.add(ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder().imageUrl(url).build()));
      }
    }
    return builder.addUserMessageOfArrayOfContentParts(parts).build();
  }

  /** One request: its chunks go to {@code answer} until the stream ends, fails or is stopped. */
  private ChatReply streamOnce(ChatCompletionCreateParams request, Answer answer, StopSignal stop) {
    BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    AsyncStreamResponse<ChatCompletionChunk> response = client.async().chat().completions().createStreaming(request);
    response.subscribe(new AsyncStreamResponse.Handler<ChatCompletionChunk>() {
      @Override
      public void onNext(ChatCompletionChunk chunk) {
        events.add(chunk);
      }

      @Override
      public void onComplete(Optional<Throwable> error) {
        events.add(error.isPresent() ? error.get() : DONE);
      }
    }, streams);
    try (StopSignal.Registration ignored = stop.onStop(() -> {
      events.add(STOPPED);
      response.close();
    })) {
      while (true) {
        Object event = next(events);
        // Chunks queued before the Stop are dropped: Stop means nothing more is shown.
        if (event == STOPPED || stop.isStopped()) {
          return answer.reply(ChatReply.Finish.STOPPED);
        } else if (event == DONE) {
          return answer.reply(null);
        } else if (event instanceof ChatCompletionChunk chunk) {
          answer.add(chunk);
        } else {
          throw unwrapped((Throwable) event);
        }
      }
    } finally {
      response.close();
    }
  }

  /** The next event; the SDK's own timeouts normally fire long before this safety limit. */
  private Object next(BlockingQueue<Object> events) {
    try {
      Object event = events.poll(ANSWER_LIMIT.toMillis() + settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
      if (event == null) {
        throw new IllegalStateException("no event from the chat stream within " + ANSWER_LIMIT);
      }
      return event;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return STOPPED;
    }
  }

  private static RuntimeException unwrapped(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof RuntimeException runtime ? runtime : new CompletionException(t);
  }

  @Override
  public void close() {
    client.close();
    streams.shutdownNow();
  }

  /** Carries an exception thrown by the caller's token consumer past the failure mapping. */
  private static final class ConsumerFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final RuntimeException failure;

    ConsumerFailure(RuntimeException failure) {
      super(failure);
      this.failure = failure;
    }
  }

  /** The answer being received: text so far, usage, the answering model and why it ended. */
  private final class Answer {
    private final Consumer<String> tokens;
    private final StringBuilder text = new StringBuilder();
    private TokenUsage usage = TokenUsage.NONE;
    private String model = settings.model();
    private ChatReply.Finish finish = ChatReply.Finish.COMPLETE;

    Answer(Consumer<String> tokens) {
      this.tokens = tokens;
    }

    boolean started() {
      return text.length() > 0;
    }

    String text() {
      return text.toString();
    }

    /**
     * Takes one chunk's text, usage, model and finish reason. The SDK validates lazily: a chunk
     * missing a required field throws {@code OpenAIInvalidDataException} here, which ends the
     * answer as an invalid one (keeping the text so far). A refusal streams like an answer.
     */
    void add(ChatCompletionChunk chunk) {
      chunk._model().asString().filter(m -> !m.isBlank()).ifPresent(m -> model = m);
      chunk.usage().ifPresent(u -> usage = new TokenUsage(u.promptTokens(), u.completionTokens()));
      for (ChatCompletionChunk.Choice choice : chunk.choices()) {
        ChatCompletionChunk.Choice.Delta delta = choice.delta();
        Optional<String> piece = delta.content().or(delta::refusal).filter(c -> !c.isEmpty());
        if (piece.isPresent()) {
          text.append(piece.get());
          try {
            tokens.accept(piece.get());
          } catch (RuntimeException e) {
            throw new ConsumerFailure(e);
          }
        }
        choice.finishReason().ifPresent(reason -> {
          if (reason.equals(ChatCompletionChunk.Choice.FinishReason.LENGTH)) {
            finish = ChatReply.Finish.LENGTH;
          } else if (reason.equals(ChatCompletionChunk.Choice.FinishReason.CONTENT_FILTER)) {
            finish = ChatReply.Finish.FILTERED;
          }
        });
      }
    }

    ChatReply reply(ChatReply.Finish ending) {
      return new ChatReply(text.toString(), usage, model, ending == null ? finish : ending);
    }
  }
}
