package dev.imagerag.logic.store;

import java.util.Map;

/**
 * What a store says about itself for {@code status}.
 *
 * @param kind e.g. "embedded (Lucene)"
 * @param location a folder or URL
 * @param sizeBytes bytes on disk, or -1 when unknown (remote)
 * @param dimensions the dimension of each named vector the store has seen
 */
public record StoreInfo(
    String kind, String location, long count, long sizeBytes, Map<String, Integer> dimensions) {
  public StoreInfo {
    dimensions = Map.copyOf(dimensions);
  }
}
