package dev.imagerag.ui.chat;

import dev.imagerag.logic.chat.ConversationSummary;
import dev.imagerag.ui.gallery.ThumbnailCache;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.SVGPath;

/**
 * The chat pane: header (model, history, new conversation), the questions and their streaming
 * answers with cited thumbnails, and the input box (Enter sends, Shift+Enter starts a new line).
 * Binds and forwards only.
 */
public final class ChatPaneView {
  private static final double THUMB = 64;

  private final ChatPaneViewModel model;
  private final ThumbnailCache thumbnails;
  private final BorderPane root = new BorderPane();
  private final VBox messages = new VBox(14);
  private final ScrollPane scroll = new ScrollPane(messages);
  private final TextArea input = new TextArea();

  /** @param onClose hides the pane (the window owns the layout) */
  public ChatPaneView(ChatPaneViewModel model, ThumbnailCache thumbnails, Runnable onClose) {
    this.model = model;
    this.thumbnails = thumbnails;
    root.setId("chatPane");
    root.getStyleClass().add("chat-pane");
    root.getStylesheets().add(ChatPaneView.class.getResource("ChatPane.css").toExternalForm());
    root.setTop(header(onClose));
    root.setCenter(center());
    root.setBottom(inputBar());
    root.setMinWidth(220);
    model.entries().addListener((ListChangeListener<ChatEntry>) change -> render());
    render();
  }

  public Parent root() {
    return root;
  }

  private Node header(Runnable onClose) {
    Label title = new Label();
    title.textProperty().bind(model.titleProperty());
    title.getStyleClass().add("pane-title");
    Label modelText = new Label();
    modelText.setId("chatModel");
    modelText.textProperty().bind(model.modelTextProperty());
    modelText.getStyleClass().add("muted");
    modelText.setWrapText(true);
    MenuButton history = new MenuButton("History");
    history.setId("chatHistory");
    history.getStyleClass().add("small");
    model.conversations().addListener((ListChangeListener<ConversationSummary>) c -> fillHistory(history));
    model.conversationProperty().addListener((o, was, now) -> fillHistory(history));
    fillHistory(history);
    Label historyProblem = new Label();
    historyProblem.setId("chatHistoryProblem");
    historyProblem.textProperty().bind(model.history().problemProperty());
    historyProblem.setWrapText(true);
    historyProblem.getStyleClass().add("chat-error");
    historyProblem.visibleProperty().bind(model.history().problemProperty().isNotEmpty());
    historyProblem.managedProperty().bind(historyProblem.visibleProperty());
    Button fresh = new Button("New conversation");
    fresh.setId("chatNew");
    fresh.getStyleClass().add("small");
    fresh.setTooltip(new Tooltip("Start a new conversation"));
    fresh.setOnAction(e -> model.newConversation());
    Button close = new Button("✕");
    close.getStyleClass().addAll("flat", "small");
    close.setOnAction(e -> onClose.run());
    close.setFocusTraversable(false);
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox top = new HBox(6, title, spacer, close);
    top.setAlignment(Pos.CENTER_LEFT);
    HBox actions = new HBox(6, fresh, history);
    actions.setAlignment(Pos.CENTER_LEFT);
    VBox header = new VBox(4, top, modelText, actions, historyProblem);
    header.getStyleClass().add("pane-header");
    return header;
  }

  private void fillHistory(MenuButton history) {
    history.getItems().clear();
    for (ConversationSummary summary : model.conversations()) {
      MenuItem item = new MenuItem(summary.title() + "  (" + summary.turns() + ")");
      item.setOnAction(e -> model.openConversation(summary));
      history.getItems().add(item);
    }
    Long shown = model.conversationProperty().get();
    model.conversations().stream().filter(c -> shown != null && c.id() == shown).findFirst().ifPresent(current -> {
      MenuItem rename = new MenuItem("Rename this conversation…");
      rename.setId("chatRename");
      rename.setOnAction(e -> askNewTitle(current));
      MenuItem delete = new MenuItem("Delete this conversation…");
      delete.setId("chatDelete");
      delete.setOnAction(e -> confirmDelete(current));
      history.getItems().addAll(new SeparatorMenuItem(), rename, delete);
    });
    history.setDisable(history.getItems().isEmpty());
  }

  private void askNewTitle(ConversationSummary summary) {
    TextInputDialog dialog = new TextInputDialog(summary.title());
    dialog.setTitle("Rename the conversation");
    dialog.setHeaderText(null);
    dialog.setContentText("Title");
    dialog.initOwner(root.getScene() == null ? null : root.getScene().getWindow());
    dialog.showAndWait().ifPresent(title -> model.history().rename(summary, title));
  }

