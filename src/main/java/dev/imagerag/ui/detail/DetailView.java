package dev.imagerag.ui.detail;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.ingest.ImageDecoder;
import dev.imagerag.ui.common.SelectableText;
import dev.imagerag.ui.gallery.ThumbnailCache;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The detail view, laid over the gallery (no dialog): the image with fit and zoom, its caption,
 * selectable recognised text with the query's words highlighted, tags, facts, the state of every
 * stage with Retry, near-duplicates, and a strip of similar images with back/forward
 * (Alt+Left/Alt+Right). Esc closes it.
 */
public final class DetailView implements AutoCloseable {
  private static final double STRIP_THUMB = 96;

  private final DetailViewModel model;
  private final ThumbnailCache thumbnails;
  private final OriginalImages originals;
  private final BorderPane root = new BorderPane();
  private final ImageView image = new ImageView();
  private final ScrollPane imageScroll = new ScrollPane();
  private final ProgressIndicator loading = new ProgressIndicator();
  private final Label imageError = new Label();
  private final ToggleButton fit = new ToggleButton("Fit");
  private final SelectableText ocr = new SelectableText();
  private final HBox similarStrip = new HBox(8);
  private final FlowPane duplicateStrip = new FlowPane(6, 6);
  private final VBox stageBox = new VBox(4);
  private final GridPane factGrid = new GridPane();
  private final FlowPane tagPane = new FlowPane(6, 6);
  private double zoom = 1;

  public DetailView(DetailViewModel model, ThumbnailCache thumbnails, ImageDecoder decoder) {
    this.model = model;
    this.thumbnails = thumbnails;
    this.originals = new OriginalImages(decoder);
    root.setId("detail");
    root.getStyleClass().add("detail");
    root.setTop(toolbar());
    SplitPane split = new SplitPane(imagePane(), infoPane());
    split.setDividerPositions(0.62);
    root.setCenter(split);
    root.setBottom(similarPane());
    root.visibleProperty().bind(model.stateProperty().isNotEqualTo(DetailViewModel.State.HIDDEN));
    model.imagePathProperty().addListener((o, was, now) -> loadImage(now));
    model.stateProperty().addListener((o, was, now) -> {
      if (now == DetailViewModel.State.SHOWN && image.getImage() == null) {
        loadImage(model.imagePathProperty().get());
      }
      if (now == DetailViewModel.State.HIDDEN) {
        image.setImage(null);
      } else if (was == DetailViewModel.State.HIDDEN) {
        javafx.application.Platform.runLater(root::requestFocus);
      }
    });
    model.ocrTextProperty().addListener((o, was, now) -> ocr.setText(now));
    model.highlight().addListener((ListChangeListener<String>) c -> ocr.setHighlights(model.highlight()));
    model.similar().addListener((ListChangeListener<ImageDetails.Neighbour>) c -> strip(similarStrip, model.similar()));
    model.duplicates().addListener((ListChangeListener<ImageDetails.Neighbour>) c -> strip(duplicateStrip, model.duplicates()));
    model.stages().addListener((ListChangeListener<DetailViewModel.StageLine>) c -> stages());
    model.facts().addListener((ListChangeListener<DetailViewModel.Fact>) c -> facts());
    model.tags().addListener((ListChangeListener<String>) c -> tags());
    root.setFocusTraversable(true);
  }

  private Node toolbar() {
    Button back = button("←", "Back (Alt+Left)", model::back);
    back.setId("detailBack");
    back.disableProperty().bind(model.canBackProperty().not());
    Button forward = button("→", "Forward (Alt+Right)", model::forward);
    forward.setId("detailForward");
    forward.disableProperty().bind(model.canForwardProperty().not());
    Label title = new Label();
    title.setId("detailTitle");
    title.textProperty().bind(model.titleProperty());
    title.getStyleClass().add("detail-title");
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    fit.setSelected(true);
    fit.setTooltip(new Tooltip("Fit the image in the window (0)"));
    fit.setOnAction(e -> applyZoom());
    Button actual = button("100%", "Actual size (1)", () -> setZoom(1));
    Button zoomIn = button("+", "Zoom in (+, Ctrl+wheel)", () -> setZoom(currentZoom() * 1.25));
    Button zoomOut = button("−", "Zoom out (−)", () -> setZoom(currentZoom() / 1.25));
    Button open = button("Open", "Open with the default application", model::openFile);
    Button folder = button("Show in folder", "Show the file in the file manager", model::showInFolder);
    Button close = button("✕", "Close (Esc)", model::close);
    close.setId("detailClose");
    HBox bar = new HBox(6, back, forward, title, spacer, fit, actual, zoomOut, zoomIn, open, folder, close);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.getStyleClass().add("detail-toolbar");
    return bar;
  }

