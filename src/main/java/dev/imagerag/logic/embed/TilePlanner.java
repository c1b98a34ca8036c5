package dev.imagerag.logic.embed;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides which images are very large for the visual model and cuts them into overlapping square
 * tiles, each embedded like an image of its own, so that a search finds what sits in one corner of
 * a plan, a scan or a panorama. The model sees a whole image as one {@code n × n} input (n = its
 * input size, 224 for CLIP ViT-B/32), usually the centre square of it: a 9000×3000 panorama loses
 * two thirds to the crop, and an A0 plan is shrunk 40-fold, far below the size of its symbols.
 *
 * <p>An image is tiled, when {@link TileSettings tiling} is enabled, if its short side is at least
 * {@value #MIN_SHORT_SIDE_INPUTS} n (smaller tiles would only show the model less than the whole
 * image does) and either
 *
 * <ul>
 *   <li>its long side is at least {@value #PANORAMA_ASPECT} times its short side (panoramas,
 *       strips, long scans, multi-monitor screenshots), where the centre crop sees 40% of it or
 *       less, and it has at least {@link TileSettings#minPanoramaPixels()} pixels (1 MP by
 *       default: a banner or a toolbar strip is not worth tiles); or
 *   <li>it has at least {@link TileSettings#minPixels()} pixels (30 MP by default, plans and scans
 *       at high resolution): more than any common camera writes by default (phones 12 MP, system
 *       cameras 20-26 MP), so ordinary photos never pay for tiles unless the threshold is lowered,
 *       while an A2 page at 300 dpi (35 MP) and larger plans do.
 * </ul>
 *
 * <p>Tiles are square and overlap by at least 1/8 of their side, so an object cut by one tile's
 * edge is whole in the next unless it is larger than the overlap. The short side is split into as
 * many rows as keep each tile at least {@value #MIN_TILE_INPUTS} n wide (a region worth a model
 * input of its own), the long side into as many columns as the overlap needs. When that makes more
 * than {@value #MAX_TILES} tiles, rows are dropped (tiles grow) until it does not: embedding cost
 * per image stays bounded at {@value #MAX_TILES} + 1 model inputs. A strip so long that even one
 * row needs more gets {@value #MAX_TILES} tiles spread evenly, with gaps between them.
 *
 * <p>Pure and thread-safe.
 */
public final class TilePlanner {
  /** Largest number of tiles per image. */
  public static final int MAX_TILES = 16;

  static final double PANORAMA_ASPECT = 2.5;
  static final int MIN_SHORT_SIDE_INPUTS = 2;
  static final int MIN_TILE_INPUTS = 4;
  /** The least overlap between neighbouring tiles, as a share of the tile side. */
  static final double OVERLAP = 1.0 / 8;

  private TilePlanner() {}

  /** {@link #isVeryLarge(int, int, int, TileSettings)} with the default settings. */
  public static boolean isVeryLarge(int width, int height, int inputSize) {
    return isVeryLarge(width, height, inputSize, TileSettings.DEFAULTS);
  }

  /** Whether an image of this size is tiled for a model with square inputs of {@code inputSize}. */
  public static boolean isVeryLarge(int width, int height, int inputSize, TileSettings settings) {
    requirePositive(width, height, inputSize);
    int shortSide = Math.min(width, height);
    int longSide = Math.max(width, height);
    if (!settings.enabled() || shortSide < MIN_SHORT_SIDE_INPUTS * inputSize) {
      return false;
    }
    long pixels = (long) width * height;
    return pixels >= settings.minPixels()
        || (longSide >= PANORAMA_ASPECT * shortSide && pixels >= settings.minPanoramaPixels());
  }

  /** {@link #plan(int, int, int, TileSettings)} with the default settings. */
  public static List<TileRect> plan(int width, int height, int inputSize) {
    return plan(width, height, inputSize, TileSettings.DEFAULTS);
  }

  /**
   * The tiles of a {@code width × height} image (upright, full resolution), row by row from the top
   * left, in its pixels; empty when the image is not very large.
   */
  public static List<TileRect> plan(int width, int height, int inputSize, TileSettings settings) {
    if (!isVeryLarge(width, height, inputSize, settings)) {
      return List.of();
    }
    int shortSide = Math.min(width, height);
    int longSide = Math.max(width, height);
    int across = 1;
    while (sideFor(shortSide, across + 1) >= MIN_TILE_INPUTS * inputSize) {
      across++;
    }
    int side = sideFor(shortSide, across);
    int along = countAlong(longSide, side);
    while (across > 1 && (long) across * along > MAX_TILES) {
      across--;
      side = sideFor(shortSide, across);
      along = countAlong(longSide, side);
    }
    along = Math.min(along, MAX_TILES / across);
    List<Integer> shortStarts = starts(shortSide, side, across);
    List<Integer> longStarts = starts(longSide, side, along);
    boolean landscape = width >= height;
    List<TileRect> tiles = new ArrayList<>(across * along);
    List<Integer> rows = landscape ? shortStarts : longStarts;
    List<Integer> columns = landscape ? longStarts : shortStarts;
    for (int y : rows) {
      for (int x : columns) {
        tiles.add(new TileRect(x, y, side, side));
      }
    }
    return tiles;
  }

  /** The side of {@code count} tiles that cover {@code length} exactly with {@link #OVERLAP}. */
  private static int sideFor(int length, int count) {
    return (int) Math.ceil(length / (1 + (count - 1) * (1 - OVERLAP)));
  }

  /** How many tiles of {@code side} cover {@code length} with at least {@link #OVERLAP}. */
  private static int countAlong(int length, int side) {
    if (side >= length) {
      return 1;
    }
    return 1 + (int) Math.ceil((length - side) / (side * (1 - OVERLAP)));
  }

  /** Where {@code count} tiles of {@code side} start, evenly spread from 0 to the far edge. */
  private static List<Integer> starts(int length, int side, int count) {
    List<Integer> starts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      starts.add(count == 1 ? 0 : (int) Math.round((double) i * (length - side) / (count - 1)));
    }
    return starts;
  }

  private static void requirePositive(int width, int height, int inputSize) {
    if (width <= 0 || height <= 0 || inputSize <= 0) {
      throw new IllegalArgumentException("sizes must be positive, got " + width + "x" + height
          + " for a model input of " + inputSize);
    }
  }
}
