package dev.imagerag.logic.store;

import dev.imagerag.domain.ImageId;

/**
 * A match from a {@link VectorStore}. For {@code nearest} the score is the cosine similarity in
 * [-1, 1]; for {@code keyword} it is the BM25 score (≥ 0, unbounded).
 */
public record StoreHit(ImageId id, double score) {}
