package dev.imagerag.ui.gallery;

import java.util.List;
import java.util.Locale;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.GridCell;

/**
 * One tile: the thumbnail (a placeholder until it is loaded), the file name, badges for
 * processing state, and for search hits the score, why it matched and "+N similar". Tiles are
 * recycled while scrolling, so every node is made once and only its text and visibility change.
 */
final class GalleryCell extends GridCell<GalleryItem> {
  private static final String[] SIGNALS = {"keyword", "visual", "text"};

  private final GalleryViewModel model;
  private final ThumbnailCache thumbnails;
  private final ImageView image = new ImageView();
  private final Region placeholder = new Region();
  private final Label name = new Label();
  private final StackPane frame = new StackPane();
  /** Made when a tile first needs them: most tiles of a library never show a badge. */
  private Badges badges;
  private final InvalidationListener restyle = o -> restyle();
  private double side = -1;

  GalleryCell(GalleryViewModel model, ThumbnailCache thumbnails) {
    this.model = model;
    this.thumbnails = thumbnails;
    getStyleClass().add("gallery-cell");
    image.setPreserveRatio(true);
    image.setSmooth(true);
    placeholder.getStyleClass().add("thumb-placeholder");
    frame.getStyleClass().add("thumb-frame");
    frame.getChildren().addAll(placeholder, image);
    name.getStyleClass().add("tile-name");
    name.setMaxWidth(Double.MAX_VALUE);
    VBox box = new VBox(4, frame, name);
    box.setAlignment(Pos.TOP_CENTER);
    setGraphic(box);
    setText(null);
    model.selection().versionProperty().addListener(new WeakInvalidationListener(restyle));
  }

  @Override
  protected void updateItem(GalleryItem item, boolean empty) {
    super.updateItem(item, empty);
    if (empty || item == null) {
      getGraphic().setVisible(false);
      image.setImage(null);
      restyle();
      return;
    }
    getGraphic().setVisible(true);
    resize(getGridView().getCellWidth());
    name.setText(item.fileName());
    badges(item);
    Image cached = thumbnails.get(item.id(), loaded -> {
      if (getItem() != null && getItem().id().equals(item.id())) {
        image.setImage(loaded);
        placeholder.setVisible(false);
      }
    });
    image.setImage(cached);
    placeholder.setVisible(cached == null);
    restyle();
  }

  private void resize(double width) {
    if (width == side) {
      return;
    }
    side = width;
    frame.setPrefSize(side, side);
    frame.setMinSize(side, side);
    frame.setMaxSize(side, side);
    image.setFitWidth(side);
    image.setFitHeight(side);
    name.setPrefWidth(side);
  }

  private void badges(GalleryItem item) {
    boolean any = item.failed() > 0 || item.unfinished() > 0 || !item.similar().isEmpty() || item.isHit();
    if (badges == null && !any) {
      return;
    }
    if (badges == null) {
      badges = new Badges();
      frame.getChildren().addAll(badges.top, badges.bottom);
    }
    badges.show(item);
  }

  /** The badges of one tile: processing state at the top right, score and reasons at the bottom left. */
  private static final class Badges {
    final Label failed = badge("!", "badge-failed");
    final Label pending = badge("…", "badge-pending");
    final Label similar = badge("", "badge-similar");
    final Label score = new Label();
    final Label[] why = new Label[SIGNALS.length];
    final HBox top = new HBox(4, failed, pending, similar);
    final HBox bottom = new HBox(3, score);

    Badges() {
      failed.setTooltip(new Tooltip());
      pending.setTooltip(new Tooltip());
      similar.setTooltip(new Tooltip());
      top.getStyleClass().add("badges");
      top.setAlignment(Pos.TOP_RIGHT);
      top.setPickOnBounds(false);
      score.getStyleClass().add("score");
      score.setMinWidth(Region.USE_PREF_SIZE);
      score.setTooltip(new Tooltip("Score: cosine similarity for visual and text search, BM25 for keyword, "
          + "reciprocal-rank fusion for hybrid"));
      for (int i = 0; i < SIGNALS.length; i++) {
        why[i] = badge(abbreviation(SIGNALS[i]), "badge-" + SIGNALS[i]);
        why[i].setTooltip(new Tooltip(whyText(SIGNALS[i])));
        bottom.getChildren().add(why[i]);
      }
      bottom.getStyleClass().add("why");
      bottom.setAlignment(Pos.BOTTOM_LEFT);
      bottom.setPickOnBounds(false);
      StackPane.setAlignment(top, Pos.TOP_RIGHT);
      StackPane.setAlignment(bottom, Pos.BOTTOM_LEFT);
    }

    void show(GalleryItem item) {
      GalleryCell.show(failed, item.failed() > 0);
      if (item.failed() > 0) {
        failed.getTooltip().setText(item.failed() + " processing step" + (item.failed() == 1 ? "" : "s")
            + " failed — open the image to see why and retry");
      }
      GalleryCell.show(pending, item.failed() == 0 && item.unfinished() > 0);
      if (item.unfinished() > 0) {
        pending.getTooltip().setText("Still being processed (" + item.unfinished() + " step"
            + (item.unfinished() == 1 ? "" : "s") + " left)");
      }
      int near = item.similar().size();
      GalleryCell.show(similar, near > 0);
      if (near > 0) {
        similar.setText("+" + near + " similar");
        similar.getTooltip().setText(near + " near-duplicate" + (near == 1 ? "" : "s") + " grouped here");
      }
      GalleryCell.show(score, item.isHit() && !Double.isNaN(item.score()));
      if (item.isHit()) {
        score.setText(String.format(Locale.ROOT, "%.3f", item.score()));
      }
      List<String> reasons = item.why();
      for (int i = 0; i < SIGNALS.length; i++) {
        GalleryCell.show(why[i], reasons.contains(SIGNALS[i]));
      }
    }
  }

  private static void show(Label label, boolean visible) {
    if (label.isVisible() != visible) {
      label.setVisible(visible);
      label.setManaged(visible);
    }
  }

  static String abbreviation(String signal) {
    return switch (signal) {
      case "keyword" -> "KW";
      case "visual" -> "VIS";
      case "text" -> "TXT";
      default -> signal.toUpperCase(Locale.ROOT);
    };
  }

  private static String whyText(String signal) {
    return switch (signal) {
      case "keyword" -> "Keyword: the words appear in its file name, folder, text, caption or tags";
      case "visual" -> "Visual: the picture looks like what you asked for";
      case "text" -> "Text: the meaning of its text or caption matches";
      default -> "Found by " + signal + " search";
    };
  }

  private static Label badge(String text, String style) {
    Label label = new Label(text);
    label.getStyleClass().addAll("badge", style);
    label.setMinWidth(Region.USE_PREF_SIZE);
    label.setVisible(false);
    label.setManaged(false);
    return label;
  }

  private void restyle() {
    GalleryItem item = getItem();
    boolean selected = item != null && model.selection().isSelected(item.id());
    pseudoClassStateChanged(GalleryView.SELECTED, selected);
    int focus = model.selection().focusProperty().get();
    pseudoClassStateChanged(GalleryView.FOCUSED_TILE, item != null && focus == getIndex());
  }
}
