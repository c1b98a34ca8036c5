package dev.imagerag.infra.lucene;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.store.ImagePayload;
import dev.imagerag.logic.store.IndexedImage;
import dev.imagerag.logic.store.SearchFilter;
import dev.imagerag.logic.store.StoreException;
import dev.imagerag.logic.store.StoreHit;
import dev.imagerag.logic.store.StoreInfo;
import dev.imagerag.logic.store.VectorNames;
import dev.imagerag.logic.store.VectorStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

/**
 * The embedded index: one Lucene index in the library folder holding, per image, HNSW vectors
 * (one field per named vector), BM25 text fields, filter fields and the stored payload. Every
 * write commits before returning (Lucene commits are atomic, so a kill leaves the last commit).
 *
 * <p>Lucene's DOT_PRODUCT score is (1 + dot) / 2; it is converted back to the cosine similarity.
 * HNSW is searched with a beam of at least {@value #MIN_CANDIDATES} candidates, then cut to k:
 * asking for k alone gives poor recall for small k.
 */
public final class LuceneVectorStore implements VectorStore {
  static final int MIN_CANDIDATES = 100;

  private final Path dir;
  private final FSDirectory directory;
  private final IndexWriter writer;
  private final TextAnalyzer analyzer = new TextAnalyzer();
  /**
   * The writer's schema: the dimension of each named vector, checked on upsert. A read-only store
   * leaves it empty and reads dimensions from the snapshot it searches, because another process
   * may empty the index and refill it with another dimension (reindex after a model change).
   */
  private final Map<String, Integer> dimensions = new ConcurrentHashMap<>();
  private final Object writeLock = new Object();
  private volatile SearcherManager searchers;

  private LuceneVectorStore(Path dir, boolean readOnly) throws IOException {
    this.dir = dir;
    this.directory = FSDirectory.open(dir);
    if (readOnly) {
      this.writer = null;
      this.searchers = DirectoryReader.indexExists(directory) ? new SearcherManager(directory, null) : null;
    } else {
      IndexWriterConfig config = new IndexWriterConfig(analyzer);
      config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
      config.setCommitOnClose(true);
      this.writer = new IndexWriter(directory, config);
      this.searchers = new SearcherManager(writer, null);
      readDimensions();
    }
  }

  /** Opens or creates the index in {@code dir}, for reading and writing (takes Lucene's lock). */
  public static LuceneVectorStore open(Path dir) {
    try {
      Files.createDirectories(dir);
      return new LuceneVectorStore(dir, false);
    } catch (org.apache.lucene.store.LockObtainFailedException e) {
      throw new StoreException("The index in " + dir + " is open in another process.", e);
    } catch (IOException | RuntimeException e) {
      throw new StoreException("Could not open the index in " + dir + ": " + e.getMessage()
          + ". Run `image-rag reindex` to rebuild it from the catalog.", e);
    }
  }

