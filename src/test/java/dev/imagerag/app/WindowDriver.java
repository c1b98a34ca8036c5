package dev.imagerag.app;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.imagerag.ui.shell.ShellViewModel;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.embed.swing.SwingFXUtils;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Starts the real application window (headless under Monocle) on a library and models folder of
 * the test's own, and drives it: waits, synthetic drops with a mocked {@link Dragboard},
 * screenshots into {@code target/screenshots/}.
 */
final class WindowDriver implements AutoCloseable {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  final FxRobot robot = new FxRobot();
  final DesktopApp app;
  final Preferences preferences;

  private WindowDriver(DesktopApp app, Preferences preferences) {
    this.app = app;
    this.preferences = preferences;
  }

  /** Opens the window on {@code library}, with models from {@code models}, a fresh 1280×760 window state. */
  static WindowDriver start(Path home, Path library, Path models) throws TimeoutException {
    Preferences prefs = Preferences.userRoot().node("dev/imagerag/test/" + UUID.randomUUID());
    prefs.putDouble("width", 1280);
    prefs.putDouble("height", 760);
    FxToolkit.registerPrimaryStage();
    DesktopApp.Config config = new DesktopApp.Config(java.util.Map.of(), "Linux", home, library, models, prefs);
    DesktopApp app = (DesktopApp) FxToolkit.setupApplication(() -> new DesktopApp(config));
    return new WindowDriver(app, prefs);
  }

  ShellViewModel model() {
    return app.model();
  }

  void waitFor(int seconds, Callable<Boolean> condition) throws TimeoutException {
    WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> onFx(condition));
  }

  /** Evaluates {@code action} on the FX thread and returns its value. */
  static <T> T onFx(Callable<T> action) {
    try {
      return WaitForAsyncUtils.asyncFx(action).get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void runFx(Runnable action) {
    onFx(() -> {
      action.run();
      return null;
    });
  }

  /** A dragboard offering these files, as a file manager's drag does. */
  static Dragboard files(List<Path> files) {
    Dragboard board = mock(Dragboard.class);
    when(board.hasFiles()).thenReturn(true);
    when(board.getFiles()).thenReturn(files.stream().map(Path::toFile).toList());
    return board;
  }

  /** Fires DRAG_OVER (or DRAG_DROPPED) on {@code target} at its centre, as the toolkit would. */
  static DragEvent drag(Node target, Dragboard board, javafx.event.EventType<DragEvent> type) {
    return onFx(() -> {
      Bounds b = target.localToScene(target.getBoundsInLocal());
      double x = b.getMinX() + b.getWidth() / 2;
      double y = b.getMinY() + b.getHeight() / 2;
      DragEvent event = new DragEvent(type, board, x, y, x, y, TransferMode.COPY, null, null, null);
      Event.fireEvent(target, event);
      return event;
    });
  }

  /** Writes a PNG of the scene to target/screenshots/NAME.png. */
  static Path screenshot(Scene scene, String name) {
    WaitForAsyncUtils.waitForFxEvents();
    WritableImage image = onFx(() -> scene.snapshot(null));
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Scene scene() {
    return app.view().root().getScene();
  }

  static List<Path> list(File... files) {
    return java.util.Arrays.stream(files).map(File::toPath).toList();
  }

  @Override
  public void close() throws TimeoutException {
    FxToolkit.cleanupApplication(app);
    FxToolkit.cleanupStages();
    try {
      preferences.removeNode();
    } catch (BackingStoreException | IllegalStateException e) {
      // a leftover test node is harmless
    }
  }
}
