package dev.imagerag.ui.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.imagerag.ui.chat.ChatPaneView;
import dev.imagerag.ui.common.NotificationsView;
import dev.imagerag.ui.detail.DetailView;
import dev.imagerag.ui.gallery.GalleryItem;
import dev.imagerag.ui.gallery.GalleryView;
import dev.imagerag.ui.gallery.GalleryViewModel;
import dev.imagerag.ui.gallery.ThumbnailCache;
import dev.imagerag.ui.jobs.JobsView;
import dev.imagerag.ui.search.QueryBarView;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The main window ({@code MainWindow.fxml}): menu bar, query bar, side panel, gallery with the
 * detail view over it, chat pane, status bar, drop overlay and notifications. It binds the panes to
 * {@link ShellViewModel} and forwards menu commands, keys and drops; it remembers the window's
 * size, splits and view between runs.
 */
public final class ShellView {
  static final String STYLESHEET = "/dev/imagerag/ui/shell/app.css";
  private static final javafx.css.PseudoClass UNREACHABLE = javafx.css.PseudoClass.getPseudoClass("unreachable");

  @FXML private StackPane root;
  @FXML private BorderPane frame;
  @FXML private Label banner;
  @FXML private StackPane queryBarHolder;
  @FXML private SplitPane split;
  @FXML private StackPane sideHolder;
  @FXML private StackPane centerHolder;
  @FXML private StackPane chatHolder;
  @FXML private StackPane jobsPanelHolder;
  @FXML private StackPane jobsHolder;
  @FXML private Label statusLibrary;
  @FXML private Label statusCount;
  @FXML private Label statusIndex;
  @FXML private Label statusModels;
  @FXML private Label statusCaptions;
  @FXML private StackPane dropOverlay;
  @FXML private Label dropMessage;
  @FXML private StackPane notificationsHolder;
  @FXML private RadioMenuItem lightItem;
  @FXML private RadioMenuItem darkItem;
  @FXML private CheckMenuItem sidePanelItem;
  @FXML private CheckMenuItem chatItem;
  @FXML private CheckMenuItem activityItem;

  private final ShellViewModel model;
  private final Preferences preferences;
  private final QueryBarView queryBar;
  private final GalleryView gallery;
  private final DetailView detail;
  private final JobsView jobs;
  private final SidePanelView sidePanel;
  private final ChatPaneView chat;
  private final DropTargets drops;
  private Stage stage;
  private final SettingsWindow settings;
  private PaneLayout panes;
  private Runnable onExit = () -> { };

  public ShellView(ShellViewModel model, ThumbnailCache thumbnails, Preferences preferences) {
    this.model = model;
    this.preferences = preferences;
    FXMLLoader loader = new FXMLLoader(ShellView.class.getResource("/dev/imagerag/ui/shell/MainWindow.fxml"));
    loader.setController(this);
    try {
      loader.load();
    } catch (IOException e) {
      throw new UncheckedIOException("the main window's layout is missing from the application", e);
    }
    queryBar = new QueryBarView(model.queryBar(), model.sidePanel().folders(),
        tagNames, this::paste);
    model.sidePanel().tags().addListener((javafx.collections.ListChangeListener<SidePanelViewModel.TagCount>) c ->
        tagNames.setAll(model.sidePanel().tags().stream().map(SidePanelViewModel.TagCount::tag).toList()));
    gallery = new GalleryView(model.gallery(), thumbnails, new GalleryView.Actions() {
      @Override
      public void openDetail(GalleryItem item) {
        model.detail().open(item.id(), model.queryBar().queryWords());
      }

      @Override
      public void findSimilar(GalleryItem item) {
        model.detail().close();
        model.queryBar().findSimilar(item.id(), item.fileName());
      }
    });
    detail = new DetailView(model.detail(), thumbnails, model.decoder());
    jobs = new JobsView(model.jobs());
    sidePanel = new SidePanelView(model.sidePanel(), model.queryBar());
    chat = new ChatPaneView(model.chat(), thumbnails, model::toggleChat);
    drops = new DropTargets(model.drop(), queryBar.root(), dropOverlay, dropMessage);
    settings = new SettingsWindow(model);
    assemble();
    bind();
  }

