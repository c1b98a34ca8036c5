package dev.imagerag.app;

import dev.imagerag.domain.ImageId;
import dev.imagerag.infra.files.FileThumbnailStore;
import dev.imagerag.infra.files.ImageIoDecoder;
import dev.imagerag.infra.files.JsonSettingsStore;
import dev.imagerag.infra.models.HttpModelInstaller;
import dev.imagerag.logic.embed.ModelsFolder;
import dev.imagerag.logic.ingest.ThumbnailStore;
import dev.imagerag.logic.library.LibraryOpener;
import dev.imagerag.logic.library.LibraryPaths;
import dev.imagerag.logic.settings.Settings;
import dev.imagerag.logic.settings.SettingsStore;
import dev.imagerag.ui.common.FxUiTasks;
import dev.imagerag.ui.common.LibrarySession;
import dev.imagerag.ui.gallery.ThumbnailCache;
import dev.imagerag.ui.shell.FxDesktopActions;
import dev.imagerag.ui.shell.ShellView;
import dev.imagerag.ui.shell.ShellViewModel;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application and the window's composition root: it builds the adapters (library
 * opener, settings files, thumbnails, model downloads, caption test) and hands the window their
 * ports. The window appears at once; the library opens in the background, models load at first use.
 */
public final class DesktopApp extends Application {
  private static final Logger LOG = LoggerFactory.getLogger(DesktopApp.class);
  /** Decoded thumbnails kept in memory. */
  static final long THUMBNAIL_CACHE_BYTES = 48L << 20;

  /**
   * What the window is built from.
   *
   * @param library the library folder, or null for {@code --library=DIR}, {@code IMAGE_RAG_HOME}, the user's
   *     data folder
   * @param modelsFolder the models folder, or null for {@code --models=DIR}, {@code IMAGE_RAG_MODELS}, the
   *     user's cache folder
   * @param preferences where the window remembers its size and view
   */
  public record Config(Map<String, String> env, String osName, Path home, Path library, Path modelsFolder,
      Preferences preferences) {
    public static Config fromSystem() {
      return new Config(System.getenv(), System.getProperty("os.name"), Path.of(System.getProperty("user.home")), null,
          null, Preferences.userRoot().node("dev/imagerag/desktop"));
    }
  }

  private final Config config;
  private LibrarySession session;
  private FxUiTasks tasks;
  private ThumbnailCache thumbnails;
  private ShellView view;
  private ShellViewModel model;

  /** Wires the window from this process's environment (what {@code java -jar} uses). */
  public DesktopApp() {
    this(Config.fromSystem());
  }

  public DesktopApp(Config config) {
    this.config = config;
  }

  @Override
  public void start(Stage stage) {
    Map<String, String> named = getParameters() == null ? Map.of() : getParameters().getNamed();
    Path explicitLibrary = config.library() != null ? config.library()
        : named.containsKey("library") ? Path.of(named.get("library")) : null;
    LibraryPaths paths = LibraryPaths.resolve(explicitLibrary, config.env(), config.osName(), config.home());
    Path explicitModels = config.modelsFolder() != null ? config.modelsFolder()
        : named.containsKey("models") ? Path.of(named.get("models")) : null;
    ModelsFolder models = ModelsFolder.resolve(explicitModels, config.env(), config.osName(), config.home());

    AppLibraryOpener opener = new AppLibraryOpener(config.env(), config.osName(), config.home());
    session = new LibrarySession(opener,
        new LibraryOpener.Options(models.root(), null, null, null), new LibraryParts(),
        new LazyModelInstaller(models.root().toAbsolutePath().normalize(), () -> new HttpModelInstaller(models.root())),
        new ImageIoDecoder());
    tasks = new FxUiTasks();
    thumbnails = new ThumbnailCache(this::thumbnailFile, THUMBNAIL_CACHE_BYTES, 1);
    model = new ShellViewModel(new ShellViewModel.Services(session, tasks, new FxDesktopActions(getHostServices()),
        opener,
        new OpenAiCaptionTester(config.env()), new OpenAiChatTester(config.env()), ZoneId.systemDefault()));
    model.chat().useChats(opener);
    view = new ShellView(model, thumbnails, config.preferences());
    view.show(stage, Platform::exit);
    long shown = sinceJvmStart();
    // Logged once the library is open: its log file is where messages go from then on.
    model.stateProperty().addListener((o, was, now) -> {
      if (was == ShellViewModel.State.OPENING) {
        LOG.info("Window shown {} ms, library {} {} ms after the JVM started", shown, now, sinceJvmStart());
      }
    });
    model.gallery().stateProperty().addListener(new javafx.beans.value.ChangeListener<>() {
      @Override
      public void changed(javafx.beans.value.ObservableValue<? extends dev.imagerag.ui.gallery.GalleryViewModel.State> o,
          dev.imagerag.ui.gallery.GalleryViewModel.State was, dev.imagerag.ui.gallery.GalleryViewModel.State now) {
        if (now != dev.imagerag.ui.gallery.GalleryViewModel.State.LOADING) {
          LOG.info("Gallery {} with {} images {} ms after the JVM started", now, model.gallery().items().size(),
              sinceJvmStart());
          o.removeListener(this);
        }
      }
    });
    model.open(paths);
  }

  private static long sinceJvmStart() {
    return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
  }

  private Path thumbnailFile(ImageId id) {
    return session.current().map(open -> open.thumbnails().path(id))
        .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "no-library", id.hex() + ".jpg"));
  }

  /** The window, for tests and measurements. */
  public ShellView view() {
    return view;
  }

  public ShellViewModel model() {
    return model;
  }

  @Override
  public void stop() {
    if (view != null) {
      view.close();
    }
    if (session != null) {
      session.close();
    }
    if (tasks != null) {
      tasks.close();
    }
    if (thumbnails != null) {
      thumbnails.close();
    }
  }

  /** A library's settings file and thumbnail folder, as the pipeline writes them. */
  private static final class LibraryParts implements LibrarySession.Parts {
    @Override
    public SettingsStore settings(LibraryPaths paths) {
      return new JsonSettingsStore(paths.settingsFile());
    }

    @Override
    public ThumbnailStore thumbnails(LibraryPaths paths, Settings settings) {
      return new FileThumbnailStore(paths.thumbnailsDir(), settings.imports().thumbnailSize());
    }
  }
}