  /** Opens the index for searching only, while another process may write it. */
  public static LuceneVectorStore openReadOnly(Path dir) {
    try {
      return new LuceneVectorStore(dir, true);
    } catch (IOException | RuntimeException e) {
      throw new StoreException("Could not read the index in " + dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void upsert(List<IndexedImage> images) {
    if (images.isEmpty()) {
      return;
    }
    requireWritable();
    synchronized (writeLock) {
      // Check the whole batch before writing anything, so a bad vector never half-applies it.
      Map<String, Integer> batchDims = new TreeMap<>(dimensions);
      List<Document> documents = new ArrayList<>(images.size());
      for (IndexedImage image : images) {
        Map<String, float[]> unit = new TreeMap<>();
        image.vectors().forEach((name, vector) -> {
          Integer expected = batchDims.putIfAbsent(name, vector.length);
          if (expected != null && expected != vector.length) {
            throw new StoreException("The index holds " + name + " vectors of dimension " + expected
                + " but image " + image.id().shortHex() + " brings " + vector.length
                + " (the model changed). Run `image-rag reindex` to rebuild the index for the new model.");
          }
          unit.put(name, normalize(vector, name + " vector of " + image.id().shortHex()));
        });
        documents.add(LuceneSchema.document(image, unit));
      }
      try {
        for (int i = 0; i < images.size(); i++) {
          writer.updateDocument(new Term(LuceneSchema.ID, images.get(i).id().hex()), documents.get(i));
        }
        commit();
        dimensions.putAll(batchDims);
      } catch (IOException e) {
        throw writeFailure(e);
      }
    }
  }

  @Override
  public void delete(Collection<ImageId> ids) {
    if (ids.isEmpty()) {
      return;
    }
    requireWritable();
    synchronized (writeLock) {
      try {
        writer.deleteDocuments(ids.stream().map(id -> new Term(LuceneSchema.ID, id.hex())).toArray(Term[]::new));
        commit();
      } catch (IOException e) {
        throw writeFailure(e);
      }
    }
  }

  @Override
  public void deleteAll() {
    requireWritable();
    synchronized (writeLock) {
      try {
        writer.deleteAll();
        commit();
        dimensions.clear();
      } catch (IOException e) {
        throw writeFailure(e);
      }
    }
  }

  @Override
  public Optional<IndexedImage> get(ImageId id) {
    return withSearcher(searcher -> {
      TopDocs top = searcher.search(new TermQuery(new Term(LuceneSchema.ID, id.hex())), 1);
      if (top.scoreDocs.length == 0) {
        return Optional.empty();
      }
      int doc = top.scoreDocs[0].doc;
      Document stored = searcher.storedFields().document(doc);
      ImagePayload payload = PayloadCodec.decode(stored.getBinaryValue(LuceneSchema.PAYLOAD).bytes);
      return Optional.of(new IndexedImage(id, payload, readVectors(searcher, doc)));
    }, Optional.empty());
  }

  private static Map<String, float[]> readVectors(IndexSearcher searcher, int doc) throws IOException {
    Map<String, float[]> vectors = new TreeMap<>();
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves));
    int local = doc - leaf.docBase;
    for (String name : List.of(VectorNames.VISUAL, VectorNames.TEXTUAL)) {
      FloatVectorValues values = leaf.reader().getFloatVectorValues(LuceneSchema.vectorField(name));
      if (values != null && values.advance(local) == local) {
        vectors.put(name, values.vectorValue().clone());
      }
    }
    return vectors;
  }

  @Override
  public long count() {
    return withSearcher(searcher -> (long) searcher.getIndexReader().numDocs(), 0L);
  }

  @Override
  public void forEachId(Consumer<ImageId> action) {
    withSearcher(searcher -> {
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        LeafReader reader = leaf.reader();
        Bits live = reader.getLiveDocs();
        StoredFields fields = reader.storedFields();
        for (int doc = 0; doc < reader.maxDoc(); doc++) {
          if (live == null || live.get(doc)) {
            action.accept(new ImageId(fields.document(doc, java.util.Set.of(LuceneSchema.ID)).get(LuceneSchema.ID)));
          }
        }
      }
      return null;
    }, null);
  }

  @Override
  public List<StoreHit> nearest(String vectorName, float[] query, int k, SearchFilter filter) {
    VectorNames.requireKnown(vectorName);
    if (k <= 0) {
      throw new IllegalArgumentException("k must be > 0, got " + k);
    }
    float[] unit = normalize(query, "query");
    Query knn = new KnnFloatVectorQuery(LuceneSchema.vectorField(vectorName), unit,
        Math.max(k, MIN_CANDIDATES), LuceneSchema.filterQuery(filter));
    return withSearcher(searcher -> {
      // Checked against the snapshot being searched, not a cached schema: a read-only store may
      // have opened before the first commit, or before a reindex changed the dimension.
      int expected = dimension(searcher.getIndexReader(), vectorName);
      if (expected == 0) {
        return List.of();
      }
      if (expected != query.length) {
        throw new StoreException("The query has " + query.length + " dimensions but the index holds "
            + vectorName + " vectors of " + expected + ". Run `image-rag reindex` after changing models.");
      }
      return hits(searcher, searcher.search(knn, k), true);
    }, List.of());
  }

  @Override
  public List<StoreHit> keyword(String text, int k, SearchFilter filter) {
    if (k <= 0) {
      throw new IllegalArgumentException("k must be > 0, got " + k);
    }
    Query query = KeywordQuery.build(analyzer, text, LuceneSchema.filterQuery(filter));
    if (query == null) {
      return List.of();
    }
    return withSearcher(searcher -> hits(searcher, searcher.search(query, k), false), List.of());
  }

