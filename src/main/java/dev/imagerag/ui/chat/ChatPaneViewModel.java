package dev.imagerag.ui.chat;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.chat.ChatAnswer;
import dev.imagerag.logic.chat.ChatListener;
import dev.imagerag.logic.chat.ChatOpener;
import dev.imagerag.logic.chat.ChatQuestion;
import dev.imagerag.logic.chat.ChatService;
import dev.imagerag.logic.chat.ConversationSummary;
import dev.imagerag.logic.chat.ImageChoice;
import dev.imagerag.logic.chat.SourceImage;
import dev.imagerag.logic.chat.StopSignal;
import dev.imagerag.ui.common.DesktopActions;
import dev.imagerag.ui.common.LibrarySession;
import dev.imagerag.ui.common.Problems;
import dev.imagerag.ui.common.UiTasks;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The chat pane: questions about the open library, answered by {@link ChatService} with the
 * answer streaming in piece by piece (pieces are gathered off the UI thread and handed over in
 * batches), the cited images, Stop, Retry, copy, new conversation and the stored conversations
 * ({@link ConversationList}). Questions draw on the gallery's filters or selection ({@link ChatScope}).
 * UI thread only, except where noted.
 */
public final class ChatPaneViewModel implements AutoCloseable {
  /** What the pane shows. */
  public enum State {
    /** No question yet in this conversation. */
    EMPTY,
    /** An answer is being made: Stop applies. */
    ANSWERING,
    /** The conversation so far; a question can be asked. */
    IDLE
  }

  static final String NOT_GENERATED_HINT = "No chat model wrote this answer. To get written answers, configure "
      + "a model in Settings ▸ Chat, or turn captions on (chat uses the caption model).";

