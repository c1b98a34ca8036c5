package dev.imagerag.testing;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.store.IndexedImage;
import dev.imagerag.logic.store.SearchFilter;
import dev.imagerag.logic.store.StoreHit;
import dev.imagerag.logic.store.StoreInfo;
import dev.imagerag.logic.store.VectorStore;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Passes every call to a real store; tests extend it to observe or break one operation (a server
 * that refuses writes, a store that records what it was given) while the rest behaves for real.
 */
public abstract class ForwardingVectorStore implements VectorStore {
  protected final VectorStore delegate;

  protected ForwardingVectorStore(VectorStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public void upsert(List<IndexedImage> images) {
    delegate.upsert(images);
  }

  @Override
  public void delete(Collection<ImageId> ids) {
    delegate.delete(ids);
  }

  @Override
  public void deleteAll() {
    delegate.deleteAll();
  }

  @Override
  public Optional<IndexedImage> get(ImageId id) {
    return delegate.get(id);
  }

  @Override
  public long count() {
    return delegate.count();
  }

  @Override
  public void forEachId(Consumer<ImageId> action) {
    delegate.forEachId(action);
  }

  @Override
  public List<StoreHit> nearest(String vectorName, float[] query, int k, SearchFilter filter) {
    return delegate.nearest(vectorName, query, k, filter);
  }

  @Override
  public List<StoreHit> nearestWhole(String vectorName, float[] query, int k, SearchFilter filter) {
    return delegate.nearestWhole(vectorName, query, k, filter);
  }

  @Override
  public List<StoreHit> keyword(String text, int k, SearchFilter filter) {
    return delegate.keyword(text, k, filter);
  }

  @Override
  public StoreInfo info() {
    return delegate.info();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