  private void confirmDelete(ConversationSummary summary) {
    Alert alert = new Alert(Alert.AlertType.CONFIRMATION,
        "Delete \"" + summary.title() + "\" and its " + summary.turns() + " question" + (summary.turns() == 1 ? "" : "s")
            + "? This cannot be undone.", ButtonType.CANCEL, ButtonType.OK);
    alert.setTitle("Delete the conversation");
    alert.setHeaderText(null);
    alert.initOwner(root.getScene() == null ? null : root.getScene().getWindow());
    alert.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> model.history().delete(summary));
  }

  private Node center() {
    SVGPath icon = new SVGPath();
    icon.setContent("M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z");
    icon.getStyleClass().add("empty-icon-shape");
    icon.setScaleX(2.2);
    icon.setScaleY(2.2);
    Label text = new Label();
    text.setId("chatEmpty");
    text.textProperty().bind(model.emptyTextProperty());
    text.setWrapText(true);
    text.getStyleClass().add("empty-hint");
    VBox empty = new VBox(12, new Group(icon), text);
    empty.setAlignment(Pos.CENTER);
    empty.getStyleClass().add("empty-state");
    empty.visibleProperty().bind(model.stateProperty().isEqualTo(ChatPaneViewModel.State.EMPTY));
    messages.setId("chatMessages");
    messages.getStyleClass().add("chat-messages");
    scroll.setFitToWidth(true);
    scroll.visibleProperty().bind(empty.visibleProperty().not());
    // Follow the answer as it grows.
    messages.heightProperty().addListener((o, was, now) -> scroll.setVvalue(1.0));
    return new StackPane(empty, scroll);
  }

  private Node inputBar() {
    input.setId("chatInput");
    input.setPromptText("Ask about your images…");
    input.setWrapText(true);
    input.setPrefRowCount(2);
    input.textProperty().bindBidirectional(model.inputProperty());
    input.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
    Button send = new Button("Send");
    send.setId("chatSend");
    send.getStyleClass().add("accent");
    send.setOnAction(e -> model.send());
    send.disableProperty().bind(Bindings.createBooleanBinding(() -> model.inputProperty().get() == null
        || model.inputProperty().get().isBlank() || model.stateProperty().get() == ChatPaneViewModel.State.ANSWERING,
        model.inputProperty(), model.stateProperty()));
    send.setMinWidth(Region.USE_PREF_SIZE); // never "…": the input box gives way instead
    Button stop = new Button("Stop");
    stop.setId("chatStop");
    stop.setMinWidth(Region.USE_PREF_SIZE);
    stop.setOnAction(e -> model.stopAnswer());
    stop.visibleProperty().bind(model.stateProperty().isEqualTo(ChatPaneViewModel.State.ANSWERING));
    stop.managedProperty().bind(stop.visibleProperty());
    send.managedProperty().bind(stop.visibleProperty().not());
    send.visibleProperty().bind(send.managedProperty());
    HBox.setHgrow(input, Priority.ALWAYS);
    HBox bar = new HBox(6, input, new StackPane(send, stop));
    bar.setAlignment(Pos.BOTTOM_RIGHT);
    VBox box = new VBox(4, scopeBar(), bar);
    box.getStyleClass().add("chat-input-bar");
    return box;
  }

  /** "Ask about the selected images" (when some are) and which images the next question draws on. */
  private Node scopeBar() {
    ChatScope scope = model.scope();
    CheckBox about = new CheckBox();
    about.setId("chatAboutSelection");
    about.textProperty().bind(scope.selectedCountProperty().map(n -> "Ask about the selected images (" + n + ")"));
    about.selectedProperty().bindBidirectional(scope.aboutSelectionProperty());
    about.visibleProperty().bind(scope.selectedCountProperty().greaterThan(0));
    about.managedProperty().bind(about.visibleProperty());
    Label text = new Label();
    text.setId("chatScope");
    text.textProperty().bind(scope.textProperty());
    text.setWrapText(true);
    text.getStyleClass().add("muted");
    text.visibleProperty().bind(scope.textProperty().isNotEmpty());
    text.managedProperty().bind(text.visibleProperty());
    VBox bar = new VBox(2, about, text);
    bar.visibleProperty().bind(about.visibleProperty().or(text.visibleProperty()));
    bar.managedProperty().bind(bar.visibleProperty());
    return bar;
  }

  private void key(KeyEvent e) {
    if (e.getCode() != KeyCode.ENTER) {
      return;
    }
    e.consume();
    if (e.isShiftDown()) {
      input.insertText(input.getCaretPosition(), "\n");
    } else {
      model.send();
    }
  }

  private void render() {
    messages.getChildren().setAll(model.entries().stream().map(this::entry).toList());
  }

  private Node entry(ChatEntry entry) {
    Label question = new Label(entry.question());
    question.setWrapText(true);
    question.getStyleClass().add("chat-question");
    Label answer = new Label();
    answer.setWrapText(true);
    answer.getStyleClass().add("chat-answer");
    answer.textProperty().bind(entry.answerProperty());
    answer.setMinHeight(Region.USE_PREF_SIZE);
    VBox status = new VBox(4);
    FlowPane images = new FlowPane(6, 6);
    images.getStyleClass().add("chat-citations");
    VBox box = new VBox(6, question, answer, images, status);
    box.getStyleClass().add("chat-entry");
    Runnable refresh = () -> {
      status.getChildren().setAll(statusNodes(entry));
      images.getChildren().setAll(entry.citedOrShown().stream().map(this::thumbnail).toList());
    };
    entry.statusProperty().addListener((o, was, now) -> refresh.run());
    entry.images().addListener((ListChangeListener<ChatEntry.ImageRef>) c -> refresh.run());
    refresh.run();
    return box;
  }

  private Node[] statusNodes(ChatEntry entry) {
    ChatEntry.Status status = entry.statusProperty().get();
    java.util.List<Node> nodes = new java.util.ArrayList<>();
    switch (status) {
      case WAITING -> nodes.add(muted("Finding the images…"));
      case NOT_GENERATED -> {
        Label badge = new Label("Not generated");
        badge.getStyleClass().add("chat-not-generated");
        nodes.add(badge);
        nodes.add(muted(ChatPaneViewModel.NOT_GENERATED_HINT));
      }
      case STOPPED -> nodes.add(muted("Stopped."));
      case TRUNCATED -> nodes.add(muted("The answer was cut short."));
      case FAILED -> {
        Label error = new Label();
        error.textProperty().bind(entry.errorProperty());
        error.setWrapText(true);
        error.getStyleClass().add("chat-error");
        Button retry = new Button("Retry");
        retry.getStyleClass().addAll("small", "chat-retry");
        retry.setOnAction(e -> model.retry(entry));
        nodes.add(error);
        nodes.add(retry);
      }
      default -> { }
    }
    entry.notices().forEach(n -> nodes.add(muted(n)));
    if (status != ChatEntry.Status.WAITING && status != ChatEntry.Status.STREAMING
        && !entry.answerProperty().get().isEmpty()) {
      Button copy = new Button("Copy");
      copy.getStyleClass().addAll("flat", "small", "chat-copy");
      copy.setOnAction(e -> model.copy(entry));
      nodes.add(copy);
    }
    return nodes.toArray(Node[]::new);
  }

  private Node thumbnail(ChatEntry.ImageRef ref) {
    ImageView view = new ImageView();
    view.setFitWidth(THUMB * 1.5);
    view.setFitHeight(THUMB);
    view.setPreserveRatio(true);
    view.imageProperty().addListener((o, old, image) -> view.setViewport(viewport(image)));
    view.setImage(thumbnails.get(ref.id(), view::setImage));
    Button button = new Button(ref.label(), view);
    button.setContentDisplay(javafx.scene.control.ContentDisplay.TOP);
    button.getStyleClass().addAll("flat", "chat-citation");
    button.setTooltip(new Tooltip(ref.path() + String.format(Locale.ROOT, "\nscore %.4f", ref.score())));
    button.setOnAction(e -> model.open(ref));
    return button;
  }

  /**
   * Very wide or tall images (a one-line screenshot, a receipt) would shrink to a sliver: show
   * their start (left or top) at no more than 2:1 instead, where their first words are.
   */
  static Rectangle2D viewport(Image image) {
    if (image == null || image.getWidth() <= 0 || image.getHeight() <= 0) {
      return null;
    }
    double width = image.getWidth();
    double height = image.getHeight();
    if (width > 2 * height) {
      return new Rectangle2D(0, 0, 2 * height, height);
    }
    if (height > 2 * width) {
      return new Rectangle2D(0, 0, width, 2 * width);
    }
    return null;
  }

  private static Label muted(String text) {
    Label label = new Label(text);
    label.setWrapText(true);
    label.getStyleClass().add("muted");
    return label;
  }
}