  private final LibrarySession session;
  private final UiTasks tasks;
  private final DesktopActions desktop;
  private final Consumer<ImageId> openImage;
  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.EMPTY);
  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("Ask your images");
  private final ReadOnlyStringWrapper emptyText = new ReadOnlyStringWrapper(
      "Questions about your library — \"what was the error in last week's screenshots?\" — are answered "
          + "here, with the images that support each answer.");
  private final ReadOnlyStringWrapper modelText = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper generates = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyObjectWrapper<Long> conversation = new ReadOnlyObjectWrapper<>(null);
  private final StringProperty input = new SimpleStringProperty("");
  private final ObservableList<ChatEntry> entries = FXCollections.observableArrayList();
  // One read-only view each, kept: a view listens to its list weakly, so a fresh one per call
  // would lose the listeners added to it once collected.
  private final ObservableList<ChatEntry> entriesView = FXCollections.unmodifiableObservableList(entries);
  private final LibraryChat services;
  private final ChatScope scope;
  private final ConversationList history;
  private StopSignal stop;

  /** A pane without a gallery: questions draw on the whole library. */
  public ChatPaneViewModel(LibrarySession session, UiTasks tasks, DesktopActions desktop,
      Consumer<ImageId> openImage) {
    this(session, tasks, desktop, openImage, ChatScope.Source.NONE);
  }

  /**
   * @param openImage opens an image in the detail view
   * @param gallery the gallery's filters and selection, which questions respect
   */
  public ChatPaneViewModel(LibrarySession session, UiTasks tasks, DesktopActions desktop,
      Consumer<ImageId> openImage, ChatScope.Source gallery) {
    this.scope = new ChatScope(gallery);
    this.session = Objects.requireNonNull(session, "session");
    this.tasks = Objects.requireNonNull(tasks, "tasks");
    this.desktop = Objects.requireNonNull(desktop, "desktop");
    this.openImage = Objects.requireNonNull(openImage, "openImage");
    this.services = new LibraryChat(session);
    this.history = new ConversationList(tasks, services, this::conversationDeleted);
  }

  /**
   * How chat is built for a library (the application's wiring: the configured model and the
   * library's conversations). Until set, answers are retrieval-only and kept for this window only.
   */
  public void useChats(ChatOpener opener) {
    services.use(opener);
  }

  /** A library was opened: a fresh conversation, its stored conversations, its model. */
  public void libraryOpened() {
    stopAnswer();
    entries.clear();
    conversation.set(null);
    state.set(State.EMPTY);
    tasks.run(services::current, chat -> {
      generates.set(chat.generates());
      modelText.set(chat.generates() ? "Answers by " + chat.describe() : "Retrieval-only: no chat model configured");
      refreshConversations();
    }, failure -> modelText.set("Chat is unavailable: " + Problems.message(failure)));
  }

  /** Asks what the input box holds (Enter). Ignored while an answer is being made or when empty. */
  public void send() {
    String text = input.get() == null ? "" : input.get().strip();
    if (text.isEmpty() || state.get() == State.ANSWERING) {
      return;
    }
    input.set("");
    ask(text);
  }

  /** Asks a failed question again, in the same conversation; the failed entry makes way for it. */
  public void retry(ChatEntry entry) {
    if (state.get() == State.ANSWERING || entry.statusProperty().get() != ChatEntry.Status.FAILED) {
      return;
    }
    entries.remove(entry);
    ask(entry.question());
  }

  /** Stops the answer being made; what arrived stays. */
  public void stopAnswer() {
    if (stop != null) {
      stop.stop();
    }
  }

  /** Starts a new conversation (the current one stays in the list). */
  public void newConversation() {
    stopAnswer();
    entries.clear();
    conversation.set(null);
    state.set(State.EMPTY);
    refreshConversations();
  }

  /** Shows a stored conversation; questions then continue it. */
  public void openConversation(ConversationSummary summary) {
    if (state.get() == State.ANSWERING) {
      return;
    }
    tasks.run(() -> services.current().conversations().load(summary.id()).orElseThrow(() ->
        new IllegalStateException("the conversation \"" + summary.title() + "\" was deleted")), loaded -> {
          entries.setAll(loaded.turns().stream().map(ChatEntry::of).toList());
          conversation.set(loaded.id());
          state.set(entries.isEmpty() ? State.EMPTY : State.IDLE);
        }, failure -> {
          ChatEntry problem = new ChatEntry(summary.title());
          problem.fail(Problems.message(failure));
          entries.setAll(List.of(problem));
        });
  }

  /** Puts the answer and its cited images' paths on the clipboard. */
  public void copy(ChatEntry entry) {
    desktop.copyText(entry.copyText());
  }

  /** Opens a cited image in the detail view. */
  public void open(ChatEntry.ImageRef image) {
    openImage.accept(image.id());
  }

  private void ask(String text) {
    ChatEntry entry = new ChatEntry(text);
    entries.add(entry);
    StopSignal signal = new StopSignal();
    stop = signal;
    state.set(State.ANSWERING);
    ChatQuestion question = scope.apply(ChatQuestion.of(text).inConversation(conversation.get()));
    TokenBatches batches = new TokenBatches(tasks, entry::append);
    ChatListener listener = new ChatListener() {
      @Override
      public void onImages(List<SourceImage> images, ImageChoice choice) {
        tasks.onUi(() -> entry.showImages(images));
      }

      @Override
      public void onToken(String piece) {
        batches.add(piece);
      }
    };
    tasks.runLong("chat-answer", () -> services.current().ask(question, listener, signal), answer -> {
      batches.flush();
      answered(entry, answer, signal);
    }, failure -> {
      batches.flush();
      entry.fail(Problems.message(failure));
      ended(signal);
    });
  }

  private void answered(ChatEntry entry, ChatAnswer answer, StopSignal signal) {
    entry.finish(answer);
    if (answer.saved() && answer.conversationId() > 0) {
      conversation.set(answer.conversationId());
    }
    ended(signal);
    refreshConversations();
  }

  private void ended(StopSignal signal) {
    if (stop == signal) {
      stop = null;
      state.set(entries.isEmpty() ? State.EMPTY : State.IDLE);
    }
  }

  private void refreshConversations() {
    history.refresh();
  }

  private void conversationDeleted(long id) {
    Long shown = conversation.get();
    if (shown != null && shown == id) {
      stopAnswer();
      entries.clear();
      conversation.set(null);
      state.set(State.EMPTY);
    }
  }

  /** Stops any answer and closes the chat of the open library. Blocks briefly; any thread. */
  @Override
  public void close() {
    StopSignal signal = stop;
    if (signal != null) {
      signal.stop();
    }
    services.close();
  }

  // ---- properties -------------------------------------------------------------------------------

  /** Which images questions draw on: the gallery's filters, or the selected images. */
  public ChatScope scope() {
    return scope;
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty titleProperty() {
    return title.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty emptyTextProperty() {
    return emptyText.getReadOnlyProperty();
  }

  /** "Answers by MODEL at URL", or that answers are retrieval-only. */
  public ReadOnlyStringProperty modelTextProperty() {
    return modelText.getReadOnlyProperty();
  }

  /** Whether a chat model writes the answers (else they are retrieval-only). */
  public ReadOnlyBooleanProperty generatesProperty() {
    return generates.getReadOnlyProperty();
  }

  /** The stored conversation the pane shows, or null before its first answer. */
  public ReadOnlyObjectProperty<Long> conversationProperty() {
    return conversation.getReadOnlyProperty();
  }

  /** The input box's text. */
  public StringProperty inputProperty() {
    return input;
  }

  public ObservableList<ChatEntry> entries() {
    return entriesView;
  }

  /** The library's conversations, most recently used first. */
  public ObservableList<ConversationSummary> conversations() {
    return history.items();
  }

  /** The stored conversations, with rename and delete. */
  public ConversationList history() {
    return history;
  }
}
