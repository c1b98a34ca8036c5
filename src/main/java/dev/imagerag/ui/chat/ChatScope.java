package dev.imagerag.ui.chat;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.chat.ChatQuestion;
import dev.imagerag.logic.store.SearchFilter;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * Which images a question may draw on: those the gallery's filters let through, or, when the user
 * asks about the selection, only the selected images. UI thread only.
 */
public final class ChatScope {
  /** What the window knows of the gallery, asked when a question is sent. */
  public interface Source {
    /** No filters, no selection (a pane without a gallery). */
    Source NONE = new Source() {
      @Override
      public SearchFilter filter() {
        return SearchFilter.NONE;
      }

      @Override
      public String filterText() {
        return "";
      }

      @Override
      public List<ImageId> selected() {
        return List.of();
      }
    };

    /** The gallery's active filters. */
    SearchFilter filter();

    /** The filters in words ("tag: receipts · 2024"), or empty when none apply. */
    String filterText();

    /** The selected images, in gallery order. */
    List<ImageId> selected();
  }

  private final Source source;
  private final BooleanProperty aboutSelection = new SimpleBooleanProperty(false);
  private final ReadOnlyIntegerWrapper selectedCount = new ReadOnlyIntegerWrapper(0);
  private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");

  ChatScope(Source source) {
    this.source = Objects.requireNonNull(source, "source");
    aboutSelection.addListener((o, was, now) -> changed());
  }

  /** The filters or the selection changed: the pane says what the next question draws on. */
  public void changed() {
    int selected = source.selected().size();
    selectedCount.set(selected);
    if (selected == 0 && aboutSelection.get()) {
      aboutSelection.set(false); // calls back here
      return;
    }
    String filters = source.filterText();
    if (aboutSelection.get()) {
      text.set(selected == 1 ? "About the selected image" : "About the " + selected + " selected images");
    } else {
      text.set(filters.isBlank() ? "" : "Only images matching: " + filters);
    }
  }

  /** {@code question} limited to the selection (when asked about it) or to the gallery's filters. */
  ChatQuestion apply(ChatQuestion question) {
    List<ImageId> selected = source.selected();
    if (aboutSelection.get() && !selected.isEmpty()) {
      return question.aboutSelection(selected);
    }
    return question.withFilter(source.filter());
  }

  /** True: questions are about the selected images only. */
  public BooleanProperty aboutSelectionProperty() {
    return aboutSelection;
  }

  /** How many images the gallery has selected (the "Ask about the selected images" choice needs one). */
  public ReadOnlyIntegerProperty selectedCountProperty() {
    return selectedCount.getReadOnlyProperty();
  }

  /** "Only images matching: tag: receipts", "About the 3 selected images", or empty. */
  public ReadOnlyStringProperty textProperty() {
    return text.getReadOnlyProperty();
  }
}
