package dev.imagerag.ui.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.StackPane;
import javax.imageio.ImageIO;

/**
 * Drag and drop anywhere on the window: reads what is dragged (files, a web address, pixels),
 * shows the overlay with what a drop will do, and hands the drop to {@link DropViewModel}. Over
 * the query bar, an image is searched by instead of imported.
 */
final class DropTargets {
  private static final PseudoClass REFUSED = PseudoClass.getPseudoClass("refused");
  private static final PseudoClass SEARCH = PseudoClass.getPseudoClass("search");

  private final DropViewModel model;
  private final Node queryBar;
  private final StackPane overlay;

  DropTargets(DropViewModel model, Node queryBar, StackPane overlay, Label message) {
    this.model = model;
    this.queryBar = queryBar;
    this.overlay = overlay;
    overlay.visibleProperty().bind(model.showingProperty());
    message.textProperty().bind(model.messageProperty());
    model.acceptedProperty().addListener((o, was, now) -> overlay.pseudoClassStateChanged(REFUSED, !now));
  }

  void install(Scene scene) {
    scene.addEventFilter(DragEvent.DRAG_OVER, this::over);
    scene.addEventFilter(DragEvent.DRAG_EXITED_TARGET, e -> {
      if (e.getTarget() == scene.getRoot() || e.getTarget() == scene) {
        model.exit();
      }
    });
    scene.addEventHandler(DragEvent.DRAG_EXITED, e -> model.exit());
    scene.addEventFilter(DragEvent.DRAG_DROPPED, this::dropped);
  }

  private void over(DragEvent e) {
    boolean onQueryBar = onQueryBar(e);
    DropPlan plan = model.hover(dragged(e.getDragboard()), onQueryBar);
    overlay.pseudoClassStateChanged(SEARCH, plan.action().searches());
    queryBar.pseudoClassStateChanged(SEARCH, plan.action().searches());
    if (plan.action() != DropPlan.Action.NONE) {
      e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
    }
    e.consume();
  }

  private void dropped(DragEvent e) {
    Dragboard board = e.getDragboard();
    boolean taken = model.drop(dragged(board), onQueryBar(e), () -> board.hasImage() ? png(board.getImage()) : null);
    queryBar.pseudoClassStateChanged(SEARCH, false);
    e.setDropCompleted(taken);
    e.consume();
  }

  private boolean onQueryBar(DragEvent e) {
    Bounds bounds = queryBar.localToScene(queryBar.getBoundsInLocal());
    return bounds != null && bounds.contains(e.getSceneX(), e.getSceneY());
  }

  static DropPlan.Dragged dragged(Dragboard board) {
    List<java.nio.file.Path> files = board.hasFiles() ? ShellView.paths(board.getFiles()) : List.of();
    String url = board.hasUrl() ? board.getUrl() : board.hasString() ? board.getString() : null;
    return new DropPlan.Dragged(files, url, board.hasImage());
  }

  /** Encodes pixels offered by a drag or the clipboard as PNG; null when there are none. */
  static byte[] png(Image image) {
    if (image == null || image.isError() || image.getWidth() < 1) {
      return null;
    }
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
