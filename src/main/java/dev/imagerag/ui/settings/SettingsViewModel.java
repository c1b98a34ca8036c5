package dev.imagerag.ui.settings;

import dev.imagerag.logic.caption.CaptionSettings;
import dev.imagerag.logic.chat.ChatSettings;
import dev.imagerag.logic.jobs.JobControl;
import dev.imagerag.logic.library.IndexMigration;
import dev.imagerag.logic.settings.Settings;
import dev.imagerag.logic.store.StoreFactory;
import dev.imagerag.logic.store.StoreSettings;
import dev.imagerag.ui.common.LibrarySession;
import dev.imagerag.ui.common.Problems;
import dev.imagerag.ui.common.UiTasks;
import java.nio.file.Path;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The settings dialog: loads the library's settings into a form, refuses invalid values with the
 * reason the settings records give, saves through the library's settings store, and asks the
 * window to reopen the library when a saved change needs it (models, OCR, captions) or to switch
 * to another library. Moving the index to another store (embedded ↔ Qdrant, another collection)
 * first copies it there from the catalog, and the settings change only once the copy is complete.
 * Tests the caption and chat endpoints and the Qdrant server without saving and without showing
 * the keys.
 * UI thread only.
 */
public final class SettingsViewModel {
  /** What the dialog is doing. */
  public enum State { LOADING, EDITING, INVALID, MIGRATING, SAVING, SAVED, FAILED }

  /** What saving may ask of the window. */
  public interface Host {
    /** Closes this library and opens the one in {@code folder}. */
    void switchLibrary(Path folder);

    /** Opens the library again so saved settings take effect. */
    void reopenLibrary();

    /** True while imports or processing run (the index is being written). */
    default boolean busy() {
      return false;
    }
  }

