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
 *
 * <p>Tiles: a very large image may carry {@linkplain IndexedImage#visualTiles() visual tile
 * vectors}, embeddings of overlapping regions of it. They belong to the image like its other
 * vectors: replaced by an upsert, removed with it, returned by {@link #get} (unit length, in
 * order), and never counted, listed or matched as images of their own. {@link #nearest} on {@link
 * VectorNames#VISUAL} scores such an image by the best of its whole-image vector and its tiles, so
 * a query finds a plan by the one corner that shows what it asks for; {@link #nearestWhole} looks
 * at whole-image vectors only. Filters apply to the image, whichever vector matched. A store that
 * does not index tiles yet accepts and ignores them (its {@code nearest} is then {@code
 * nearestWhole}), which loses recall on very large images but nothing else.
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
   * those matching {@code filter}; best first, each image once. Scores are cosine similarities in
   * [-1, 1]; for {@link VectorNames#VISUAL} an image with tiles scores the highest of its
   * whole-image and tile similarities. Images without that vector are never returned. Returns fewer
   * than k only when fewer match.
   *
   * @param query any non-zero vector of the store's dimension for that name (normalised here)
   */
  List<StoreHit> nearest(String vectorName, float[] query, int k, SearchFilter filter);

  /**
   * Like {@link #nearest}, but scoring every image by its whole-image vector alone, as when
   * comparing images with each other (similar images, near-duplicates): a panorama is not a
   * duplicate of a photo of one of its parts. The default suits stores that index no tiles.
   */
  default List<StoreHit> nearestWhole(String vectorName, float[] query, int k, SearchFilter filter) {
    return nearest(vectorName, query, k, filter);
  }

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