  private final javafx.collections.ObservableList<String> tagNames = javafx.collections.FXCollections.observableArrayList();

  private void assemble() {
    queryBarHolder.getChildren().add(queryBar.root());
    sideHolder.getChildren().add(sidePanel.root());
    centerHolder.getChildren().addAll(gallery.root(), detail.root());
    chatHolder.getChildren().add(chat.root());
    jobsPanelHolder.getChildren().add(jobs.panel());
    jobsHolder.getChildren().add(jobs.statusSegment());
    NotificationsView notifications = new NotificationsView(model.notices());
    notificationsHolder.getChildren().add(notifications.root());
    StackPane.setAlignment(notifications.root(), Pos.BOTTOM_RIGHT);
    notificationsHolder.setPickOnBounds(false);
    // Notices stay over the gallery: never over the chat pane's input when it is shown.
    Runnable placeNotices = () -> StackPane.setMargin(notifications.root(), new javafx.geometry.Insets(0,
        16 + (split.getItems().contains(chatHolder) ? chatHolder.getWidth() : 0), 48, 0));
    chatHolder.widthProperty().addListener(o -> placeNotices.run());
    split.getItems().addListener((javafx.collections.ListChangeListener<javafx.scene.Node>) c -> placeNotices.run());
    placeNotices.run();
    SplitPane.setResizableWithParent(sideHolder, false);
    SplitPane.setResizableWithParent(chatHolder, false);
  }

