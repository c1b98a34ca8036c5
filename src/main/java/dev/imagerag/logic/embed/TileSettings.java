package dev.imagerag.logic.embed;

/**
 * Which images the visual stage also embeds tile by tile ({@link TilePlanner}). Each tile costs one
 * more model input, so by default only images far larger than ordinary photos are tiled: a library
 * of camera photos pays nothing, plans, scans, panoramas and multi-monitor screenshots become
 * findable by their details. Lower {@code minPixels} to tile ordinary photos too (a 12 MP photo
 * gets 15 tiles, so its embedding costs about 16 times the model time).
 *
 * @param enabled whether any image is tiled
 * @param minPixels images with at least this many pixels are tiled
 * @param minPanoramaPixels panoramas and long strips (one side at least {@value
 *     TilePlanner#PANORAMA_ASPECT} times the other, where the model's centre crop sees 40% or
 *     less) are tiled from this many pixels
 */
public record TileSettings(boolean enabled, long minPixels, long minPanoramaPixels) {
  public static final TileSettings DEFAULTS = new TileSettings(true, 30_000_000L, 1_000_000L);
  /** No image is tiled. */
  public static final TileSettings OFF = DEFAULTS.withEnabled(false);

  public TileSettings {
    if (minPixels <= 0 || minPanoramaPixels <= 0) {
      throw new IllegalArgumentException("tile thresholds must be positive pixel counts, got " + minPixels
          + " and " + minPanoramaPixels + " for panoramas");
    }
  }

  public TileSettings withEnabled(boolean value) {
    return new TileSettings(value, minPixels, minPanoramaPixels);
  }

  /** Tiles every image from {@code pixels} on (panoramas from the smaller of both thresholds). */
  public TileSettings withMinPixels(long pixels) {
    return new TileSettings(true, pixels, minPanoramaPixels);
  }
}
