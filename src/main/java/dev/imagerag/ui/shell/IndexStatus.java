package dev.imagerag.ui.shell;

import dev.imagerag.logic.store.StoreInfo;
import dev.imagerag.ui.common.LibrarySession;
import dev.imagerag.ui.common.UiTasks;
import java.time.Duration;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The status bar's index segment: the embedded index, or the Qdrant server and collection with
 * whether it answers. Asked off the UI thread (a remote store retries for seconds before it gives
 * up) when a library opens, after imports, and every {@link #RECHECK} while a remote index is in
 * use. UI thread only.
 */
public final class IndexStatus {
  /** How long a remote index may go unchecked. */
  static final Duration RECHECK = Duration.ofSeconds(30);
  private static final String UNREACHABLE_SUFFIX = " (unreachable)";

  /** What the segment says about the index. */
  public enum State { UNKNOWN, EMBEDDED, CONNECTED, UNREACHABLE }

  private final LibrarySession session;
  private final UiTasks tasks;
  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.UNKNOWN);
  private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
  private UiTasks.Cancellable timer = UiTasks.Cancellable.NONE;
  private long generation;

  IndexStatus(LibrarySession session, UiTasks tasks) {
    this.session = session;
    this.tasks = tasks;
  }

  /** Asks the open library's index where it lives and whether it answers; an earlier check's answer is dropped. */
  public void refresh() {
    long mine = ++generation;
    timer.cancel();
    tasks.run(() -> session.library().store().info(), info -> {
      if (mine == generation) {
        show(info);
      }
    }, failure -> {
      if (mine == generation) {
        state.set(State.UNKNOWN);
        text.set("");
        detail.set("");
      }
    });
  }

  /** Stops rechecking and drops a check under way (the library is closing or another one opens). */
  public void stop() {
    generation++;
    timer.cancel();
    timer = UiTasks.Cancellable.NONE;
  }

  private void show(StoreInfo info) {
    boolean remote = !"lucene".equals(info.kind());
    if (!remote) {
      state.set(State.EMBEDDED);
      text.set("Index: embedded");
      detail.set("The index is kept in " + info.location());
      return;
    }
    String location = info.location();
    boolean unreachable = info.count() < 0 || location.endsWith(UNREACHABLE_SUFFIX);
    if (location.endsWith(UNREACHABLE_SUFFIX)) {
      location = location.substring(0, location.length() - UNREACHABLE_SUFFIX.length());
    }
    state.set(unreachable ? State.UNREACHABLE : State.CONNECTED);
    text.set("Index: Qdrant " + location + (unreachable ? " · unreachable" : " · connected"));
    detail.set(unreachable
        ? "The Qdrant server does not answer. Searches fail and indexing waits until it is back; checked again every "
            + RECHECK.toSeconds() + " s."
        : String.format(java.util.Locale.ROOT, "The collection holds %,d image%s.", info.count(),
            info.count() == 1 ? "" : "s"));
    timer = tasks.after(RECHECK, this::refresh);
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  /** "Index: embedded", "Index: Qdrant http://host:6334/collection · connected" (or "· unreachable"). */
  public ReadOnlyStringProperty textProperty() {
    return text.getReadOnlyProperty();
  }

  /** A sentence for the segment's tooltip. */
  public ReadOnlyStringProperty detailProperty() {
    return detail.getReadOnlyProperty();
  }
}
