package dev.imagerag.ui.shell;

import dev.imagerag.logic.ingest.ImportRequest;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.library.LibraryPaths;
import dev.imagerag.logic.library.ModelsStatus;
import dev.imagerag.ui.chat.ChatPaneViewModel;
import dev.imagerag.ui.common.DesktopActions;
import dev.imagerag.ui.common.LibrarySession;
import dev.imagerag.ui.common.NotificationsViewModel;
import dev.imagerag.ui.common.Problems;
import dev.imagerag.ui.common.UiTasks;
import dev.imagerag.ui.detail.DetailViewModel;
import dev.imagerag.ui.gallery.GalleryViewModel;
import dev.imagerag.ui.jobs.JobsViewModel;
import dev.imagerag.ui.search.QueryBarViewModel;
import dev.imagerag.ui.settings.CaptionTester;
import dev.imagerag.ui.settings.ChatTester;
import dev.imagerag.ui.settings.SettingsViewModel;
import java.nio.file.Path;
import java.time.ZoneId;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The main window: which library is open (or why not), the status bar's facts, theme and panes,
 * and the panes' view models, which it wires together. Opening, switching and reopening a library
 * and closing the window happen in the background, after running work has stopped. UI thread only.
 */
public final class ShellViewModel implements SettingsViewModel.Host {
  /** What the window shows. */
  public enum State { OPENING, READY, READ_ONLY, FAILED }

  /** The window's colours. */
  public enum Theme { LIGHT, DARK }

  /** What the window needs from the application. */
  public record Services(LibrarySession session, UiTasks tasks, DesktopActions desktop,
      dev.imagerag.logic.store.StoreFactory stores, CaptionTester captionTester, ChatTester chatTester, ZoneId zone) { }

