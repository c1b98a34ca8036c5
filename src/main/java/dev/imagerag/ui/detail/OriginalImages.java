package dev.imagerag.ui.detail;

import dev.imagerag.logic.ingest.DecodeException;
import dev.imagerag.logic.ingest.ImageDecoder;
import dev.imagerag.support.Deadline;
import dev.imagerag.support.NamedThreadFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;

/**
 * Loads original image files for the detail view on a background thread: upright (EXIF
 * orientation), reduced while decoding to what a screen can show (a 48 MP photo never exists at
 * full size), then handed to the FX thread. Only the latest request is delivered.
 */
final class OriginalImages implements AutoCloseable {
  /** Long side to decode at: enough to zoom a little on a 4K screen. */
  static final int DISPLAY_LONG_SIDE = 3200;

  private final ImageDecoder decoder;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(new NamedThreadFactory("detail-image"));
  private volatile long latest;

  OriginalImages(ImageDecoder decoder) {
    this.decoder = decoder;
  }

  /** Loads {@code file}; {@code onLoaded} gets the image, {@code onFailed} a message, on the FX thread. */
  void load(Path file, Consumer<Image> onLoaded, Consumer<String> onFailed) {
    long mine = ++latest;
    worker.execute(() -> {
      if (mine != latest) {
        return;
      }
      try {
        var decoded = decoder.decode(file, DISPLAY_LONG_SIDE, Deadline.after(Duration.ofSeconds(30)));
        Image image = SwingFXUtils.toFXImage(decoded.pixels(), null);
        Platform.runLater(() -> {
          if (mine == latest) {
            onLoaded.accept(image);
          }
        });
      } catch (DecodeException e) {
        Platform.runLater(() -> onFailed.accept("Cannot show " + file.getFileName() + ": " + e.skip()));
      } catch (RuntimeException | OutOfMemoryError e) {
        Platform.runLater(() -> onFailed.accept("Cannot show " + file.getFileName() + ": " + e.getMessage()));
      }
    });
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