  private static List<StoreHit> hits(IndexSearcher searcher, TopDocs top, boolean cosine) throws IOException {
    StoredFields fields = searcher.storedFields();
    List<StoreHit> hits = new ArrayList<>(top.scoreDocs.length);
    for (ScoreDoc scoreDoc : top.scoreDocs) {
      String id = fields.document(scoreDoc.doc, java.util.Set.of(LuceneSchema.ID)).get(LuceneSchema.ID);
      double score = cosine ? 2.0 * scoreDoc.score - 1.0 : scoreDoc.score;
      hits.add(new StoreHit(new ImageId(id), score));
    }
    return hits;
  }

  @Override
  public StoreInfo info() {
    long size = 0;
    try (var files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(file)) {
          size += Files.size(file);
        }
      }
    } catch (IOException e) {
      size = -1;
    }
    Map<String, Integer> dims = writer != null ? Map.copyOf(dimensions)
        : withSearcher(searcher -> dimensionsOf(searcher.getIndexReader()), Map.of());
    return new StoreInfo("lucene", dir.toString(), count(), size, dims);
  }

  @Override
  public void close() {
    try {
      SearcherManager current = searchers;
      if (current != null) {
        current.close();
      }
      if (writer != null) {
        writer.close();
      }
      directory.close();
    } catch (IOException e) {
      throw new StoreException("Could not close the index in " + dir + ": " + e.getMessage(), e);
    }
  }

  // ---- internals --------------------------------------------------------------------------

  private interface SearchWork<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  private <T> T withSearcher(SearchWork<T> work, T whenEmpty) {
    try {
      SearcherManager manager = searchers();
      if (manager == null) {
        return whenEmpty;
      }
      manager.maybeRefresh();
      IndexSearcher searcher = manager.acquire();
      try {
        return work.apply(searcher);
      } finally {
        manager.release(searcher);
      }
    } catch (IOException e) {
      throw new StoreException("Could not search the index in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** For a read-only store, the index may appear after opening (first import in another process). */
  private SearcherManager searchers() throws IOException {
    if (searchers == null && writer == null && DirectoryReader.indexExists(directory)) {
      synchronized (this) {
        if (searchers == null) {
          searchers = new SearcherManager(directory, null);
        }
      }
    }
    return searchers;
  }

  private void readDimensions() throws IOException {
    IndexSearcher searcher = searchers.acquire();
    try {
      dimensions.putAll(dimensionsOf(searcher.getIndexReader()));
    } finally {
      searchers.release(searcher);
    }
  }

  private static Map<String, Integer> dimensionsOf(IndexReader reader) {
    Map<String, Integer> dims = new TreeMap<>();
    for (String name : List.of(VectorNames.VISUAL, VectorNames.TEXTUAL)) {
      int dimension = dimension(reader, name);
      if (dimension > 0) {
        dims.put(name, dimension);
      }
    }
    return dims;
  }

  /** The dimension of the named vector in this snapshot, or 0 when no segment has that field. */
  private static int dimension(IndexReader reader, String vectorName) {
    String field = LuceneSchema.vectorField(vectorName);
    for (LeafReaderContext leaf : reader.leaves()) {
      FieldInfo info = leaf.reader().getFieldInfos().fieldInfo(field);
      if (info != null && info.getVectorDimension() > 0) {
        return info.getVectorDimension();
      }
    }
    return 0;
  }

  private void commit() throws IOException {
    writer.commit();
    searchers.maybeRefreshBlocking();
  }

  private StoreException writeFailure(IOException e) {
    String message = String.valueOf(e.getMessage());
    String hint = message.toLowerCase(java.util.Locale.ROOT).contains("no space")
        ? "The disk is full. Free some space; the index keeps its last complete state."
        : message;
    return new StoreException("Could not write the index in " + dir + ": " + hint, e);
  }

  private void requireWritable() {
    if (writer == null) {
      throw new IllegalStateException("the index was opened read-only");
    }
  }

  private static float[] normalize(float[] vector, String what) {
    double sum = 0;
    for (float v : vector) {
      sum += (double) v * v;
    }
    if (sum == 0 || Double.isNaN(sum) || Double.isInfinite(sum)) {
      throw new IllegalArgumentException("the " + what + " vector has no direction (zero, NaN or infinite)");
    }
    float inv = (float) (1.0 / Math.sqrt(sum));
    float[] unit = new float[vector.length];
    for (int i = 0; i < vector.length; i++) {
      unit[i] = vector[i] * inv;
    }
    return unit;
  }
}
