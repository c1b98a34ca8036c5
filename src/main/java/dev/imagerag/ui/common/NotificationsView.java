package dev.imagerag.ui.common;

import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Toasts in the window's lower right corner: never modal, never stealing focus. Errors offer their
 * details on request; some notices carry a button (Undo, Show errors).
 */
public final class NotificationsView {
  private final VBox root = new VBox(8);
  private final NotificationsViewModel model;

  public NotificationsView(NotificationsViewModel model) {
    this.model = model;
    root.setId("notifications");
    root.getStyleClass().add("notifications");
    root.setAlignment(Pos.BOTTOM_RIGHT);
    root.setPickOnBounds(false);
    root.setMaxWidth(420);
    root.setMaxHeight(Region.USE_PREF_SIZE);
    model.visible().addListener((ListChangeListener<NotificationsViewModel.Notice>) c -> rebuild());
  }

  private void rebuild() {
    root.getChildren().setAll(model.visible().stream().map(this::toast).toList());
  }

  private Node toast(NotificationsViewModel.Notice notice) {
    Label title = new Label(notice.title());
    title.setWrapText(true);
    title.getStyleClass().add("toast-title");
    HBox.setHgrow(title, Priority.ALWAYS);
    title.setMaxWidth(Double.MAX_VALUE);
    Button close = new Button("✕");
    close.getStyleClass().addAll("flat", "small");
    close.setFocusTraversable(false);
    close.setOnAction(e -> model.dismiss(notice));
    HBox head = new HBox(8, title);
    head.setAlignment(Pos.TOP_LEFT);
    VBox toast = new VBox(6, head);
    if (notice.hasAction()) {
      Button action = new Button(notice.actionLabel());
      action.getStyleClass().addAll("small", "accent", "toast-action");
      action.setFocusTraversable(false);
      action.setOnAction(e -> model.act(notice));
      head.getChildren().add(action);
    }
    head.getChildren().add(close);
    if (!notice.details().isBlank()) {
      boolean error = notice.level() == NotificationsViewModel.Level.ERROR;
      TextArea details = new TextArea(notice.details());
      details.setEditable(false);
      details.setWrapText(true);
      details.setPrefRowCount(4);
      details.getStyleClass().add("toast-details");
      if (error) {
        int split = notice.details().indexOf("\n\n");
        Label summary = new Label(split < 0 ? notice.details() : notice.details().substring(0, split));
        summary.setWrapText(true);
        summary.getStyleClass().add("toast-text");
        toast.getChildren().add(summary);
        Hyperlink show = new Hyperlink("Details");
        details.setVisible(false);
        details.setManaged(false);
        show.setOnAction(e -> {
          details.setVisible(!details.isVisible());
          details.setManaged(details.isVisible());
        });
        toast.getChildren().addAll(show, details);
      } else {
        Label text = new Label(notice.details());
        text.setWrapText(true);
        text.getStyleClass().add("toast-text");
        toast.getChildren().add(text);
      }
    }
    toast.getStyleClass().addAll("toast", "toast-" + notice.level().name().toLowerCase(java.util.Locale.ROOT));
    toast.setMaxWidth(420);
    return toast;
  }

  public Parent root() {
    return root;
  }
}
