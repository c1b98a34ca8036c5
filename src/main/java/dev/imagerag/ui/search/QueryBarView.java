package dev.imagerag.ui.search;

import atlantafx.base.controls.CustomTextField;
import dev.imagerag.domain.ImageFormat;
import dev.imagerag.domain.SearchMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The query bar: mode selector, search field (with clear button), the example image or "similar
 * to" chip, filter chips and the "+ Filter" menu, and what the last search said. Binds and
 * forwards; pasting an image into the field is handed to {@code paste}.
 */
public final class QueryBarView {
  private final QueryBarViewModel model;
  private final VBox root = new VBox(6);
  private final CustomTextField field = new CustomTextField();
  private final FlowPane chipPane = new FlowPane(6, 6);

  /**
   * @param folders the library's folders (for the folder filter)
   * @param tags the most used tags (for the tag filter)
   * @param paste handles Ctrl+V when the clipboard holds an image; returns true when it took it
   */
  public QueryBarView(QueryBarViewModel model, ObservableList<String> folders, ObservableList<String> tags,
      Supplier<Boolean> paste) {
    this.model = model;
    root.setId("queryBar");
    root.getStyleClass().add("query-bar");

    ComboBox<SearchMode> mode = new ComboBox<>();
    mode.getItems().setAll(SearchMode.values());
    mode.setId("mode");
    mode.setConverter(new StringConverter<>() {
      @Override
      public String toString(SearchMode m) {
        return m == null ? "" : m.id().substring(0, 1).toUpperCase(Locale.ROOT) + m.id().substring(1);
      }

      @Override
      public SearchMode fromString(String s) {
        return null;
      }
    });
    mode.valueProperty().bindBidirectional(model.modeProperty());
    mode.setTooltip(new Tooltip("Hybrid: everything · Visual: what images show · Text: meaning of their text · "
        + "Keyword: exact words"));
    mode.setFocusTraversable(false);

    field.setId("search");
    field.setPromptText("Search your images — words, “a dog on a beach”, or drop an image here   (Ctrl+F)");
    field.textProperty().bindBidirectional(model.textProperty());
    Label glass = new Label("⌕");
    glass.getStyleClass().add("search-icon");
    field.setLeft(glass);
    Button clear = new Button("✕");
    clear.setId("clearSearch");
    clear.getStyleClass().addAll("flat", "small", "clear-button");
    clear.setFocusTraversable(false);
    clear.setOnAction(e -> {
      model.clear();
      field.requestFocus();
    });
    clear.visibleProperty().bind(model.textProperty().isNotEmpty().or(model.imageProperty().isNotNull())
        .or(model.similarToProperty().isNotNull()));
    field.setRight(clear);
    field.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
      if (e.getCode() == KeyCode.ENTER) {
        model.searchNow();
        e.consume();
      } else if (e.getCode() == KeyCode.ESCAPE && (!field.getText().isEmpty() || model.imageProperty().get() != null
          || model.similarToProperty().get() != null)) {
        model.clear();
        e.consume();
      } else if (e.getCode() == KeyCode.V && e.isShortcutDown() && paste.get()) {
        e.consume();
      }
    });
    HBox.setHgrow(field, Priority.ALWAYS);

    MenuButton addFilter = filterMenu(folders, tags);
    Label message = new Label();
    message.setId("searchMessage");
    message.textProperty().bind(model.messageProperty());
    message.getStyleClass().add("muted");
    message.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    message.setMaxWidth(460);
    message.setTooltip(new Tooltip());
    message.getTooltip().textProperty().bind(model.messageProperty());
    message.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("failed"), false);
    model.stateProperty().addListener((o, was, now) -> message.pseudoClassStateChanged(
        javafx.css.PseudoClass.getPseudoClass("failed"), now == QueryBarViewModel.State.FAILED));

    HBox row = new HBox(8, mode, field, addFilter);
    row.setAlignment(Pos.CENTER_LEFT);
    chipPane.setId("chips");
    chipPane.getStyleClass().add("chips");
    chipPane.setAlignment(Pos.CENTER_LEFT);
    HBox below = new HBox(10, chipPane, message);
    HBox.setHgrow(chipPane, Priority.ALWAYS);
    below.setAlignment(Pos.CENTER_LEFT);
    below.managedProperty().bind(Bindings.isNotEmpty(chipPane.getChildren()).or(model.messageProperty().isNotEmpty()));
    below.visibleProperty().bind(below.managedProperty());
    root.getChildren().addAll(row, below);

    model.chips().addListener((ListChangeListener<FilterChip>) c -> chips());
    model.imageProperty().addListener((o, was, now) -> chips());
    model.similarToProperty().addListener((o, was, now) -> chips());
    chips();
  }

  private void chips() {
    chipPane.getChildren().clear();
    Path image = model.imageProperty().get();
    if (image != null) {
      chipPane.getChildren().add(chip("image: " + image.getFileName(), "chip-image", model::removeImage));
    }
    QueryBarViewModel.SimilarTo similar = model.similarToProperty().get();
    if (similar != null) {
      chipPane.getChildren().add(chip("similar to " + similar.name(), "chip-image", model::clear));
    }
    for (FilterChip chip : model.chips()) {
      chipPane.getChildren().add(chip(chip.label(), "chip-" + chip.kind().name().toLowerCase(Locale.ROOT),
          () -> model.removeChip(chip)));
    }
  }

  private static Node chip(String text, String style, Runnable remove) {
    Label label = new Label(text);
    Button x = new Button("✕");
    x.getStyleClass().addAll("flat", "chip-remove");
    x.setFocusTraversable(false);
    x.setOnAction(e -> remove.run());
    x.setTooltip(new Tooltip("Remove this filter"));
    HBox chip = new HBox(2, label, x);
    chip.setAlignment(Pos.CENTER_LEFT);
    chip.getStyleClass().addAll("chip", style);
    return chip;
  }

  private MenuButton filterMenu(ObservableList<String> folders, ObservableList<String> tags) {
    MenuButton menu = new MenuButton("+ Filter");
    menu.setId("addFilter");
    menu.setFocusTraversable(false);
    Menu folder = new Menu("Folder");
    Menu tag = new Menu("Tag");
    Menu format = new Menu("Format");
    for (ImageFormat f : ImageFormat.values()) {
      if (f.supported()) {
        MenuItem item = new MenuItem(f.id().toUpperCase(Locale.ROOT));
        item.setOnAction(e -> model.addChip(FilterChip.format(f.id())));
        format.getItems().add(item);
      }
    }
    MenuItem hasText = new MenuItem("Has text");
    hasText.setOnAction(e -> model.addChip(FilterChip.hasText(true)));
    MenuItem noText = new MenuItem("Has no text");
    noText.setOnAction(e -> model.addChip(FilterChip.hasText(false)));
    menu.getItems().addAll(folder, tag, format, dateRange(), new SeparatorMenuItem(), hasText, noText);
    menu.setOnShowing(e -> {
      folder.getItems().setAll(items(folders, f -> FilterChip.folder(f), "No folders yet"));
      tag.getItems().setAll(items(tags, t -> FilterChip.tag(t), "No tags yet"));
    });
    return menu;
  }

  private List<MenuItem> items(List<String> values, java.util.function.Function<String, FilterChip> chip, String none) {
    if (values.isEmpty()) {
      MenuItem empty = new MenuItem(none);
      empty.setDisable(true);
      return List.of(empty);
    }
    return values.stream().limit(40).map(v -> {
      MenuItem item = new MenuItem(v);
      item.setOnAction(e -> model.addChip(chip.apply(v)));
      return item;
    }).toList();
  }

  private Menu dateRange() {
    DatePicker from = new DatePicker();
    DatePicker to = new DatePicker();
    from.setPromptText("From");
    to.setPromptText("To");
    Label error = new Label();
    error.getStyleClass().add("danger-text");
    Button apply = new Button("Apply");
    apply.getStyleClass().add("accent");
    VBox box = new VBox(6, new Label("Images dated"), from, to, apply, error);
    CustomMenuItem item = new CustomMenuItem(box, false);
    apply.setOnAction(e -> {
      try {
        LocalDate a = from.getValue();
        LocalDate b = to.getValue();
        model.addChip(FilterChip.dates(a, b));
        error.setText("");
        item.getParentPopup().hide();
      } catch (IllegalArgumentException invalid) {
        error.setText(invalid.getMessage());
      }
    });
    Menu menu = new Menu("Date range");
    menu.getItems().add(item);
    return menu;
  }

  /** Ctrl+F. */
  public void focusSearch() {
    field.requestFocus();
    field.selectAll();
  }

  public Parent root() {
    return root;
  }

  public Node field() {
    return field;
  }
}