  private void bind() {
    banner.textProperty().bind(model.bannerProperty());
    banner.visibleProperty().bind(model.bannerProperty().isNotEmpty());
    banner.managedProperty().bind(banner.visibleProperty());
    statusLibrary.textProperty().bind(model.libraryProperty().map(l -> "Library: " + shortPath(l)));
    statusLibrary.setTooltip(new javafx.scene.control.Tooltip());
    statusLibrary.getTooltip().textProperty().bind(model.libraryProperty());
    statusCount.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
        model.stateProperty().get() == ShellViewModel.State.OPENING ? "Opening…"
            : model.stateProperty().get() == ShellViewModel.State.FAILED ? "Not open" : model.imageCountProperty().get(),
        model.stateProperty(), model.imageCountProperty()));
    statusIndex.textProperty().bind(model.index().textProperty());
    statusIndex.setTooltip(new javafx.scene.control.Tooltip());
    statusIndex.getTooltip().textProperty().bind(model.index().detailProperty());
    model.index().stateProperty().addListener((o, was, now) ->
        statusIndex.pseudoClassStateChanged(UNREACHABLE, now == IndexStatus.State.UNREACHABLE));
    statusModels.textProperty().bind(model.modelsTextProperty());
    statusCaptions.textProperty().bind(model.captionsTextProperty());
    ToggleGroup themes = new ToggleGroup();
    lightItem.setToggleGroup(themes);
    darkItem.setToggleGroup(themes);
    model.themeProperty().addListener((o, was, now) -> applyTheme(now));
    model.sidePanelVisibleProperty().addListener((o, was, now) -> layoutPanes());
    model.chatVisibleProperty().addListener((o, was, now) -> layoutPanes());
    // Followed, not bound: a check menu item sets its own state when clicked or its accelerator is pressed.
    follow(sidePanelItem, model.sidePanelVisibleProperty());
    follow(chatItem, model.chatVisibleProperty());
    activityItem.setSelected(false);
    model.detail().stateProperty().addListener((o, was, now) -> {
      if (now == dev.imagerag.ui.detail.DetailViewModel.State.HIDDEN) {
        gallery.focus();
      }
    });
  }

  private static String shortPath(String path) {
    String home = System.getProperty("user.home");
    return home != null && path.startsWith(home) ? "~" + path.substring(home.length()) : path;
  }

  // ---- the stage ------------------------------------------------------------------------------

  /** Puts the window on {@code target} with the remembered size, theme and view, and shows it. */
  public void show(Stage target, Runnable exit) {
    this.stage = target;
    this.onExit = exit;
    WindowState saved = WindowState.load(preferences);
    panes = new PaneLayout(split, sideHolder, centerHolder, chatHolder, saved.sideDivider(), saved.chatDivider());
    model.setTheme("dark".equals(saved.theme()) ? ShellViewModel.Theme.DARK : ShellViewModel.Theme.LIGHT);
    applyTheme(model.themeProperty().get());
    model.gallery().setThumbnailSize(saved.thumbnailSize());
    try {
      model.gallery().sortBy(GalleryViewModel.Sort.valueOf(saved.sort()));
      model.queryBar().modeProperty().set(dev.imagerag.domain.SearchMode.valueOf(saved.mode()));
    } catch (IllegalArgumentException unknown) {
      // a value from another version: keep the default
    }
    model.setSidePanelVisible(saved.sidePanel());
    model.setChatVisible(saved.chatPane());
    if (!saved.folder().isEmpty()) {
      model.sidePanel().selectFolder(saved.folder()); // applies once the library is open
    }
    layoutPanes();
    Scene scene = new Scene(root, saved.width(), saved.height());
    scene.getStylesheets().add(ShellView.class.getResource(STYLESHEET).toExternalForm());
    scene.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
    drops.install(scene);
    target.setScene(scene);
    target.setTitle("Image RAG");
    target.setMinWidth(720);
    target.setMinHeight(480);
    if (!Double.isNaN(saved.x()) && onSomeScreen(saved)) {
      target.setX(saved.x());
      target.setY(saved.y());
    }
    target.setMaximized(saved.maximized());
    target.setOnCloseRequest(e -> {
      e.consume();
      quit();
    });
    model.libraryProperty().addListener((o, was, now) -> target.setTitle("Image RAG — " + shortPath(now)));
    target.show();
    gallery.focus();
    javafx.application.Platform.runLater(panes::ready); // a split pane takes positions once it has a size
  }

  private static boolean onSomeScreen(WindowState s) {
    return javafx.stage.Screen.getScreensForRectangle(s.x(), s.y(), Math.max(1, s.width()), Math.max(1, s.height()))
        .size() > 0;
  }

  /** The current state of the window, for saving. */
  public WindowState state() {
    double sideDivider = panes == null ? WindowState.DEFAULTS.sideDivider() : panes.sideDivider();
    double chatDivider = panes == null ? WindowState.DEFAULTS.chatDivider() : panes.chatDivider();
    Window window = stage;
    String folder = model.sidePanel().folderProperty().get();
    return new WindowState(window == null ? Double.NaN : window.getX(), window == null ? Double.NaN : window.getY(),
        root.getScene() == null ? 1280 : root.getScene().getWidth(),
        root.getScene() == null ? 820 : root.getScene().getHeight(),
        stage != null && stage.isMaximized(), sideDivider, chatDivider,
        model.themeProperty().get() == ShellViewModel.Theme.DARK ? "dark" : "light",
        model.gallery().thumbnailSizeProperty().get(),
        model.gallery().isShowingResults() ? "DATE_NEWEST" : model.gallery().sortProperty().get().name(),
        model.queryBar().modeProperty().get().name(), folder == null ? "" : folder,
        model.sidePanelVisibleProperty().get(), model.chatVisibleProperty().get());
  }

  private void applyTheme(ShellViewModel.Theme theme) {
    Application.setUserAgentStylesheet(theme == ShellViewModel.Theme.DARK
        ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    root.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("dark"), theme == ShellViewModel.Theme.DARK);
    (theme == ShellViewModel.Theme.DARK ? darkItem : lightItem).setSelected(true);
  }

  private void layoutPanes() {
    if (panes == null) {
      return;
    }
    panes.show(model.sidePanelVisibleProperty().get(), model.chatVisibleProperty().get());
  }

  // ---- keys, paste ----------------------------------------------------------------------------

  private void key(KeyEvent e) {
    boolean detailOpen = model.detail().stateProperty().get() != dev.imagerag.ui.detail.DetailViewModel.State.HIDDEN;
    if (detailOpen) {
      boolean history = e.isAltDown() && (e.getCode() == KeyCode.LEFT || e.getCode() == KeyCode.RIGHT);
      if (e.getCode() == KeyCode.ESCAPE || history
          || !(e.getTarget() instanceof javafx.scene.control.TextInputControl)) {
        detail.key(e);
      }
      return;
    }
    if (e.getCode() == KeyCode.ESCAPE) {
      if (model.gallery().isShowingResults() || !model.queryBar().textProperty().get().isEmpty()) {
        model.queryBar().clear();
        e.consume();
      }
    }
  }

  private boolean paste() {
    javafx.scene.input.Clipboard clipboard = javafx.scene.input.Clipboard.getSystemClipboard();
    if (!clipboard.hasImage() && !clipboard.hasFiles()) {
      return false;
    }
    DropPlan.Dragged pasted = new DropPlan.Dragged(clipboard.hasFiles() ? paths(clipboard.getFiles()) : List.of(),
        null, clipboard.hasImage());
    return model.drop().drop(pasted, true, () -> DropTargets.png(clipboard.getImage()));
  }

  static List<java.nio.file.Path> paths(List<File> files) {
    return files.stream().map(File::toPath).toList();
  }

  // ---- menu commands --------------------------------------------------------------------------

  @FXML
  void importFolder() {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle("Import a folder (with everything in it)");
    File folder = chooser.showDialog(stage);
    if (folder != null) {
      model.drop().importFiles(List.of(folder.toPath()));
    }
  }

  @FXML
  void importFiles() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Import images");
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Images",
        "*.jpg", "*.jpeg", "*.png", "*.gif", "*.bmp", "*.webp", "*.tif", "*.tiff"));
    List<File> files = chooser.showOpenMultipleDialog(stage);
    if (files != null) {
      model.drop().importFiles(paths(files));
    }
  }

  private static void follow(CheckMenuItem item, javafx.beans.value.ObservableValue<Boolean> shown) {
    item.setSelected(shown.getValue());
    shown.addListener((o, was, now) -> item.setSelected(now));
  }

  @FXML
  public void openSettings() {
    settings.show(stage);
  }

  @FXML
  void quit() {
    if (!model.closeNeedsConfirmation()) {
      exit(true);
      return;
    }
    javafx.scene.control.ButtonType finish = new javafx.scene.control.ButtonType("Finish, then quit");
    javafx.scene.control.ButtonType stop = new javafx.scene.control.ButtonType("Stop and quit");
    javafx.scene.control.Alert ask = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
        "Images are still being imported or processed. Stopping keeps everything done so far, and the processing "
            + "of imported images continues the next time Image RAG starts; files an import had not reached yet "
            + "are added when you import their folder again.", finish, stop, javafx.scene.control.ButtonType.CANCEL);
    ask.setHeaderText("Background work is running");
    ask.initOwner(stage);
    ask.showAndWait().ifPresent(choice -> {
      if (choice == finish) {
        exit(true);
      } else if (choice == stop) {
        exit(false);
      }
    });
  }

  private void exit(boolean finishFirst) {
    state().save(preferences);
    model.shutdown(finishFirst, onExit);
  }

  @FXML
  void focusSearch() {
    model.detail().close();
    queryBar.focusSearch();
  }

  @FXML
  void selectAll() {
    model.gallery().selection().selectAll();
  }

  @FXML
  void removeSelected() {
    model.gallery().removeSelected();
  }

  @FXML
  void lightTheme() {
    model.setTheme(ShellViewModel.Theme.LIGHT);
  }

  @FXML
  void darkTheme() {
    model.setTheme(ShellViewModel.Theme.DARK);
  }

  @FXML
  void largerThumbnails() {
    model.gallery().setThumbnailSize(model.gallery().thumbnailSizeProperty().get() + 32);
  }

  @FXML
  void smallerThumbnails() {
    model.gallery().setThumbnailSize(model.gallery().thumbnailSizeProperty().get() - 32);
  }

  @FXML
  void toggleSidePanel() {
    model.toggleSidePanel();
  }

  @FXML
  void toggleChat() {
    model.toggleChat();
  }

  @FXML
  void toggleActivity() {
    jobs.togglePanel();
  }

  // ---- for tests and the application ----------------------------------------------------------

  public Parent root() {
    return root;
  }

  public GalleryView gallery() {
    return gallery;
  }

  public QueryBarView queryBar() {
    return queryBar;
  }

  /** The open settings window, or null. */
  public Stage settingsStage() {
    return settings.stage();
  }

  public void close() {
    detail.close();
  }

}
