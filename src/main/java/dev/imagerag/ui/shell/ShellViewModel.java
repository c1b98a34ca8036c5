package dev.imagerag.ui.shell;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * State of the main window while the full interface is being built: which library is open, how
 * many images it holds, or why it could not be opened. Updated on the FX thread.
 */
public final class ShellViewModel {
  /** What the window shows. */
  public enum State {
    OPENING,
    READY,
    FAILED
  }

  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.OPENING);
  private final ReadOnlyStringWrapper library;
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Opening the library…");

  public ShellViewModel(String libraryLocation) {
    this.library = new ReadOnlyStringWrapper(libraryLocation);
  }

  public void libraryOpened(long images, boolean readOnly) {
    state.set(State.READY);
    String count = images == 1 ? "1 image" : String.format("%,d images", images);
    message.set(count + (readOnly ? " (another Image RAG process is writing this library)" : "")
        + ". Add folders with: image-rag index FOLDER");
  }

  public void libraryFailed(String reason) {
    state.set(State.FAILED);
    message.set(reason);
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty libraryProperty() {
    return library.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }
}