  private final LibrarySession session;
  private final UiTasks tasks;
  private final StoreFactory stores;
  private final CaptionTester captionTester;
  private final ChatTester chatTester;
  private final Host host;
  private final SettingsForm form = new SettingsForm();
  private final ModelsViewModel models;
  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.LOADING);
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper activeDevice = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper captionTest = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper chatTest = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper testingChat = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper indexTest = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper testingIndex = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper copying = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper readOnly = new ReadOnlyBooleanWrapper();
  private Settings loaded = Settings.DEFAULTS;
  private String loadedFolder = "";

  /** @param stores opens the store a remote index setting names (to test it and to copy the index into it) */
  public SettingsViewModel(LibrarySession session, UiTasks tasks, StoreFactory stores, CaptionTester captionTester,
      ChatTester chatTester, Host host) {
    this.session = session;
    this.tasks = tasks;
    this.stores = stores;
    this.captionTester = captionTester;
    this.chatTester = chatTester;
    this.host = host;
    this.models = new ModelsViewModel(session.installer(), tasks);
  }

  /** Reads the saved settings into the form (and the model list). */
  public void load() {
    state.set(State.LOADING);
    error.set("");
    captionTest.set("");
    chatTest.set("");
    indexTest.set("");
    tasks.run(() -> {
      LibrarySession.Opened open = session.require();
      return new Loaded(open.library().paths().root().toString(), open.settings().load(),
          open.library().models().device(), open.readOnly());
    }, l -> {
      loaded = l.settings();
      loadedFolder = l.folder();
      form.fill(l.folder(), l.settings());
      activeDevice.set("In use now: " + l.device());
      readOnly.set(l.readOnly());
      state.set(State.EDITING);
    }, failure -> {
      state.set(State.FAILED);
      error.set(Problems.message(failure));
    });
    models.refresh();
  }

  private record Loaded(String folder, Settings settings, String device, boolean readOnly) { }

  /**
   * Validates and saves. Invalid values are refused with their reason and nothing is written.
   * A changed library folder switches libraries; other changes reopen the library. A new index
   * location is filled first (see {@link IndexMove}); if that fails, nothing is saved.
   */
  public void save() {
    Settings next;
    try {
      next = form.toSettings(loaded);
      if (form.libraryFolder.get().isBlank()) {
        throw new IllegalArgumentException("Library folder: choose a folder");
      }
    } catch (IllegalArgumentException invalid) {
      state.set(State.INVALID);
      error.set(invalid.getMessage());
      return;
    }
    String folder = form.libraryFolder.get().strip();
    boolean switching = !folder.equals(loadedFolder);
    boolean changed = !next.equals(loaded);
    boolean moving = !switching && IndexMove.moves(loaded.store(), next.store(), Path.of(loadedFolder));
    if (moving && host.busy()) {
      // Images indexed while the copy runs would be missing from the new index.
      state.set(State.INVALID);
      error.set("Remote index: images are being imported or processed; let them finish (or stop them), "
          + "then save again to move the index.");
      return;
    }
    error.set("");
    if (moving) {
      state.set(State.MIGRATING);
      copying.set("Copying the index…");
      tasks.runLong("imagerag-index-move", () -> IndexMove.copy(stores, session.library(), next.store(),
          new JobControl(), IndexMove.reporting(tasks, copying::set)), copied -> write(next, false, true, folder, copied),
          this::failed);
    } else {
      write(next, switching, changed, folder, null);
    }
  }

  private void write(Settings next, boolean switching, boolean changed, String folder, IndexMigration.Result copied) {
    state.set(State.SAVING);
    tasks.run(() -> {
      if (changed) {
        session.require().settings().save(next);
      }
      return true;
    }, ok -> {
      loaded = next;
      state.set(State.SAVED);
      if (copied != null) {
        indexTest.set(String.format(java.util.Locale.ROOT, "The index now lives in %s (%,d images copied).",
            next.store().describe(), copied.targetCount()));
      }
      if (switching) {
        host.switchLibrary(Path.of(folder));
      } else if (changed) {
        host.reopenLibrary();
      }
    }, this::failed);
  }

  private void failed(Throwable failure) {
    state.set(State.FAILED);
    error.set(Problems.message(failure));
  }

  /** Connects to the Qdrant server of the form (saved or not) and says what it holds, or why not. */
  public void testIndex() {
    StoreSettings target;
    try {
      target = form.store(loaded.store());
    } catch (IllegalArgumentException invalid) {
      indexTest.set(invalid.getMessage());
      return;
    }
    String key = target.apiKey();
    testingIndex.set(true);
    indexTest.set("Connecting to " + target.endpoint() + "…");
    tasks.run(() -> IndexMove.test(stores, session.library(), target), answer -> {
      testingIndex.set(false);
      indexTest.set(redacted(answer, key));
    }, failure -> {
      testingIndex.set(false);
      indexTest.set("Failed: " + redacted(Problems.message(failure), key));
    });
  }

  /** Sends one tiny request with the form's caption settings; the answer (or why not) appears. */
  public void testCaptions() {
    CaptionSettings settings;
    try {
      settings = form.captions(loaded.captions());
    } catch (IllegalArgumentException invalid) {
      captionTest.set(invalid.getMessage());
      return;
    }
    probe(captionTest, testing, settings.apiKey(), "Sending one small test image to " + settings.baseUrl() + "…",
        () -> captionTester.test(settings));
  }

  /**
   * Asks the chat model of the form one tiny question (blank endpoint fields: the caption
   * endpoint of the form); the answer (or why not) appears.
   */
  public void testChat() {
    ChatSettings settings;
    try {
      settings = form.chat(loaded.chat()).resolve(form.captions(loaded.captions()));
    } catch (IllegalArgumentException invalid) {
      chatTest.set(invalid.getMessage());
      return;
    }
    ChatSettings resolved = settings;
    probe(chatTest, testingChat, settings.apiKey(),
        "Asking " + settings.model() + " at " + settings.baseUrl() + " about a small test image…",
        () -> chatTester.test(resolved));
  }

  /** Runs one endpoint test off the UI thread; what it answers (or why it failed) appears without the key. */
  private void probe(ReadOnlyStringWrapper out, ReadOnlyBooleanWrapper busy, String key, String starting,
      java.util.concurrent.Callable<String> test) {
    busy.set(true);
    out.set(starting);
    tasks.run(test, answer -> {
      busy.set(false);
      out.set(redacted(answer, key));
    }, failure -> {
      busy.set(false);
      out.set("Failed: " + redacted(Problems.message(failure), key));
    });
  }

  /** Belt and braces: a key echoed by a server never reaches the screen. */
  static String redacted(String text, String key) {
    if (text == null) {
      return "";
    }
    return key == null || key.length() < 4 ? text : text.replace(key, "****");
  }

  /** The user is editing again after a refusal. */
  public void edited() {
    if (state.get() == State.INVALID || state.get() == State.SAVED) {
      state.set(State.EDITING);
      error.set("");
    }
  }

  public SettingsForm form() {
    return form;
  }

  public ModelsViewModel models() {
    return models;
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  /** Why the values were refused or could not be saved; empty otherwise. */
  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  /** "In use now: cpu" — where inference runs in the open library. */
  public ReadOnlyStringProperty activeDeviceProperty() {
    return activeDevice.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty captionTestProperty() {
    return captionTest.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty testingProperty() {
    return testing.getReadOnlyProperty();
  }

  /** What the chat Test found. */
  public ReadOnlyStringProperty chatTestProperty() {
    return chatTest.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty testingChatProperty() {
    return testingChat.getReadOnlyProperty();
  }

  /** What the Qdrant test found, or where the index was moved to. */
  public ReadOnlyStringProperty indexTestProperty() {
    return indexTest.getReadOnlyProperty();
  }

  /** While the index is copied: "Copying the index… 1,200 of 5,000". */
  public ReadOnlyStringProperty copyingProperty() {
    return copying.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty testingIndexProperty() {
    return testingIndex.getReadOnlyProperty();
  }

  /** True when another process writes the library: settings can be read, not saved. */
  public ReadOnlyBooleanProperty readOnlyProperty() {
    return readOnly.getReadOnlyProperty();
  }
}
