package dev.imagerag.logic.chat;

import dev.imagerag.domain.ImageRagException;
import dev.imagerag.logic.caption.TokenUsage;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.ingest.ImageDecoder;
import dev.imagerag.logic.jobs.BoundedExecutors;
import dev.imagerag.logic.search.SearchService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers questions about the library, for the GUI's chat pane and the CLI's {@code ask}: hybrid
 * retrieval chooses a few images ({@link ImageChooser}), the model gets each one's pixels and its
 * quoted text ({@link ChatPromptBuilder}) and streams an answer citing them as {@code [Image n]},
 * and the turn is kept in the library's conversations with the images it cites.
 *
 * <p>Without a model (none configured, or the server unreachable before answering) the answer is
 * retrieval-only: the best images and their matching sentences, labelled as not generated. A
 * model's failure mid-answer keeps what had streamed, with the error; Stop keeps it too.
 *
 * <p>{@link #ask} blocks; call it off the UI thread. Several questions may run at once (they share
 * a small pool that decodes images). Close it to stop that pool.
 */
public final class ChatService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChatService.class);
  private static final int TITLE_LENGTH = 80;

  private final ChatModel model;
  private final ConversationStore conversations;
  private final ChatSettings settings;
  private final ImageChooser chooser;
  private final ChatPromptBuilder prompts;
  private final ExecutorService imageWork;
  private final ImagePreparation preparation;
  private final List<AutoCloseable> owned = new ArrayList<>();

  /**
   * @param model the chat model, or null when none is configured (answers are retrieval-only)
   * @param settings resolved settings ({@link ChatSettings#resolve}); the endpoint fields are the
   *     model's business, the rest shape the questions
   */
  public ChatService(SearchService search, Catalog catalog, ImageDecoder decoder, ChatModel model,
      ConversationStore conversations, ChatSettings settings) {
    this.model = model;
    this.conversations = conversations;
    this.settings = settings;
    this.chooser = new ImageChooser(search, catalog);
    this.prompts = new ChatPromptBuilder(settings);
    this.imageWork = BoundedExecutors.create("chat-images",
        Math.min(4, Runtime.getRuntime().availableProcessors()), 4 * ChatSettings.MAX_IMAGES);
    this.preparation = model == null ? null
        : new ImagePreparation(decoder, model, settings.imageMaxSide(), imageWork);
  }

  /** Whether answers are written by a model (else they are retrieval-only). */
  public boolean generates() {
    return model != null;
  }

  /** "MODEL at URL", or "off (retrieval-only answers)". */
  public String describe() {
    return model == null ? "off (retrieval-only answers)" : model.model() + " at " + model.endpoint();
  }

  /** Makes {@link #close} close {@code resource} too (the model this service was built with, say). */
  public ChatService alsoClosing(AutoCloseable resource) {
    synchronized (owned) {
      owned.add(resource);
    }
    return this;
  }

  /** The library's conversations: list, load, rename, delete. */
  public ConversationStore conversations() {
    return conversations;
  }

  public ChatSettings settings() {
    return settings;
  }

  /**
   * Answers one question, streaming the answer to {@code listener}, and keeps the turn in its
   * conversation (a new one when the question names none).
   *
   * @param stop signalled by the user's Stop: the answer ends at once, keeping what arrived
   * @throws ImageRagException when the question's conversation does not exist or retrieval fails
   *     (a model failure does not throw: the answer says what went wrong)
   */
  public ChatAnswer ask(ChatQuestion question, ChatListener listener, StopSignal stop) {
    Clock clock = new Clock();
    Conversation conversation = question.conversationId() == null ? null
        : conversations.load(question.conversationId()).orElseThrow(() -> new ImageRagException(
            "There is no conversation " + question.conversationId() + " in this library."));
    List<ChatTurn> earlier = conversation == null ? List.of() : conversation.turns();
    ChatTurn previous = earlier.isEmpty() ? null : earlier.get(earlier.size() - 1);
    int count = question.maxImages() > 0 ? question.maxImages() : settings.maxImages();
    ImageChooser.Choice choice = chooser.choose(question, count, previous);
    clock.retrieved();
    listener.onImages(choice.images(), choice.from());
    Consumer<String> tokens = clock.timing(listener::onToken);
    List<String> notices = new ArrayList<>();
    Outcome outcome;
    if (model == null) {
      outcome = retrievalOnly(question, choice.images(), "no chat model is configured. Set chat.baseUrl and "
          + "chat.model in the library's settings.json (or turn captions on: chat uses the caption model by "
          + "default) to get written answers.", tokens);
      clock.imagesReady();
    } else if (choice.images().isEmpty()) {
      outcome = retrievalOnly(question, choice.images(), "no image matched, so there was nothing to ask the "
          + "model about.", tokens);
      clock.imagesReady();
    } else {
      outcome = generate(question, choice.images(), earlier, tokens, stop, clock, notices);
    }
    return finish(question, conversation, choice, outcome, notices, clock);
  }

  private Outcome generate(ChatQuestion question, List<SourceImage> images, List<ChatTurn> earlier,
      Consumer<String> tokens, StopSignal stop, Clock clock, List<String> notices) {
    ImagePreparation.Prepared prepared = settings.sendImages() ? preparation.prepare(images)
        : new ImagePreparation.Prepared(Map.of(), Map.of());
    clock.imagesReady();
    for (SourceImage image : images) {
      String why = prepared.unreadable().get(image.id());
      if (why != null) {
        notices.add("Image " + image.number() + " (" + image.fileName() + ") was sent as text only: " + why + ".");
      }
    }
    ChatPrompt prompt = prompts.build(question.text(), images, prepared.pictures(), prepared.unreadable(), earlier);
    try {
      return outcome(model.stream(prompt, tokens, stop), notices);
    } catch (ChatUnreachableException e) {
      if (!e.beforeAnswer()) {
        return failed(e);
      }
      LOG.warn("Chat model unreachable; answering from retrieval only: {}", e.getMessage());
      notices.add(e.getMessage());
      return retrievalOnly(question, images, "the chat server at " + model.endpoint() + " could not be reached.",
          tokens);
    } catch (ChatException e) {
      return failed(e);
    }
  }

  private Outcome outcome(ChatReply reply, List<String> notices) {
    if (reply.text().isBlank() && reply.finish() != ChatReply.Finish.STOPPED) {
      return new Outcome("", false, AnswerStatus.FAILED, reply.usage(), reply.model(), "The chat model at "
          + model.endpoint() + " gave an empty answer. Ask again, or try another model (chat.model).");
    }
    AnswerStatus status = switch (reply.finish()) {
      case COMPLETE -> AnswerStatus.COMPLETE;
      case LENGTH, FILTERED -> AnswerStatus.TRUNCATED;
      case STOPPED -> AnswerStatus.STOPPED;
    };
    if (reply.finish() == ChatReply.Finish.LENGTH) {
      notices.add("The answer was cut short at " + settings.maxAnswerTokens() + " tokens (chat.maxAnswerTokens).");
    } else if (reply.finish() == ChatReply.Finish.FILTERED) {
      notices.add("The server's content filter cut the answer short.");
    }
    return new Outcome(reply.text(), true, status, reply.usage(), reply.model(), null);
  }

  private Outcome failed(ChatException e) {
    LOG.warn("Chat answer failed{}: {}", e.partialAnswer().isEmpty() ? "" : " mid-answer", e.getMessage(), e);
    return new Outcome(e.partialAnswer(), !e.partialAnswer().isEmpty(), AnswerStatus.FAILED, TokenUsage.NONE,
        model.model(), e.getMessage());
  }

  private static Outcome retrievalOnly(ChatQuestion question, List<SourceImage> images, String why,
      Consumer<String> tokens) {
    String text = RetrievalOnlyAnswer.of(question.text(), images, why);
    tokens.accept(text);
    return new Outcome(text, false, AnswerStatus.RETRIEVAL_ONLY, TokenUsage.NONE, null, null);
  }

  private ChatAnswer finish(ChatQuestion question, Conversation conversation, ImageChooser.Choice choice,
      Outcome outcome, List<String> notices, Clock clock) {
    Set<Integer> shown = new HashSet<>();
    choice.images().forEach(i -> shown.add(i.number()));
    List<Integer> cited = outcome.status() == AnswerStatus.RETRIEVAL_ONLY
        ? new ArrayList<>(shown) : Citations.parse(outcome.text());
    List<Integer> unknown = cited.stream().filter(n -> !shown.contains(n)).toList();
    if (!unknown.isEmpty()) {
      String numbers = unknown.stream().map(n -> "[Image " + n + "]").collect(Collectors.joining(", "));
      notices.add("The answer cites " + numbers + ", which " + (unknown.size() == 1 ? "was" : "were")
          + " not among the images shown.");
    }
    List<TurnImage> remembered = choice.images().stream().map(i -> i.remembered(cited.contains(i.number()))).toList();
    ChatTurn turn = new ChatTurn(0, question.text(), outcome.text(), outcome.generated(), outcome.status(),
        remembered, outcome.usage(), outcome.model(), outcome.error(),
        Instant.ofEpochMilli(System.currentTimeMillis()));
    Saved saved = save(conversation, turn, notices);
    return new ChatAnswer(saved.conversationId(), saved.saved(), saved.turn(), choice.images(), choice.from(),
        unknown, notices, clock.timings());
  }

  /** Appends the turn to its conversation (started now when there is none), unless the library is read-only. */
  private Saved save(Conversation conversation, ChatTurn turn, List<String> notices) {
    long conversationId = conversation == null ? 0 : conversation.id();
    if (!conversations.writable()) {
      notices.add("This answer was not saved: the library is open read-only because another Image RAG process "
          + "is writing it.");
      return new Saved(conversationId, false, turn);
    }
    try {
      if (conversation == null) {
        conversationId = conversations.create(title(turn.question()), turn.at()).id();
      }
      return new Saved(conversationId, true, conversations.append(conversationId, turn));
    } catch (ImageRagException e) {
      // The answer is on screen already: losing the record of it is no reason to lose it too.
      LOG.warn("Could not save a chat answer: {}", e.getMessage(), e);
      notices.add("This answer was not saved: " + e.getMessage());
      return new Saved(conversationId, false, turn);
    }
  }

  /** The first question, on one line and shortened: the conversation's title until renamed. */
  static String title(String question) {
    String line = question.replaceAll("\\s+", " ").strip();
    return line.length() <= TITLE_LENGTH ? line : line.substring(0, TITLE_LENGTH - 1).stripTrailing() + "…";
  }

  @Override
  public void close() {
    imageWork.shutdownNow();
    List<AutoCloseable> resources;
    synchronized (owned) {
      resources = List.copyOf(owned);
      owned.clear();
    }
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("Could not close {}: {}", resource.getClass().getSimpleName(), e.getMessage(), e);
      }
    }
  }

  /** A turn as it ended up: stored (with its position) or not. */
  private record Saved(long conversationId, boolean saved, ChatTurn turn) { }

  /** What the model (or retrieval alone) produced for one question. */
  private record Outcome(String text, boolean generated, AnswerStatus status, TokenUsage usage, String model,
      String error) { }

  /** Measures one answer's phases from the moment it was asked. */
  private static final class Clock {
    private final long start = System.nanoTime();
    private long retrieved;
    private long imagesReady;
    private volatile long firstToken = -1;

    void retrieved() {
      retrieved = System.nanoTime();
    }

    void imagesReady() {
      imagesReady = System.nanoTime();
    }

    Consumer<String> timing(Consumer<String> tokens) {
      return text -> {
        if (firstToken < 0) {
          firstToken = System.nanoTime();
        }
        tokens.accept(text);
      };
    }

    ChatTimings timings() {
      return new ChatTimings(since(retrieved), since(imagesReady), firstToken < 0 ? null : since(firstToken),
          since(System.nanoTime()));
    }

    private Duration since(long moment) {
      return Duration.ofNanos(Math.max(0, moment - start));
    }
  }
}
