package dev.imagerag.logic.search;

import dev.imagerag.logic.embed.TextEmbedder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers the embeddings of recent queries (least recently used go first): typing, paging and
 * re-running a search embed each query once. Thread-safe.
 */
public final class CachingTextEmbedder implements TextEmbedder {
  private final TextEmbedder delegate;
  private final Map<String, float[]> cache;

  public CachingTextEmbedder(TextEmbedder delegate, int capacity) {
    this.delegate = delegate;
    this.cache = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Forgets every remembered query. */
  public void clear() {
    synchronized (cache) {
      cache.clear();
    }
  }

  @Override
  public String modelId() {
    return delegate.modelId();
  }

  @Override
  public int dimension() {
    return delegate.dimension();
  }

  @Override
  public List<float[]> embedTexts(List<String> texts) {
    List<float[]> result = new ArrayList<>(texts.size());
    List<String> missing = new ArrayList<>();
    synchronized (cache) {
      for (String text : texts) {
        if (!cache.containsKey(text)) {
          missing.add(text);
        }
      }
    }
    if (!missing.isEmpty()) {
      List<float[]> computed = delegate.embedTexts(missing);
      synchronized (cache) {
        for (int i = 0; i < missing.size(); i++) {
          cache.put(missing.get(i), computed.get(i));
        }
      }
    }
    synchronized (cache) {
      for (String text : texts) {
        float[] vector = cache.get(text);
        result.add(vector != null ? vector.clone() : delegate.embedTexts(List.of(text)).get(0));
      }
    }
    return result;
  }
}
