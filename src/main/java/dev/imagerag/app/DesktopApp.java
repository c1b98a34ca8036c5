package dev.imagerag.app;

import dev.imagerag.domain.ImageRagException;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.library.LibraryOpener;
import dev.imagerag.logic.library.LibraryPaths;
import dev.imagerag.support.NamedThreadFactory;
import dev.imagerag.ui.shell.ShellView;
import dev.imagerag.ui.shell.ShellViewModel;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application. The window appears at once; the library opens in the background and the
 * view model reports when it is ready (or why it is not).
 */
public final class DesktopApp extends Application {
  private static final Logger LOG = LoggerFactory.getLogger(DesktopApp.class);

  private final ExecutorService background = Executors.newSingleThreadExecutor(new NamedThreadFactory("ui-open"));
  private volatile Library library;

  @Override
  public void start(Stage stage) {
    String named = getParameters().getNamed().get("library");
    LibraryPaths paths = named != null
        ? new LibraryPaths(Path.of(named))
        : LibraryPaths.resolve(null, System.getenv(), System.getProperty("os.name"),
            Path.of(System.getProperty("user.home")));
    ShellViewModel model = new ShellViewModel(paths.root().toString());
    ShellView view = new ShellView(model);
    stage.setTitle("Image RAG");
    stage.setScene(new Scene(view.root(), 960, 640));
    stage.show();
    background.execute(() -> openLibrary(paths, model));
  }

  private void openLibrary(LibraryPaths paths, ShellViewModel model) {
    try {
      Library opened = new AppLibraryOpener().open(paths, LibraryOpener.Access.READ);
      library = opened;
      long images = opened.catalog().imageCount();
      Platform.runLater(() -> model.libraryOpened(images, opened.readOnly()));
    } catch (ImageRagException e) {
      LOG.warn("Could not open the library {}", paths.root(), e);
      Platform.runLater(() -> model.libraryFailed(e.getMessage()));
    }
  }

  @Override
  public void stop() {
    background.shutdownNow();
    Library open = library;
    if (open != null) {
      open.close();
    }
  }
}
