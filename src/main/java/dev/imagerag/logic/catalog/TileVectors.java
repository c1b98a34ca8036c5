package dev.imagerag.logic.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * How the catalog keeps the tile vectors of a very large image: one vector named {@value #NAME},
 * produced by the visual model, holding the tiles' vectors one after the other (N tiles × the
 * visual dimension), in the order the tiles were planned. One row per image keeps the catalog's
 * vector table as it is.
 */
public final class TileVectors {
  /** The catalog vector name of an image's visual tile vectors. */
  public static final String NAME = "visual_tiles";

  private TileVectors() {}

  /** The tile vectors one after the other; all must have the same length. */
  public static float[] join(List<float[]> tiles) {
    if (tiles.isEmpty()) {
      throw new IllegalArgumentException("no tile vectors to join");
    }
    int dimension = tiles.get(0).length;
    float[] joined = new float[tiles.size() * dimension];
    for (int i = 0; i < tiles.size(); i++) {
      float[] tile = tiles.get(i);
      if (tile.length != dimension) {
        throw new IllegalArgumentException("tile vector " + i + " has " + tile.length
            + " dimensions, the first has " + dimension);
      }
      System.arraycopy(tile, 0, joined, i * dimension, dimension);
    }
    return joined;
  }

  /**
   * The tile vectors of {@code joined}, each of {@code dimension} floats (the visual vector's).
   *
   * @throws IllegalArgumentException when the length is not a multiple of the dimension (tiles of
   *     another model)
   */
  public static List<float[]> split(float[] joined, int dimension) {
    if (dimension <= 0 || joined.length == 0 || joined.length % dimension != 0) {
      throw new IllegalArgumentException(joined.length + " tile values do not split into vectors of "
          + dimension + " dimensions");
    }
    List<float[]> tiles = new ArrayList<>(joined.length / dimension);
    for (int from = 0; from < joined.length; from += dimension) {
      tiles.add(java.util.Arrays.copyOfRange(joined, from, from + dimension));
    }
    return tiles;
  }
}
