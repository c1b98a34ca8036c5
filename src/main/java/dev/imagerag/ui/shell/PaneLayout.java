package dev.imagerag.ui.shell;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;

/**
 * The main split: side panel, centre and chat pane, the outer two can be hidden. Remembers where
 * the user put each divider, so hiding and showing a pane (or restarting) keeps its width.
 */
final class PaneLayout {
  private final SplitPane split;
  private final Node side;
  private final Node center;
  private final Node chat;
  private double sideDivider;
  private double chatDivider;
  private boolean ready;

  PaneLayout(SplitPane split, Node side, Node center, Node chat, double sideDivider, double chatDivider) {
    this.split = split;
    this.side = side;
    this.center = center;
    this.chat = chat;
    this.sideDivider = sideDivider;
    this.chatDivider = chatDivider;
  }

  /** Shows the panes asked for, with their remembered widths. */
  void show(boolean sidePanel, boolean chatPane) {
    remember();
    List<Node> items = new ArrayList<>();
    if (sidePanel) {
      items.add(side);
    }
    items.add(center);
    if (chatPane) {
      items.add(chat);
    }
    split.getItems().setAll(items);
    apply();
  }

  /** The split has its size now: positions set from here on stick, and are remembered. */
  void ready() {
    apply();
    ready = true;
  }

  double sideDivider() {
    remember();
    return sideDivider;
  }

  double chatDivider() {
    remember();
    return chatDivider;
  }

  private void apply() {
    List<Node> items = split.getItems();
    if (items.size() == 3) {
      split.setDividerPositions(sideDivider, chatDivider);
    } else if (items.size() == 2) {
      split.setDividerPositions(items.get(0) == side ? sideDivider : chatDivider);
    }
  }

  private void remember() {
    if (!ready) {
      return;
    }
    double[] positions = split.getDividerPositions();
    List<Node> items = split.getItems();
    for (int i = 0; i < positions.length; i++) {
      if (items.get(i) == side) {
        sideDivider = positions[i];
      } else if (items.get(i + 1) == chat) {
        chatDivider = positions[i];
      }
    }
  }
}