  private final LibrarySession session;
  private final UiTasks tasks;
  private final Services services;
  private final NotificationsViewModel notices;
  private final JobsViewModel jobs;
  private final GalleryViewModel gallery;
  private final QueryBarViewModel queryBar;
  private final DetailViewModel detail;
  private final DropViewModel drop;
  private final SidePanelViewModel sidePanel;
  private final ChatPaneViewModel chat;
  private final IndexStatus index;
  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.OPENING);
  private final ReadOnlyStringWrapper library = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Opening the library…");
  private final ReadOnlyStringWrapper banner = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper imageCount = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper modelsText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper captionsText = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<Theme> theme = new ReadOnlyObjectWrapper<>(Theme.LIGHT);
  private final ReadOnlyBooleanWrapper sidePanelVisible = new ReadOnlyBooleanWrapper(true);
  private final ReadOnlyBooleanWrapper chatVisible = new ReadOnlyBooleanWrapper(false);
  private long lastCount;

  public ShellViewModel(Services services) {
    this.services = services;
    this.session = services.session();
    this.tasks = services.tasks();
    this.notices = new NotificationsViewModel(tasks);
    this.jobs = new JobsViewModel(session, tasks, notices);
    this.gallery = new GalleryViewModel(session, tasks, jobs, notices, services.desktop());
    this.queryBar = new QueryBarViewModel(session, tasks, gallery, services.zone());
    this.detail = new DetailViewModel(session, tasks, jobs, notices, services.desktop(), services.zone());
    this.drop = new DropViewModel(session, tasks, jobs, queryBar, notices);
    this.sidePanel = new SidePanelViewModel(session, tasks, queryBar);
    GalleryScope scope = new GalleryScope(queryBar, gallery);
    this.chat = new ChatPaneViewModel(session, tasks, services.desktop(), id -> detail.open(id, java.util.List.of()),
        scope);
    scope.follow(chat.scope());
    this.index = new IndexStatus(session, tasks);
    jobs.changesProperty().addListener((o, was, now) -> catalogChanged());
    gallery.removalsProperty().addListener((o, was, now) -> {
      countImages();
      sidePanel.refresh();
    });
    jobs.stateProperty().addListener((o, was, now) -> {
      if (now == JobsViewModel.State.IDLE) {
        gallery.refresh();
        sidePanel.refresh();
        countImages();
        index.refresh();
      }
    });
  }

  /** Opens the library in the background; the window is usable meanwhile. */
  public void open(LibraryPaths paths) {
    state.set(State.OPENING);
    library.set(paths.root().toString());
    message.set("Opening the library…");
    tasks.run(() -> session.open(paths), this::opened, failure -> {
      state.set(State.FAILED);
      message.set(Problems.message(failure));
      banner.set("Could not open " + paths.root() + ": " + Problems.message(failure));
    });
  }

  private void opened(LibrarySession.Opened open) {
    Library lib = open.library();
    library.set(lib.paths().root().toString());
    state.set(open.readOnly() ? State.READ_ONLY : State.READY);
    message.set("");
    banner.set(open.readOnly()
        ? "Read-only: another Image RAG process is writing this library. You can browse and search; "
            + "importing and settings wait until it closes." : "");
    ModelsStatus models = lib.models();
    modelsText.set((models.visualReady() ? "Visual: " + models.visualModel() : "No visual model") + " · " + models.device());
    captionsText.set(lib.captions().startsWith("on") ? "Captions on" : "Captions off");
    lib.notices().stream().filter(n -> !n.startsWith("Visual search is off"))
        .forEach(n -> notices.warning("About this library", n));
    if (!models.visualReady()) {
      notices.show(NotificationsViewModel.Level.INFO, "Searching by what images show needs a visual model",
          "Keyword and text search work now. Download a model in Settings ▸ Models (Ctrl+,).", "", null,
          java.time.Duration.ofSeconds(8));
    }
    queryBar.searchNow();
    sidePanel.refresh();
    chat.libraryOpened();
    countImages();
    index.refresh();
    tasks.run(() -> LibraryWarmUp.run(lib), pending -> {
      if (pending > 0 && !open.readOnly()) {
        jobs.submit(ImportRequest.resume()); // the last run was interrupted: finish it
      }
    }, failure -> { });
  }

  private void catalogChanged() {
    gallery.catalogChanged();
    long now = System.currentTimeMillis();
    if (now - lastCount > 1_000) {
      countImages();
    }
  }

  private void countImages() {
    lastCount = System.currentTimeMillis();
    tasks.run(() -> session.library().catalog().imageCount(),
        n -> imageCount.set(n == 1 ? "1 image" : String.format("%,d images", n)), failure -> { });
  }

  /** Opens another library (Settings ▸ Library) once running work has stopped. */
  @Override
  public void switchLibrary(Path folder) {
    queryBar.clearChips(); // folders and tags of this library mean nothing in the other
    afterWork(() -> open(new LibraryPaths(folder)));
  }

  /** Opens the library again so saved settings apply, once running work has stopped. */
  @Override
  public void reopenLibrary() {
    afterWork(() -> {
      LibrarySession.Opened current = session.current().orElse(null);
      if (current != null) {
        open(current.library().paths());
      }
    });
  }

  private void afterWork(Runnable then) {
    detail.close();
    index.stop();
    if (jobs.busy()) {
      notices.info("Stopping background work first; it continues after the library opens.");
      jobs.cancel();
    }
    jobs.whenIdle(then);
  }

  /** True when closing the window should ask whether to finish or stop the running work. */
  public boolean closeNeedsConfirmation() {
    return jobs.busy();
  }

  @Override
  public boolean busy() {
    return jobs.busy();
  }

  /**
   * Closes the window: waits for running work to finish ({@code finishFirst}) or stops it (what
   * is left resumes next time), closes the library in the background, then runs {@code exit}.
   */
  public void shutdown(boolean finishFirst, Runnable exit) {
    banner.set(finishFirst && jobs.busy() ? "Finishing the background work, then closing…" : "Closing…");
    if (!finishFirst) {
      jobs.cancel();
    }
    index.stop();
    jobs.whenIdle(() -> tasks.run(() -> {
      chat.close();
      session.close();
      return true;
    }, ok -> exit.run(), failure -> exit.run()));
  }

  public SettingsViewModel newSettings() {
    return new SettingsViewModel(session, tasks, services.stores(), services.captionTester(), services.chatTester(),
        this);
  }

  public void setTheme(Theme value) {
    theme.set(value);
  }

  public void toggleSidePanel() {
    sidePanelVisible.set(!sidePanelVisible.get());
  }

  public void setSidePanelVisible(boolean value) {
    sidePanelVisible.set(value);
  }

  public void toggleChat() {
    chatVisible.set(!chatVisible.get());
  }

  public void setChatVisible(boolean value) {
    chatVisible.set(value);
  }

  // ---- children and properties ----------------------------------------------------------------

  /** Decodes original files for the detail view. */
  public dev.imagerag.logic.ingest.ImageDecoder decoder() {
    return session.decoder();
  }

  public NotificationsViewModel notices() {
    return notices;
  }

  public JobsViewModel jobs() {
    return jobs;
  }

  public GalleryViewModel gallery() {
    return gallery;
  }

  public QueryBarViewModel queryBar() {
    return queryBar;
  }

  public DetailViewModel detail() {
    return detail;
  }

  public DropViewModel drop() {
    return drop;
  }

  public SidePanelViewModel sidePanel() {
    return sidePanel;
  }

  public ChatPaneViewModel chat() {
    return chat;
  }

  /** The status bar's index segment. */
  public IndexStatus index() {
    return index;
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty libraryProperty() {
    return library.getReadOnlyProperty();
  }

  /** While opening or after a failure: what is happening or what went wrong. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** A banner across the window (read-only library, failure to open), or empty. */
  public ReadOnlyStringProperty bannerProperty() {
    return banner.getReadOnlyProperty();
  }

  /** "1,234 images" in the library. */
  public ReadOnlyStringProperty imageCountProperty() {
    return imageCount.getReadOnlyProperty();
  }

  /** "Visual: clip-vit-b32 · cpu" or "No visual model · cpu". */
  public ReadOnlyStringProperty modelsTextProperty() {
    return modelsText.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty captionsTextProperty() {
    return captionsText.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Theme> themeProperty() {
    return theme.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty sidePanelVisibleProperty() {
    return sidePanelVisible.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty chatVisibleProperty() {
    return chatVisible.getReadOnlyProperty();
  }
}
