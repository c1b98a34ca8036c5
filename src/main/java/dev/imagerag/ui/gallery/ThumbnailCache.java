package dev.imagerag.ui.gallery;

import dev.imagerag.domain.ImageId;
import dev.imagerag.support.NamedThreadFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.scene.image.Image;

/**
 * Decoded thumbnails for the gallery: loaded on background threads, newest request first (the
 * tiles just scrolled into view), kept in a least-recently-used cache bounded by bytes. Tiles that
 * were recycled before their thumbnail arrived simply ignore it. Requests and callbacks happen on
 * the FX thread.
 */
public final class ThumbnailCache implements AutoCloseable {
  static final int MAX_PENDING = 400;

  private final Function<ImageId, Path> files;
  private final long budgetBytes;
  private final LinkedHashMap<Key, Image> cache = new LinkedHashMap<>(256, 0.75f, true);
  private final Map<Key, java.util.List<Consumer<Image>>> waiting = new HashMap<>();
  private final LinkedBlockingDeque<Key> queue = new LinkedBlockingDeque<>();
  private final Thread[] workers;
  private long bytes;
  private volatile boolean closed;

  private record Key(ImageId id) { }

  /**
   * @param files where the thumbnail of an image is (it may not exist yet)
   * @param budgetBytes decoded pixels kept at most, e.g. 96 MiB
   */
  public ThumbnailCache(Function<ImageId, Path> files, long budgetBytes, int threads) {
    this.files = files;
    this.budgetBytes = budgetBytes;
    this.workers = new Thread[threads];
    NamedThreadFactory factory = new NamedThreadFactory("thumbnails");
    for (int i = 0; i < threads; i++) {
      workers[i] = factory.newThread(this::work);
      workers[i].setPriority(Thread.NORM_PRIORITY - 1);
      workers[i].start();
    }
  }

  /**
   * The cached thumbnail, or null; when null, {@code whenLoaded} gets it later on the FX thread
   * (unless the file does not exist yet).
   */
  public Image get(ImageId id, Consumer<Image> whenLoaded) {
    Key key = new Key(id);
    Image image = cache.get(key);
    if (image != null) {
      return image;
    }
    java.util.List<Consumer<Image>> callbacks = waiting.get(key);
    if (callbacks != null) {
      callbacks.add(whenLoaded);
      queue.remove(key);
      queue.addLast(key); // asked again: it is on screen now
      return null;
    }
    callbacks = new java.util.ArrayList<>();
    callbacks.add(whenLoaded);
    waiting.put(key, callbacks);
    queue.addLast(key);
    while (queue.size() > MAX_PENDING) {
      Key dropped = queue.pollFirst();
      if (dropped != null) {
        waiting.remove(dropped);
      }
    }
    return null;
  }

  /** Drops cached thumbnails of an image (its thumbnail was rewritten). */
  public void forget(ImageId id) {
    cache.keySet().removeIf(k -> {
      if (k.id().equals(id)) {
        bytes -= cost(cache.get(k));
        return true;
      }
      return false;
    });
  }

  private void work() {
    while (!closed) {
      Key key;
      try {
        key = queue.takeLast();
      } catch (InterruptedException e) {
        return;
      }
      Path file = files.apply(key.id());
      Image image = null;
      if (Files.isRegularFile(file)) {
        // Thumbnails are small (320 px by default): decoded as they are and scaled by the image view
        // when drawn. Scaling while decoding (JavaFX's smooth minifier) costs ten times the decode.
        image = new Image(file.toUri().toString(), false);
        if (image.isError()) {
          image = null;
        }
      }
      Image loaded = image;
      Platform.runLater(() -> delivered(key, loaded));
    }
  }

  private void delivered(Key key, Image image) {
    java.util.List<Consumer<Image>> callbacks = waiting.remove(key);
    if (image == null) {
      return; // no thumbnail yet: the tile keeps its placeholder until the gallery reloads
    }
    cache.put(key, image);
    bytes += cost(image);
    var eldest = cache.entrySet().iterator();
    while (bytes > budgetBytes && eldest.hasNext()) {
      Map.Entry<Key, Image> entry = eldest.next();
      if (entry.getKey().equals(key)) {
        continue;
      }
      bytes -= cost(entry.getValue());
      eldest.remove();
    }
    if (callbacks != null) {
      callbacks.forEach(c -> c.accept(image));
    }
  }

  private static long cost(Image image) {
    return image == null ? 0 : (long) (image.getWidth() * image.getHeight() * 4);
  }

  public int size() {
    return cache.size();
  }

  public long bytes() {
    return bytes;
  }

  @Override
  public void close() {
    closed = true;
    for (Thread worker : workers) {
      worker.interrupt();
    }
  }
}
