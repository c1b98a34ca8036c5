package dev.imagerag.ui.jobs;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Background work in the window: a segment of the status bar (overall progress, what runs now,
 * pause/resume, stop, errors) and a panel above it with every stage's progress and the errors
 * list. Polls the view model every 200 ms while work runs; never blocks.
 */
public final class JobsView {
  private final JobsViewModel model;
  private final HBox segment = new HBox(8);
  private final VBox panel = new VBox(8);
  private final GridPane stages = new GridPane();
  private final TabPane tabs = new TabPane();
  private final ToggleButton details = new ToggleButton();
  private final Timeline poll;

  public JobsView(JobsViewModel model) {
    this.model = model;
    poll = new Timeline(new KeyFrame(Duration.millis(200), e -> model.poll()));
    poll.setCycleCount(Timeline.INDEFINITE);
    model.stateProperty().addListener((o, was, now) -> {
      if (now == JobsViewModel.State.IDLE) {
        poll.stop();
        model.poll();
      } else {
        poll.play();
      }
    });
    buildSegment();
    buildPanel();
    model.rows().addListener((ListChangeListener<StageRow>) c -> rows());
    model.errorRequestsProperty().addListener((o, was, now) -> showErrors());
  }

  private void buildSegment() {
    segment.setId("jobs");
    segment.setAlignment(Pos.CENTER_LEFT);
    ProgressBar bar = new ProgressBar();
    bar.setId("jobsProgress");
    bar.setPrefWidth(110);
    bar.progressProperty().bind(model.fractionProperty());
    bar.getStyleClass().add("small");
    Label headline = new Label();
    headline.setId("jobsHeadline");
    headline.textProperty().bind(model.headlineProperty());
    headline.setMaxWidth(360);
    Button pause = new Button();
    pause.setId("pauseJobs");
    pause.getStyleClass().addAll("flat", "small");
    pause.textProperty().bind(Bindings.when(model.stateProperty().isEqualTo(JobsViewModel.State.PAUSED))
        .then("▶ Resume").otherwise("❚❚ Pause"));
    pause.setOnAction(e -> {
      if (model.stateProperty().get() == JobsViewModel.State.PAUSED) {
        model.resume();
      } else {
        model.pause();
      }
    });
    pause.disableProperty().bind(model.stateProperty().isEqualTo(JobsViewModel.State.STOPPING));
    Button stop = new Button("■ Stop");
    stop.setId("stopJobs");
    stop.getStyleClass().addAll("flat", "small");
    stop.setOnAction(e -> model.cancel());
    stop.disableProperty().bind(model.stateProperty().isEqualTo(JobsViewModel.State.STOPPING));
    Node[] running = {bar, headline, pause, stop};
    for (Node node : running) {
      node.visibleProperty().bind(model.stateProperty().isNotEqualTo(JobsViewModel.State.IDLE));
      node.managedProperty().bind(node.visibleProperty());
    }
    details.setId("jobsDetails");
    details.getStyleClass().addAll("flat", "small");
    details.textProperty().bind(Bindings.createStringBinding(() -> model.errors().isEmpty() ? "Activity"
        : "Activity · ⚠ " + model.errors().size(), model.errors()));
    details.setFocusTraversable(false);
    segment.getChildren().addAll(bar, headline, pause, stop, details);
  }

  private void buildPanel() {
    panel.setId("jobsPanel");
    panel.getStyleClass().add("jobs-panel");
    stages.setHgap(12);
    stages.setVgap(6);
    stages.getStyleClass().add("stage-grid");
    Label idle = new Label("Nothing is running. Imports and processing show their progress here.");
    idle.getStyleClass().add("muted");
    idle.visibleProperty().bind(Bindings.isEmpty(model.rows()));
    idle.managedProperty().bind(idle.visibleProperty());
    VBox progress = new VBox(8, idle, stages);
    Tab progressTab = new Tab("Progress", progress);
    ListView<JobError> errors = new ListView<>(model.errors());
    errors.setId("jobErrors");
    errors.setPlaceholder(new Label("No errors."));
    errors.setCellFactory(list -> new ListCell<>() {
      @Override
      protected void updateItem(JobError error, boolean empty) {
        super.updateItem(error, empty);
        setText(empty || error == null ? null
            : error.stage() + (error.item().isEmpty() ? "" : " · " + error.item()) + "\n" + error.message());
        setWrapText(true);
      }
    });
    Button copy = new Button("Copy all");
    copy.setOnAction(e -> {
      StringBuilder text = new StringBuilder();
      model.errors().forEach(er -> text.append(er.stage()).append('\t').append(er.item()).append('\t')
          .append(er.message()).append('\n'));
      ClipboardContent content = new ClipboardContent();
      content.putString(text.toString());
      Clipboard.getSystemClipboard().setContent(content);
    });
    Button clear = new Button("Clear");
    clear.setOnAction(e -> model.clearErrors());
    HBox errorButtons = new HBox(8, copy, clear);
    VBox errorBox = new VBox(8, errors, errorButtons);
    VBox.setVgrow(errors, Priority.ALWAYS);
    Tab errorsTab = new Tab();
    errorsTab.textProperty().bind(Bindings.createStringBinding(() -> "Errors (" + model.errors().size() + ")",
        model.errors()));
    errorsTab.setContent(errorBox);
    tabs.getTabs().addAll(progressTab, errorsTab);
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    tabs.setPrefHeight(220);
    panel.getChildren().add(tabs);
    panel.visibleProperty().bind(details.selectedProperty());
    panel.managedProperty().bind(panel.visibleProperty());
  }

  private void rows() {
    stages.getChildren().clear();
    int r = 0;
    for (StageRow row : model.rows()) {
      Label name = new Label(row.label());
      name.getStyleClass().add("stage-name");
      ProgressBar bar = new ProgressBar(row.fraction());
      bar.setPrefWidth(220);
      Label counts = new Label(row.counts());
      Label current = new Label(row.current());
      current.getStyleClass().add("muted");
      current.setMaxWidth(320);
      Region spacer = new Region();
      GridPane.setHgrow(spacer, Priority.ALWAYS);
      stages.addRow(r++, name, bar, counts, current);
    }
  }

  /** Opens the panel on the errors list. */
  public void showErrors() {
    details.setSelected(true);
    tabs.getSelectionModel().select(1);
  }

  /** Shows or hides the activity panel. */
  public void togglePanel() {
    details.setSelected(!details.isSelected());
  }

  public Parent statusSegment() {
    return segment;
  }

  public Parent panel() {
    return panel;
  }
}
