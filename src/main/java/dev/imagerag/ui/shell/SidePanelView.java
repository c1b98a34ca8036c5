package dev.imagerag.ui.shell;

import dev.imagerag.ui.search.FilterChip;
import dev.imagerag.ui.search.QueryBarViewModel;
import java.nio.file.Path;
import java.util.Objects;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/** The side panel: folders of the library, its tags with counts, the active filters. Binds only. */
public final class SidePanelView {
  private final SidePanelViewModel model;
  private final QueryBarViewModel queryBar;
  private final VBox folders = new VBox(2);
  private final FlowPane tags = new FlowPane(6, 6);
  private final FlowPane filters = new FlowPane(6, 6);
  private final ScrollPane root;
  private final ToggleGroup folderGroup = new ToggleGroup();

  public SidePanelView(SidePanelViewModel model, QueryBarViewModel queryBar) {
    this.model = model;
    this.queryBar = queryBar;
    folders.setId("folders");
    tags.setId("tags");
    filters.setId("activeFilters");
    Label noTags = new Label("Tags appear as images are processed.");
    noTags.getStyleClass().add("muted");
    noTags.setWrapText(true);
    noTags.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.tags()));
    noTags.managedProperty().bind(noTags.visibleProperty());
    Button clear = new Button("Clear filters");
    clear.getStyleClass().addAll("flat", "small");
    clear.setOnAction(e -> queryBar.clearChips());
    VBox filterSection = section("Filters", filters, clear);
    filterSection.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(queryBar.chips()));
    filterSection.managedProperty().bind(filterSection.visibleProperty());
    VBox content = new VBox(18, section("Library", folders), filterSection, section("Tags", noTags, tags));
    content.getStyleClass().add("side-panel");
    root = new ScrollPane(content);
    root.setId("sidePanel");
    root.setFitToWidth(true);
    root.getStyleClass().add("side-scroll");
    model.folders().addListener((ListChangeListener<String>) c -> folders());
    model.folderProperty().addListener((o, was, now) -> selectFolderToggle());
    model.tags().addListener((ListChangeListener<SidePanelViewModel.TagCount>) c -> tags());
    queryBar.chips().addListener((ListChangeListener<FilterChip>) c -> filters());
    folders();
  }

  private static VBox section(String title, Node... content) {
    Label label = new Label(title);
    label.getStyleClass().add("section-title");
    VBox box = new VBox(8, label);
    box.getChildren().addAll(content);
    return box;
  }

  private void folders() {
    folders.getChildren().clear();
    folders.getChildren().add(folderButton("All images", null));
    for (String folder : model.folders()) {
      Path path = Path.of(folder);
      String name = path.getFileName() == null ? folder : path.getFileName().toString();
      ToggleButton button = folderButton(name, folder);
      button.setTooltip(new Tooltip(folder));
      folders.getChildren().add(button);
    }
    selectFolderToggle();
  }

  private ToggleButton folderButton(String text, String folder) {
    ToggleButton button = new ToggleButton(text);
    button.setUserData(folder);
    button.setToggleGroup(folderGroup);
    button.getStyleClass().addAll("flat", "folder-button");
    button.setMaxWidth(Double.MAX_VALUE);
    button.setAlignment(Pos.CENTER_LEFT);
    button.setOnAction(e -> {
      model.selectFolder(folder);
      selectFolderToggle();
    });
    return button;
  }

  private void selectFolderToggle() {
    String current = model.folderProperty().get();
    folderGroup.getToggles().forEach(t -> t.setSelected(Objects.equals(t.getUserData(), current)));
  }

  private void tags() {
    tags.getChildren().setAll(model.tags().stream().map(t -> {
      Button tag = new Button(t.tag());
      Label count = new Label(Long.toString(t.count()));
      count.getStyleClass().add("tag-count");
      tag.setGraphic(count);
      tag.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
      tag.getStyleClass().addAll("chip", "chip-tag", "tag-button");
      tag.setOnAction(e -> model.selectTag(t.tag()));
      return tag;
    }).toList());
  }

  private void filters() {
    filters.getChildren().setAll(queryBar.chips().stream().map(chip -> {
      Button b = new Button(chip.label() + "  ✕");
      b.getStyleClass().addAll("chip", "small");
      b.setOnAction(e -> queryBar.removeChip(chip));
      return b;
    }).toList());
  }

  public Parent root() {
    return root;
  }
}
