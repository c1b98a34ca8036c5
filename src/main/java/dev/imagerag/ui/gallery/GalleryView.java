package dev.imagerag.ui.gallery;

import java.util.List;
import java.util.function.Consumer;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import impl.org.controlsfx.skin.GridViewSkin;
import org.controlsfx.control.GridView;

/**
 * The gallery: a virtualized grid of thumbnails (only the visible rows exist as nodes), a
 * toolbar with the count, the order and the thumbnail size, and the empty state. Mouse and keys
 * are forwarded to {@link GalleryViewModel} and its selection.
 */
public final class GalleryView {
  static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected-tile");
  static final PseudoClass FOCUSED_TILE = PseudoClass.getPseudoClass("focused-tile");
  private static final double NAME_HEIGHT = 22;

  /** What the gallery asks of the rest of the window. */
  public interface Actions {
    void openDetail(GalleryItem item);

    void findSimilar(GalleryItem item);
  }

  private final GalleryViewModel model;
  private final Actions actions;
  private final GridView<GalleryItem> grid;
  private final BorderPane root = new BorderPane();

  public GalleryView(GalleryViewModel model, ThumbnailCache thumbnails, Actions actions) {
    this.model = model;
    this.actions = actions;
    grid = new GridView<>(model.items());
    grid.setId("gallery");
    grid.getStyleClass().add("gallery");
    grid.setHorizontalCellSpacing(6);
    grid.setVerticalCellSpacing(6);
    grid.setCellFactory(g -> new GalleryCell(model, thumbnails));
    grid.cellWidthProperty().bind(model.thumbnailSizeProperty());
    grid.cellHeightProperty().bind(model.thumbnailSizeProperty().add(NAME_HEIGHT + 4));
    grid.setFocusTraversable(true);
    grid.addEventFilter(MouseEvent.MOUSE_PRESSED, this::pressed);
    grid.addEventHandler(MouseEvent.MOUSE_CLICKED, this::clicked);
    grid.addEventHandler(KeyEvent.KEY_PRESSED, this::key);
    model.selection().focusProperty().addListener((o, was, now) -> reveal(now.intValue()));
    // Every row has the same height: telling the flow spares it measuring rows as it scrolls
    // (JavaFX keeps improving its size estimate otherwise, which costs more with more rows).
    grid.skinProperty().addListener((o, was, now) -> {
      VirtualFlow<?> flow = flow();
      if (flow != null) {
        flow.fixedCellSizeProperty().bind(grid.cellHeightProperty().add(grid.verticalCellSpacingProperty().multiply(2)));
      }
    });

    StackPane center = new StackPane(grid, emptyState());
    root.setTop(toolbar());
    root.setCenter(center);
  }

  private Parent toolbar() {
    Label count = new Label();
    count.setId("galleryCount");
    count.textProperty().bind(model.countTextProperty());
    count.getStyleClass().add("muted");
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    ComboBox<GalleryViewModel.Sort> sort = new ComboBox<>(model.sortChoices());
    sort.setId("sort");
    sort.setConverter(new StringConverter<>() {
      @Override
      public String toString(GalleryViewModel.Sort s) {
        return s == null ? "" : s.label();
      }

      @Override
      public GalleryViewModel.Sort fromString(String text) {
        return null;
      }
    });
    sort.setValue(model.sortProperty().get());
    model.sortProperty().addListener((o, was, now) -> sort.setValue(now));
    model.sortChoices().addListener((javafx.collections.ListChangeListener<GalleryViewModel.Sort>) c ->
        sort.setValue(model.sortProperty().get()));
    sort.valueProperty().addListener((o, was, now) -> {
      if (now == null) { // new choices cleared the selection: show the model's order again
        javafx.application.Platform.runLater(() -> sort.setValue(model.sortProperty().get()));
      } else {
        model.sortBy(now);
      }
    });
    sort.setFocusTraversable(false);
    Slider size = new Slider(GalleryViewModel.MIN_THUMBNAIL, GalleryViewModel.MAX_THUMBNAIL, model.thumbnailSizeProperty().get());
    size.setId("thumbnailSize");
    size.setPrefWidth(120);
    size.setFocusTraversable(false);
    size.valueProperty().addListener((o, was, now) -> model.setThumbnailSize(now.intValue()));
    model.thumbnailSizeProperty().addListener((o, was, now) -> size.setValue(now.doubleValue()));
    Label small = new Label("▪");
    Label large = new Label("■");
    small.getStyleClass().add("muted");
    large.getStyleClass().add("muted");
    HBox bar = new HBox(10, count, spacer, new Label("Sort"), sort, small, size, large);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.getStyleClass().add("gallery-toolbar");
    return bar;
  }

  private Parent emptyState() {
    Label title = new Label();
    title.setId("emptyTitle");
    title.textProperty().bind(model.emptyTitleProperty());
    title.getStyleClass().add("empty-title");
    Label hint = new Label();
    hint.setId("emptyHint");
    hint.textProperty().bind(model.emptyHintProperty());
    hint.setWrapText(true);
    hint.getStyleClass().add("empty-hint");
    Label icon = new Label("⤓");
    icon.getStyleClass().add("empty-icon");
    VBox box = new VBox(10, icon, title, hint);
    box.setAlignment(Pos.CENTER);
    box.setMaxWidth(460);
    box.getStyleClass().add("empty-state");
    box.setMouseTransparent(true);
    box.visibleProperty().bind(model.stateProperty().isEqualTo(GalleryViewModel.State.EMPTY_LIBRARY)
        .or(model.stateProperty().isEqualTo(GalleryViewModel.State.NO_MATCHES))
        .or(model.stateProperty().isEqualTo(GalleryViewModel.State.NO_RESULTS)));
    icon.visibleProperty().bind(model.stateProperty().isEqualTo(GalleryViewModel.State.EMPTY_LIBRARY));
    icon.managedProperty().bind(icon.visibleProperty());
    return box;
  }