  private Node imagePane() {
    image.setPreserveRatio(true);
    image.setSmooth(true);
    StackPane holder = new StackPane(image);
    holder.getStyleClass().add("image-holder");
    holder.minWidthProperty().bind(Bindings.createDoubleBinding(
        () -> imageScroll.getViewportBounds().getWidth(), imageScroll.viewportBoundsProperty()));
    holder.minHeightProperty().bind(Bindings.createDoubleBinding(
        () -> imageScroll.getViewportBounds().getHeight(), imageScroll.viewportBoundsProperty()));
    imageScroll.setContent(holder);
    imageScroll.setPannable(true);
    imageScroll.getStyleClass().add("image-scroll");
    imageScroll.viewportBoundsProperty().addListener((o, was, now) -> applyZoom());
    imageScroll.addEventFilter(ScrollEvent.SCROLL, e -> {
      if (e.isShortcutDown()) {
        setZoom(currentZoom() * (e.getDeltaY() > 0 ? 1.1 : 1 / 1.1));
        e.consume();
      }
    });
    loading.setMaxSize(48, 48);
    loading.visibleProperty().bind(model.stateProperty().isEqualTo(DetailViewModel.State.LOADING));
    imageError.getStyleClass().add("empty-hint");
    imageError.setWrapText(true);
    Label failed = new Label();
    failed.textProperty().bind(model.messageProperty());
    failed.visibleProperty().bind(model.stateProperty().isEqualTo(DetailViewModel.State.FAILED));
    failed.getStyleClass().add("empty-title");
    return new StackPane(imageScroll, loading, imageError, failed);
  }

  private Node infoPane() {
    Label caption = new Label();
    caption.setId("detailCaption");
    caption.textProperty().bind(model.captionProperty());
    caption.setWrapText(true);
    Node captionSection = section("Caption", caption);
    captionSection.visibleProperty().bind(model.captionProperty().isNotEmpty());
    captionSection.managedProperty().bind(captionSection.visibleProperty());

    ocr.setId("detailText");
    Button copy = new Button("Copy text");
    copy.getStyleClass().add("small");
    copy.setOnAction(e -> model.copyText());
    Label hint = new Label("Select with the mouse; Ctrl+C copies.");
    hint.getStyleClass().add("muted");
    Node textSection = section("Text in the image", ocr, new HBox(8, copy, hint));
    textSection.visibleProperty().bind(model.ocrTextProperty().isNotEmpty());
    textSection.managedProperty().bind(textSection.visibleProperty());

    Node tagSection = section("Tags", tagPane);
    tagSection.visibleProperty().bind(Bindings.isNotEmpty(model.tags()));
    tagSection.managedProperty().bind(tagSection.visibleProperty());
    factGrid.setHgap(10);
    factGrid.setVgap(4);
    factGrid.setId("detailFacts");
    stageBox.setId("detailStages");
    Node dupSection = section("Near-duplicates", duplicateStrip);
    dupSection.visibleProperty().bind(Bindings.isNotEmpty(model.duplicates()));
    dupSection.managedProperty().bind(dupSection.visibleProperty());
    VBox info = new VBox(16, captionSection, textSection, tagSection, section("Details", factGrid),
        section("Processing", stageBox), dupSection);
    info.getStyleClass().add("detail-info");
    ScrollPane scroll = new ScrollPane(info);
    scroll.setFitToWidth(true);
    scroll.setMinWidth(280);
    scroll.getStyleClass().add("detail-info-scroll");
    return scroll;
  }

  private Node similarPane() {
    Label title = new Label("Similar images");
    title.getStyleClass().add("section-title");
    Label note = new Label();
    note.setId("similarNote");
    note.textProperty().bind(model.similarNoteProperty());
    note.getStyleClass().add("muted");
    similarStrip.setId("similarStrip");
    similarStrip.setAlignment(Pos.CENTER_LEFT);
    ScrollPane scroll = new ScrollPane(similarStrip);
    scroll.setFitToHeight(true);
    scroll.setPrefHeight(STRIP_THUMB + 40);
    scroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    scroll.getStyleClass().add("similar-scroll");
    VBox box = new VBox(6, new HBox(12, title, note), scroll);
    box.getStyleClass().add("similar-pane");
    return box;
  }

  private static VBox section(String title, Node... content) {
    Label label = new Label(title);
    label.getStyleClass().add("section-title");
    VBox box = new VBox(6, label);
    box.getChildren().addAll(content);
    return box;
  }

  private static Button button(String text, String tip, Runnable action) {
    Button button = new Button(text);
    button.getStyleClass().addAll("flat");
    button.setTooltip(new Tooltip(tip));
    button.setFocusTraversable(false);
    button.setOnAction(e -> action.run());
    return button;
  }

  // ---- content --------------------------------------------------------------------------------

  private void loadImage(String path) {
    imageError.setText("");
    if (path == null || path.isEmpty() || model.stateProperty().get() == DetailViewModel.State.HIDDEN) {
      return;
    }
    originals.load(Path.of(path), loaded -> {
      image.setImage(loaded);
      applyZoom();
    }, imageError::setText);
  }

  private void strip(javafx.scene.layout.Pane pane, List<ImageDetails.Neighbour> neighbours) {
    pane.getChildren().setAll(neighbours.stream().map(this::neighbour).toList());
  }

