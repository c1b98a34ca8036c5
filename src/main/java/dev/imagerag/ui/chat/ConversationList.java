package dev.imagerag.ui.chat;

import dev.imagerag.logic.chat.ConversationStore;
import dev.imagerag.logic.chat.ConversationSummary;
import dev.imagerag.ui.common.Problems;
import dev.imagerag.ui.common.UiTasks;
import java.util.function.LongConsumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The library's stored conversations, most recently used first, which the user can rename and
 * delete. The store is asked off the UI thread. UI thread only.
 */
public final class ConversationList {
  static final int LISTED = 50;
  static final int MAX_TITLE = 200;

  private final UiTasks tasks;
  private final LibraryChat services;
  private final LongConsumer deleted;
  private final ObservableList<ConversationSummary> items = FXCollections.observableArrayList();
  // Kept: a read-only view listens to its list weakly, so a fresh one per call would lose listeners.
  private final ObservableList<ConversationSummary> itemsView = FXCollections.unmodifiableObservableList(items);
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");

  /** @param deleted hears the id of each conversation deleted (the pane may be showing it) */
  ConversationList(UiTasks tasks, LibraryChat services, LongConsumer deleted) {
    this.tasks = tasks;
    this.services = services;
    this.deleted = deleted;
  }

  void refresh() {
    tasks.run(() -> services.current().conversations().list(LISTED), items::setAll, failure -> { });
  }

  /** Gives the conversation a new title; a blank one is refused with the reason. */
  public void rename(ConversationSummary summary, String title) {
    String wanted = title == null ? "" : title.strip().replaceAll("\\s+", " ");
    if (wanted.isEmpty()) {
      problem.set("A conversation needs a title.");
      return;
    }
    String fitted = wanted.length() > MAX_TITLE ? wanted.substring(0, MAX_TITLE - 1) + "…" : wanted;
    change(summary, store -> store.rename(summary.id(), fitted), () -> { });
  }

  /** Deletes the conversation and its turns. */
  public void delete(ConversationSummary summary) {
    change(summary, store -> store.delete(summary.id()), () -> deleted.accept(summary.id()));
  }

  private void change(ConversationSummary summary, java.util.function.Predicate<ConversationStore> action,
      Runnable after) {
    problem.set("");
    tasks.run(() -> {
      ConversationStore store = services.current().conversations();
      if (!store.writable()) {
        throw new IllegalStateException("another Image RAG process is writing this library; conversations can be "
            + "changed once it closes");
      }
      return action.test(store);
    }, found -> {
      if (!found) {
        problem.set("The conversation \"" + summary.title() + "\" no longer exists.");
      }
      after.run();
      refresh();
    }, failure -> problem.set("Could not change \"" + summary.title() + "\": " + Problems.message(failure)));
  }

  /** Most recently used first. */
  public ObservableList<ConversationSummary> items() {
    return itemsView;
  }

  /** Why the last rename or delete did not happen, or empty. */
  public ReadOnlyStringProperty problemProperty() {
    return problem.getReadOnlyProperty();
  }
}
