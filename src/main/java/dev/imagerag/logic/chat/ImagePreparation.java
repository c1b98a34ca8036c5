package dev.imagerag.logic.chat;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.ingest.DecodeException;
import dev.imagerag.logic.ingest.ImageDecoder;
import dev.imagerag.support.Deadline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Turns the chosen images into what the model receives: each file decoded (reduced while
 * decoding, EXIF orientation applied), downscaled and encoded by the model, several at once on
 * {@code executor}. Encoded images are kept in a small least-recently-used cache, so a follow-up
 * that shows the same images again costs nothing. An image whose files are gone or unreadable is
 * reported with the reason instead (the model then gets its text only). Thread-safe.
 */
final class ImagePreparation {
  /** About 50–250 KB each at 768 px. */
  static final int CACHE_SIZE = 32;
  private static final Duration DECODE_BUDGET = Duration.ofSeconds(15);

  private final ImageDecoder decoder;
  private final ChatModel model;
  private final int maxSide;
  private final Executor executor;
  private final Map<ImageId, EncodedImage> cache = new LinkedHashMap<>(CACHE_SIZE, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<ImageId, EncodedImage> eldest) {
      return size() > CACHE_SIZE;
    }
  };

  ImagePreparation(ImageDecoder decoder, ChatModel model, int maxSide, Executor executor) {
    this.decoder = decoder;
    this.model = model;
    this.maxSide = maxSide;
    this.executor = executor;
  }

  /** The pictures that could be prepared, and why the others could not. */
  record Prepared(Map<ImageId, EncodedImage> pictures, Map<ImageId, String> unreadable) { }

  Prepared prepare(List<SourceImage> images) {
    List<CompletableFuture<Object>> work = new ArrayList<>();
    for (SourceImage image : images) {
      EncodedImage cached = cached(image.id());
      work.add(cached != null ? CompletableFuture.completedFuture(cached)
          : CompletableFuture.supplyAsync(() -> encode(image), executor));
    }
    Map<ImageId, EncodedImage> pictures = new LinkedHashMap<>();
    Map<ImageId, String> unreadable = new LinkedHashMap<>();
    for (int i = 0; i < images.size(); i++) {
      Object result = join(work.get(i));
      ImageId id = images.get(i).id();
      if (result instanceof EncodedImage picture) {
        pictures.put(id, picture);
        remember(id, picture);
      } else {
        unreadable.put(id, (String) result);
      }
    }
    return new Prepared(pictures, unreadable);
  }

  /** The encoded image, or the reason it could not be made (a String). */
  private Object encode(SourceImage image) {
    String reason = "none of its files exists any more";
    for (String path : image.paths()) {
      Path file = Path.of(path);
      if (!Files.isRegularFile(file)) {
        continue;
      }
      try {
        return model.encode(decoder.decode(file, maxSide, Deadline.after(DECODE_BUDGET)).pixels(), maxSide);
      } catch (DecodeException e) {
        reason = e.skip().toString();
      } catch (RuntimeException e) {
        // One image that cannot be encoded must not cost the whole answer: it goes as text only.
        reason = "it could not be encoded (" + e.getMessage() + ")";
      }
    }
    return reason;
  }

  private static Object join(CompletableFuture<Object> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  private EncodedImage cached(ImageId id) {
    synchronized (cache) {
      return cache.get(id);
    }
  }

  private void remember(ImageId id, EncodedImage picture) {
    synchronized (cache) {
      cache.put(id, picture);
    }
  }
}
