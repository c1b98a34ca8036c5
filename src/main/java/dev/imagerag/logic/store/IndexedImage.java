package dev.imagerag.logic.store;

import dev.imagerag.domain.ImageId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One image as an index holds it: id, payload, zero or more named vectors ({@link VectorNames})
 * and, for a very large image, the visual vectors of its tiles (overlapping regions embedded on
 * their own; see {@link VectorStore#nearest}). Vectors are copied; a store normalises them to unit
 * length.
 *
 * @param visualTiles tile vectors in the visual space, each of the visual vector's dimension; empty
 *     for ordinary images, and only allowed beside a {@link VectorNames#VISUAL} vector
 */
public record IndexedImage(
    ImageId id, ImagePayload payload, Map<String, float[]> vectors, List<float[]> visualTiles) {
  public IndexedImage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(payload, "payload");
    Map<String, float[]> copy = new TreeMap<>();
    vectors.forEach(
        (name, vector) -> {
          VectorNames.requireKnown(name);
          if (vector.length == 0) {
            throw new IllegalArgumentException("vector '" + name + "' of " + id + " is empty");
          }
          copy.put(name, vector.clone());
        });
    vectors = Collections.unmodifiableMap(copy);
    visualTiles = copyTiles(id, visualTiles, copy.get(VectorNames.VISUAL));
  }

  /** An image without tiles. */
  public IndexedImage(ImageId id, ImagePayload payload, Map<String, float[]> vectors) {
    this(id, payload, vectors, List.of());
  }

  private static List<float[]> copyTiles(ImageId id, List<float[]> tiles, float[] visual) {
    if (Objects.requireNonNull(tiles, "visualTiles").isEmpty()) {
      return List.of();
    }
    if (visual == null) {
      throw new IllegalArgumentException("image " + id + " has tile vectors but no " + VectorNames.VISUAL
          + " vector");
    }
    List<float[]> copy = new ArrayList<>(tiles.size());
    for (float[] tile : tiles) {
      if (tile.length != visual.length) {
        throw new IllegalArgumentException("a tile vector of " + id + " has " + tile.length
            + " dimensions, its " + VectorNames.VISUAL + " vector " + visual.length);
      }
      copy.add(tile.clone());
    }
    return Collections.unmodifiableList(copy);
  }
}
