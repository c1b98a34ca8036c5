package dev.imagerag.logic.store;

import dev.imagerag.domain.ImageId;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One image as an index holds it: id, payload and zero or more named vectors ({@link VectorNames}).
 * Vectors are copied; a store normalises them to unit length.
 */
public record IndexedImage(ImageId id, ImagePayload payload, Map<String, float[]> vectors) {
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
    vectors = java.util.Collections.unmodifiableMap(copy);
  }
}
