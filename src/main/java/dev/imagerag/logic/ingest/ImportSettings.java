package dev.imagerag.logic.ingest;

import dev.imagerag.support.Checks;
import java.time.Duration;

/**
 * Limits and sizes for importing files.
 *
 * @param maxPixels images whose header claims more pixels are refused before decoding
 *     (decompression-bomb guard)
 * @param maxFileBytes larger files are refused without being read
 * @param thumbnailSize long side of thumbnails, in pixels
 * @param perFileTimeout how long one file may take (hashing + decoding) before it is skipped
 * @param workers parallel file workers
 */
public record ImportSettings(
    long maxPixels, long maxFileBytes, int thumbnailSize, Duration perFileTimeout, int workers) {

  public static final ImportSettings DEFAULTS =
      new ImportSettings(
          100_000_000L, 512L << 20, 320, Duration.ofSeconds(10),
          Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));

  public ImportSettings {
    Checks.requirePositive(maxPixels, "maxPixels");
    Checks.requirePositive(maxFileBytes, "maxFileBytes");
    Checks.requireInRange(thumbnailSize, 32, 2048, "thumbnailSize");
    if (perFileTimeout == null || perFileTimeout.isNegative() || perFileTimeout.isZero()) {
      throw new IllegalArgumentException("perFileTimeout must be positive, got " + perFileTimeout);
    }
    Checks.requireInRange(workers, 1, 64, "workers");
  }

  public ImportSettings withWorkers(int newWorkers) {
    return new ImportSettings(maxPixels, maxFileBytes, thumbnailSize, perFileTimeout, newWorkers);
  }

  public ImportSettings withMaxPixels(long newMaxPixels) {
    return new ImportSettings(newMaxPixels, maxFileBytes, thumbnailSize, perFileTimeout, workers);
  }

  public ImportSettings withPerFileTimeout(Duration newTimeout) {
    return new ImportSettings(maxPixels, maxFileBytes, thumbnailSize, newTimeout, workers);
  }

  public ImportSettings withMaxFileBytes(long newMaxFileBytes) {
    return new ImportSettings(maxPixels, newMaxFileBytes, thumbnailSize, perFileTimeout, workers);
  }
}