  private Node neighbour(ImageDetails.Neighbour n) {
    ImageView thumb = new ImageView();
    thumb.setFitWidth(STRIP_THUMB);
    thumb.setFitHeight(STRIP_THUMB);
    thumb.setPreserveRatio(true);
    Image cached = thumbnails.get(n.id(), thumb::setImage);
    thumb.setImage(cached);
    StackPane frame = new StackPane(thumb);
    frame.setPrefSize(STRIP_THUMB, STRIP_THUMB);
    frame.getStyleClass().add("thumb-frame");
    Label score = new Label(String.format(Locale.ROOT, "%.2f", n.score()));
    score.getStyleClass().add("muted");
    VBox tile = new VBox(2, frame, score);
    tile.setAlignment(Pos.CENTER);
    Button button = new Button(null, tile);
    button.getStyleClass().addAll("flat", "similar-tile");
    button.setUserData(n.id());
    button.setTooltip(new Tooltip(Path.of(n.path()).getFileName() + " · similarity " + String.format(Locale.ROOT, "%.3f",
        n.score())));
    button.setOnAction(e -> model.openSimilar((ImageId) button.getUserData()));
    return button;
  }

  private void stages() {
    stageBox.getChildren().clear();
    for (DetailViewModel.StageLine line : model.stages()) {
      Label name = new Label(line.stage());
      name.setMinWidth(80);
      Label state = new Label(line.state());
      state.getStyleClass().addAll("stage-state", "stage-" + line.state());
      HBox row = new HBox(8, name, state);
      row.setAlignment(Pos.CENTER_LEFT);
      if (line.retryable()) {
        Button retry = new Button("Retry");
        retry.getStyleClass().add("small");
        retry.setOnAction(e -> model.retry(line));
        row.getChildren().add(retry);
      }
      stageBox.getChildren().add(row);
      if (!line.reason().isEmpty()) {
        Label reason = new Label(line.reason());
        reason.setWrapText(true);
        reason.getStyleClass().add("muted");
        stageBox.getChildren().add(reason);
      }
    }
  }

  private void facts() {
    factGrid.getChildren().clear();
    int row = 0;
    for (DetailViewModel.Fact fact : model.facts()) {
      Label label = new Label(fact.label());
      label.getStyleClass().add("muted");
      label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
      Label value = new Label(fact.value());
      value.setWrapText(true);
      factGrid.addRow(row++, label, value);
    }
  }

  private void tags() {
    tagPane.getChildren().setAll(model.tags().stream().map(t -> {
      Label tag = new Label(t);
      tag.getStyleClass().addAll("chip", "chip-tag");
      return tag;
    }).toList());
  }

  // ---- zoom and keys --------------------------------------------------------------------------

  private double currentZoom() {
    Image shown = image.getImage();
    if (shown == null || shown.getWidth() == 0) {
      return 1;
    }
    return fit.isSelected() ? image.getBoundsInLocal().getWidth() / shown.getWidth() : zoom;
  }

  private void setZoom(double value) {
    zoom = Math.max(0.05, Math.min(8, value));
    fit.setSelected(false);
    applyZoom();
  }

  private void applyZoom() {
    Image shown = image.getImage();
    if (shown == null) {
      return;
    }
    if (fit.isSelected()) {
      double w = Math.max(50, imageScroll.getViewportBounds().getWidth() - 8);
      double h = Math.max(50, imageScroll.getViewportBounds().getHeight() - 8);
      image.setFitWidth(Math.min(w, shown.getWidth()));
      image.setFitHeight(Math.min(h, shown.getHeight()));
    } else {
      image.setFitWidth(shown.getWidth() * zoom);
      image.setFitHeight(shown.getHeight() * zoom);
    }
  }

  /** Handles the detail view's keys (the window forwards them while the view is open). */
  public void key(KeyEvent e) {
    if (e.isAltDown() && e.getCode() == KeyCode.LEFT) {
      model.back();
    } else if (e.isAltDown() && e.getCode() == KeyCode.RIGHT) {
      model.forward();
    } else if (e.getCode() == KeyCode.ESCAPE) {
      model.close();
    } else if (e.getCode() == KeyCode.DIGIT0 && !e.isShortcutDown()) {
      fit.setSelected(true);
      applyZoom();
    } else if (e.getCode() == KeyCode.DIGIT1 && !e.isShortcutDown()) {
      setZoom(1);
    } else if (e.getCode() == KeyCode.PLUS || e.getCode() == KeyCode.EQUALS || e.getCode() == KeyCode.ADD) {
      setZoom(currentZoom() * 1.25);
    } else if (e.getCode() == KeyCode.MINUS || e.getCode() == KeyCode.SUBTRACT) {
      setZoom(currentZoom() / 1.25);
    } else {
      return;
    }
    e.consume();
  }

  public Parent root() {
    return root;
  }

  @Override
  public void close() {
    originals.close();
  }

}