  // ---- mouse and keys -----------------------------------------------------------------------

  private void pressed(MouseEvent e) {
    grid.requestFocus();
    GalleryCell cell = cellOf(e);
    if (cell == null || cell.getItem() == null) {
      if (e.getButton() == MouseButton.PRIMARY && !e.isShortcutDown() && !e.isShiftDown()) {
        model.selection().clear();
      }
      return;
    }
    boolean secondary = e.getButton() == MouseButton.SECONDARY;
    if (secondary && model.selection().isSelected(cell.getItem().id())) {
      return; // right-click on the selection keeps it
    }
    model.selection().click(cell.getIndex(), e.isShortcutDown(), e.isShiftDown());
  }

  private void clicked(MouseEvent e) {
    GalleryCell cell = cellOf(e);
    if (cell == null || cell.getItem() == null) {
      return;
    }
    if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
      actions.openDetail(cell.getItem());
    } else if (e.getButton() == MouseButton.SECONDARY) {
      contextMenu(cell.getItem()).show(cell, e.getScreenX(), e.getScreenY());
    }
  }

  private static GalleryCell cellOf(MouseEvent e) {
    javafx.scene.Node node = e.getPickResult().getIntersectedNode();
    while (node != null && !(node instanceof GalleryCell)) {
      node = node.getParent();
    }
    return (GalleryCell) node;
  }

  ContextMenu contextMenu(GalleryItem item) {
    List<GalleryItem> chosen = model.selection().isSelected(item.id()) ? model.selection().selectedItems() : List.of(item);
    String many = chosen.size() > 1 ? " (" + chosen.size() + ")" : "";
    MenuItem open = item("Open", e -> model.open(item));
    MenuItem folder = item("Show in folder", e -> model.showInFolder(item));
    MenuItem similar = item("Find similar", e -> actions.findSimilar(item));
    MenuItem copy = item("Copy OCR text", e -> model.copyOcrText(item));
    MenuItem details = item("Details", e -> actions.openDetail(item));
    MenuItem reprocess = item("Reprocess" + many, e -> model.reprocess(chosen));
    MenuItem remove = item("Remove from library" + many, e -> model.remove(chosen));
    remove.getStyleClass().add("danger");
    ContextMenu menu = new ContextMenu(open, details, folder, similar, copy, new SeparatorMenuItem(), reprocess, remove);
    menu.setId("galleryMenu");
    return menu;
  }

  private static MenuItem item(String text, Consumer<javafx.event.ActionEvent> action) {
    MenuItem item = new MenuItem(text);
    item.setOnAction(action::accept);
    return item;
  }

  private void key(KeyEvent e) {
    int columns = columns();
    boolean extend = e.isShiftDown();
    GallerySelection selection = model.selection();
    switch (e.getCode()) {
      case LEFT -> selection.move(-1, extend);
      case RIGHT -> selection.move(1, extend);
      case UP -> selection.move(-columns, extend);
      case DOWN -> selection.move(columns, extend);
      case PAGE_UP -> selection.move(-columns * visibleRows(), extend);
      case PAGE_DOWN -> selection.move(columns * visibleRows(), extend);
      case HOME -> selection.move(-Integer.MAX_VALUE / 2, extend);
      case END -> selection.move(Integer.MAX_VALUE / 2, extend);
      case ENTER -> {
        GalleryItem focused = selection.focusedItem();
        if (focused != null) {
          actions.openDetail(focused);
        }
      }
      case DELETE, BACK_SPACE -> model.removeSelected();
      case A -> {
        if (!e.isShortcutDown()) {
          return;
        }
        selection.selectAll();
      }
      case CONTEXT_MENU -> {
        GalleryItem focused = selection.focusedItem();
        if (focused != null) {
          contextMenu(focused).show(grid, javafx.geometry.Side.TOP, 40, 40);
        }
      }
      default -> {
        return;
      }
    }
    e.consume();
  }

  /** Tiles per row, as the grid lays them out now. */
  public int columns() {
    if (grid.getSkin() instanceof GridViewSkin<?> skin) {
      return Math.max(1, skin.computeMaxCellsInRow());
    }
    return 1;
  }

  private int visibleRows() {
    double rowHeight = grid.getCellHeight() + grid.getVerticalCellSpacing() * 2;
    return Math.max(1, (int) (grid.getHeight() / rowHeight));
  }

  private void reveal(int index) {
    VirtualFlow<?> flow = flow();
    if (index >= 0 && flow != null) {
      flow.scrollTo(index / columns());
    }
  }

  /** The grid's virtual flow (for scrolling), once it is skinned. */
  public VirtualFlow<?> flow() {
    return grid.lookup(".virtual-flow") instanceof VirtualFlow<?> flow ? flow : null;
  }

  public GridView<GalleryItem> grid() {
    return grid;
  }

  public Parent root() {
    return root;
  }

  /** Moves keyboard focus to the grid (after closing the detail view, say). */
  public void focus() {
    grid.requestFocus();
  }
}
