package dev.imagerag.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Point2D;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * Read-only wrapped text that can be selected with the mouse and copied (Ctrl+C, context menu),
 * with words highlighted behind it. JavaFX's text controls cannot highlight several ranges and
 * its {@link TextFlow} cannot select, so this draws both from {@link TextFlow#rangeShape}.
 */
public final class SelectableText extends Region {
  private final Text text = new Text();
  private final TextFlow flow = new TextFlow(text);
  private final Path highlights = new Path();
  private final Path selection = new Path();
  private final List<String> words = new ArrayList<>();
  private int anchor;
  private int caret;

  public SelectableText() {
    getStyleClass().add("selectable-text");
    text.getStyleClass().add("selectable-text-content");
    highlights.getStyleClass().add("text-highlight");
    selection.getStyleClass().add("text-selection");
    highlights.setManaged(false);
    selection.setManaged(false);
    highlights.setMouseTransparent(true);
    selection.setMouseTransparent(true);
    getChildren().addAll(highlights, selection, flow);
    setFocusTraversable(true);
    setCursor(javafx.scene.Cursor.TEXT);
    addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
      requestFocus();
      if (e.getButton() == MouseButton.PRIMARY) {
        int at = index(e.getX(), e.getY());
        if (e.getClickCount() >= 2) {
          selectWordAt(at);
        } else {
          anchor = at;
          caret = at;
        }
        drawSelection();
      }
    });
    addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
      caret = index(e.getX(), e.getY());
      drawSelection();
    });
    addEventHandler(KeyEvent.KEY_PRESSED, e -> {
      if (e.isShortcutDown() && e.getCode() == KeyCode.C) {
        copy();
        e.consume();
      } else if (e.isShortcutDown() && e.getCode() == KeyCode.A) {
        selectAll();
        e.consume();
      }
    });
    MenuItem copy = new MenuItem("Copy");
    copy.setOnAction(e -> copy());
    MenuItem all = new MenuItem("Select all");
    all.setOnAction(e -> selectAll());
    ContextMenu menu = new ContextMenu(copy, all);
    setOnContextMenuRequested(e -> menu.show(this, e.getScreenX(), e.getScreenY()));
    widthProperty().addListener((o, was, now) -> requestLayout());
  }

  public void setText(String value) {
    text.setText(value == null ? "" : value);
    anchor = 0;
    caret = 0;
    requestLayout();
  }

  public String getText() {
    return text.getText();
  }

  /** Highlights every occurrence of these words (case-insensitive). */
  public void setHighlights(List<String> highlighted) {
    words.clear();
    highlighted.stream().filter(w -> !w.isBlank()).map(w -> w.toLowerCase(Locale.ROOT)).forEach(words::add);
    requestLayout();
  }

  public String getSelectedText() {
    int from = Math.min(anchor, caret);
    int to = Math.max(anchor, caret);
    return text.getText().substring(Math.max(0, from), Math.min(text.getText().length(), to));
  }

  public void selectAll() {
    anchor = 0;
    caret = text.getText().length();
    drawSelection();
  }

  public void copy() {
    String chosen = getSelectedText().isEmpty() ? text.getText() : getSelectedText();
    ClipboardContent content = new ClipboardContent();
    content.putString(chosen);
    Clipboard.getSystemClipboard().setContent(content);
  }

  private void selectWordAt(int at) {
    String s = text.getText();
    int from = Math.min(at, s.length());
    int to = from;
    while (from > 0 && Character.isLetterOrDigit(s.charAt(from - 1))) {
      from--;
    }
    while (to < s.length() && Character.isLetterOrDigit(s.charAt(to))) {
      to++;
    }
    anchor = from;
    caret = to;
  }

  private int index(double x, double y) {
    Point2D local = flow.parentToLocal(x, y);
    return flow.hitTest(local).getInsertionIndex();
  }

  @Override
  protected void layoutChildren() {
    double width = getWidth() - snappedLeftInset() - snappedRightInset();
    flow.resizeRelocate(snappedLeftInset(), snappedTopInset(), width, flow.prefHeight(width));
    drawHighlights();
    drawSelection();
  }

  @Override
  protected double computePrefHeight(double width) {
    double w = width < 0 ? 300 : width - snappedLeftInset() - snappedRightInset();
    return snappedTopInset() + flow.prefHeight(w) + snappedBottomInset();
  }

  @Override
  protected double computePrefWidth(double height) {
    return 300;
  }

  private void drawHighlights() {
    List<PathElement> elements = new ArrayList<>();
    String lower = text.getText().toLowerCase(Locale.ROOT);
    for (String word : words) {
      int at = lower.indexOf(word);
      while (at >= 0) {
        elements.addAll(List.of(flow.rangeShape(at, at + word.length())));
        at = lower.indexOf(word, at + word.length());
      }
    }
    highlights.getElements().setAll(elements);
    highlights.setLayoutX(flow.getLayoutX());
    highlights.setLayoutY(flow.getLayoutY());
  }

  private void drawSelection() {
    int from = Math.min(anchor, caret);
    int to = Math.max(anchor, caret);
    selection.getElements().setAll(from == to ? new PathElement[0] : flow.rangeShape(from, to));
    selection.setLayoutX(flow.getLayoutX());
    selection.setLayoutY(flow.getLayoutY());
  }
}
