package dev.imagerag.logic.store;

import dev.imagerag.domain.ImageId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The search index: per image, named dense vectors plus a payload; k-NN on one named vector with
 * payload filters applied during the search; BM25 keyword search over the text fields.
 *
 * <p>The catalog is the source of truth; a store is derived from it and can be rebuilt. Vectors
 * are normalised to unit length on upsert, so {@link #get} returns unit vectors. Each named vector
 * has one dimension per store; upserting another dimension fails with a {@link StoreException}
 * that says to reindex. Writes are durable when the call returns. Implementations are thread-safe;
 * every method may block on I/O. A store opened read-only throws {@link IllegalStateException} on
 * writes.
 */
public interface VectorStore extends AutoCloseable {

  /** Inserts or replaces each image (by id) with exactly the given payload and vectors. */
  void upsert(List<IndexedImage> images);

  /** Removes the images; unknown ids are ignored. */
  void delete(Collection<ImageId> ids);

  /** Removes everything. */
  void deleteAll();

  Optional<IndexedImage> get(ImageId id);

  long count();

  /** Calls {@code action} for every id in the store, in no particular order. */
  void forEachId(Consumer<ImageId> action);

  /**
   * The {@code k} images whose vector {@code vectorName} is most similar to {@code query}, among
   * those matching {@code filter}; best first. Scores are cosine similarities in [-1, 1]. Images
   * without that vector are never returned. Returns fewer than k only when fewer match.
   *
   * @param query any non-zero vector of the store's dimension for that name (normalised here)
   */
  List<StoreHit> nearest(String vectorName, float[] query, int k, SearchFilter filter);

  /**
   * BM25 keyword search over OCR text, caption, tags, file names and folder names among images
   * matching {@code filter}; best first, scores ≥ 0. Free text: any word may match, operators in
   * the text are not interpreted. Blank text returns no hits.
   */
  List<StoreHit> keyword(String text, int k, SearchFilter filter);

  StoreInfo info();

  @Override
  void close();
}
