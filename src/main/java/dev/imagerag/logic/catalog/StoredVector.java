package dev.imagerag.logic.catalog;

import java.util.Objects;

/** A vector as the catalog keeps it: the values and the model that produced them. */
public record StoredVector(String model, float[] vector) {
  public StoredVector {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(vector, "vector");
  }
}
