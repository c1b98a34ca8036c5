package dev.imagerag.ui.common;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Non-modal notifications in the window's corner: a title, optional details shown on request,
 * optional action (Undo, Show errors). They disappear by themselves after their lifetime; at most
 * {@link #MAX_VISIBLE} are shown, the oldest giving way. UI thread only.
 */
public final class NotificationsViewModel {
  public static final int MAX_VISIBLE = 4;
  static final Duration INFO_LIFETIME = Duration.ofSeconds(6);
  static final Duration ERROR_LIFETIME = Duration.ofSeconds(20);

  /** How a notice looks. */
  public enum Level { INFO, SUCCESS, WARNING, ERROR }

  /**
   * One notice.
   *
   * @param details longer text shown when the user asks for it, or empty
   * @param actionLabel the button's text, or empty for none
   */
  public record Notice(long id, Level level, String title, String details, String actionLabel, Runnable action,
      Duration lifetime) {
    public Notice {
      Objects.requireNonNull(level, "level");
      Objects.requireNonNull(title, "title");
      details = details == null ? "" : details;
      actionLabel = actionLabel == null ? "" : actionLabel;
    }

    public boolean hasAction() {
      return !actionLabel.isEmpty() && action != null;
    }
  }

  private final UiTasks tasks;
  private final AtomicLong ids = new AtomicLong();
  private final ObservableList<Notice> visible = FXCollections.observableArrayList();
  private final ObservableList<Notice> readOnly = FXCollections.unmodifiableObservableList(visible);

  public NotificationsViewModel(UiTasks tasks) {
    this.tasks = tasks;
  }

  public ObservableList<Notice> visible() {
    return readOnly;
  }

  public Notice info(String title) {
    return show(Level.INFO, title, "", "", null, INFO_LIFETIME);
  }

  public Notice success(String title, String details) {
    return show(Level.SUCCESS, title, details, "", null, INFO_LIFETIME);
  }

  public Notice warning(String title, String details) {
    return show(Level.WARNING, title, details, "", null, ERROR_LIFETIME);
  }

  /** An error with the failure's user message as details. */
  public Notice error(String title, Throwable failure) {
    return show(Level.ERROR, title, Problems.message(failure) + "\n\n" + Problems.details(failure), "", null,
        ERROR_LIFETIME);
  }

  public Notice error(String title, String details) {
    return show(Level.ERROR, title, details, "", null, ERROR_LIFETIME);
  }

  /** A notice with a button, e.g. "Removed 3 images" + Undo. */
  public Notice withAction(Level level, String title, String actionLabel, Runnable action, Duration lifetime) {
    return show(level, title, "", actionLabel, action, lifetime);
  }

  public Notice show(Level level, String title, String details, String actionLabel, Runnable action,
      Duration lifetime) {
    Notice notice = new Notice(ids.incrementAndGet(), level, title, details, actionLabel, action, lifetime);
    visible.add(notice);
    while (visible.size() > MAX_VISIBLE) {
      visible.remove(0);
    }
    tasks.after(lifetime, () -> visible.remove(notice));
    return notice;
  }

  public void dismiss(Notice notice) {
    visible.remove(notice);
  }

  /** Runs the notice's action and dismisses it. */
  public void act(Notice notice) {
    visible.remove(notice);
    if (notice.action() != null) {
      notice.action().run();
    }
  }
}
