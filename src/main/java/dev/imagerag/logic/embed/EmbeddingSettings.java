package dev.imagerag.logic.embed;

import dev.imagerag.support.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * Local inference settings.
 *
 * @param visualModel id of the CLIP-family model for visual search ({@code models/<id>.json})
 * @param device where inference runs
 * @param batchSize images per inference call in the visual stage
 * @param threads ONNX Runtime intra-op threads per session (0 = number of cores)
 * @param idleUnload a loaded model is unloaded after this long without use
 * @param tiles which very large images are also embedded tile by tile
 */
public record EmbeddingSettings(
    String visualModel, Device device, int batchSize, int threads, Duration idleUnload, TileSettings tiles) {

  public static final String DEFAULT_VISUAL_MODEL = "clip-vit-b32";

  public static final EmbeddingSettings DEFAULTS =
      new EmbeddingSettings(DEFAULT_VISUAL_MODEL, Device.AUTO, 8, 0, Duration.ofMinutes(10), TileSettings.DEFAULTS);

  public EmbeddingSettings {
    Checks.requireNonBlank(visualModel, "visualModel");
    Objects.requireNonNull(device, "device");
    Checks.requireInRange(batchSize, 1, 256, "batchSize");
    Checks.requireInRange(threads, 0, 256, "threads");
    if (idleUnload == null || idleUnload.isNegative() || idleUnload.isZero()) {
      throw new IllegalArgumentException("idleUnload must be positive, got " + idleUnload);
    }
    Objects.requireNonNull(tiles, "tiles");
  }

  /** With the default tiling. */
  public EmbeddingSettings(String visualModel, Device device, int batchSize, int threads, Duration idleUnload) {
    this(visualModel, device, batchSize, threads, idleUnload, TileSettings.DEFAULTS);
  }

  /** The thread count to give ONNX Runtime. */
  public int effectiveThreads() {
    return threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  public EmbeddingSettings withDevice(Device newDevice) {
    return new EmbeddingSettings(visualModel, newDevice, batchSize, threads, idleUnload, tiles);
  }

  public EmbeddingSettings withVisualModel(String id) {
    return new EmbeddingSettings(id, device, batchSize, threads, idleUnload, tiles);
  }

  public EmbeddingSettings withBatchSize(int size) {
    return new EmbeddingSettings(visualModel, device, size, threads, idleUnload, tiles);
  }

  public EmbeddingSettings withTiles(TileSettings newTiles) {
    return new EmbeddingSettings(visualModel, device, batchSize, threads, idleUnload, newTiles);
  }
}
