package dev.imagerag.ui.shell;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** The main window's content; binds to {@link ShellViewModel} and holds no logic. */
public final class ShellView {
  private final VBox root = new VBox(12);

  public ShellView(ShellViewModel model) {
    Label title = new Label("Image RAG");
    title.setId("title");
    title.setStyle("-fx-font-size: 28px; -fx-font-weight: bold;");
    Label library = new Label();
    library.setId("library");
    library.textProperty().bind(model.libraryProperty().map(l -> "Library: " + l));
    Label message = new Label();
    message.setId("message");
    message.setWrapText(true);
    message.textProperty().bind(model.messageProperty());
    root.getChildren().addAll(title, library, message);
    root.setAlignment(Pos.CENTER);
    root.setPadding(new Insets(32));
  }

  public Parent root() {
    return root;
  }
}
