package dev.imagerag.infra.qdrant;

import dev.imagerag.domain.ImageId;
import dev.imagerag.infra.qdrant.QdrantConnection.QdrantFailure;
import dev.imagerag.infra.qdrant.QdrantSchema.Layout;
import dev.imagerag.logic.embed.Vectors;
import dev.imagerag.logic.store.IndexedImage;
import dev.imagerag.logic.store.SearchFilter;
import dev.imagerag.logic.store.StoreException;
import dev.imagerag.logic.store.StoreHit;
import dev.imagerag.logic.store.StoreInfo;
import dev.imagerag.logic.store.StoreSettings;
import dev.imagerag.logic.store.StoreUnavailableException;
import dev.imagerag.logic.store.VectorNames;
import dev.imagerag.logic.store.VectorStore;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.WithVectorsSelectorFactory;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.CountPoints;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsIdsList;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.Query;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import io.qdrant.client.grpc.Points.SearchParams;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.Points.VectorInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The remote index: one Qdrant collection per library, reached over gRPC ({@link QdrantSchema}
 * for its layout, {@link QdrantPayload} for the payload, {@link KeywordVectors} for BM25 keyword
 * search). Points are images, with ids {@link QdrantPoints#id derived from the SHA-256}.
 *
 * <p>Writes wait until Qdrant has applied them ({@code wait=true}); large batches go in requests of
 * {@value #UPSERT_REQUEST} points (a failure part-way leaves the earlier requests applied, which
 * the caller's retry of the whole batch repeats harmlessly). Qdrant normalises vectors of a Cosine
 * collection and scores by their dot product, so {@code nearest} scores are cosine similarities
 * (clamped to [-1, 1] against rounding) and {@code get} returns unit vectors. HNSW is searched with
 * a beam of at least {@value #MIN_HNSW_EF}. Reads of a collection that does not exist yet see an
 * empty index. The server being down surfaces, after retries, as a
 * {@link dev.imagerag.logic.store.StoreUnavailableException}; {@link #info} answers anyway.
 *
 * <p>Tiles of very large images ({@link IndexedImage#visualTiles()}) are not sent to Qdrant: the
 * store accepts images that carry them and indexes their whole-image vectors only, so {@code
 * nearest} here equals {@code nearestWhole} and {@code get} returns no tiles. Such an image is
 * found by its whole vector, its text and its keywords, not by a detail in one corner. The catalog
 * keeps the tile vectors, so nothing is lost: the embedded index searches them.
 */
public final class QdrantVectorStore implements VectorStore {
  static final int UPSERT_REQUEST = 64;
  static final int ID_REQUEST = 256;
  static final int MIN_HNSW_EF = 128;

  private final QdrantConnection connection;
  private final QdrantCollection collection;
  private final Map<String, Integer> configured;
  private final boolean readOnly;

  QdrantVectorStore(QdrantConnection connection, String collection, Map<String, Integer> dimensions, boolean readOnly) {
    for (String name : dimensions.keySet()) {
      VectorNames.requireKnown(name);
    }
    this.connection = connection;
    this.collection = new QdrantCollection(connection, collection, dimensions);
    this.configured = Map.copyOf(dimensions);
    this.readOnly = readOnly;
  }

  /**
   * Connects to the server and collection {@code settings} name for the library in
   * {@code libraryRoot}. Sends nothing yet: an unreachable server shows at the first request.
   *
   * @param dimensions per vector name, the configured model's dimension when known (used when the
   *     collection is created; names left out take the dimension of the first vectors written)
   * @param readOnly refuse writes (a second process beside the library's writer)
   */
  public static QdrantVectorStore open(
      StoreSettings settings, Path libraryRoot, Map<String, Integer> dimensions, boolean readOnly) {
    return new QdrantVectorStore(QdrantConnection.open(settings, QdrantRetry.standard()),
        settings.collectionFor(libraryRoot), dimensions, readOnly);
  }

  /**
   * Like {@link #open} over a channel the caller built (its own TLS trust, a proxy, an in-process
   * server in tests); the settings give the key, timeout and collection, and name the server in
   * messages. The store shuts the channel down when closed.
   */
  public static QdrantVectorStore over(ManagedChannel channel, StoreSettings settings, Path libraryRoot,
      Map<String, Integer> dimensions, boolean readOnly) {
    QdrantConnection connection = new QdrantConnection(channel, settings.endpoint(), settings.timeout(),
        QdrantRetry.standard(), settings.apiKey());
    return new QdrantVectorStore(connection, settings.collectionFor(libraryRoot), dimensions, readOnly);
  }

  /** The server's version (a health check): for status output and to test a connection. */
  public String serverVersion() {
    return connection.serverVersion();
  }

  public String collectionName() {
    return collection.name();
  }

  @Override
  public void upsert(List<IndexedImage> images) {
    if (images.isEmpty()) {
      return;
    }
    requireWritable();
    // Check the whole batch before sending anything, so a bad vector never half-applies it.
    Map<String, Integer> dimensions = new TreeMap<>();
    List<PointStruct> points = new ArrayList<>(images.size());
    for (IndexedImage image : images) {
      Map<String, float[]> unit = new TreeMap<>();
      image.vectors().forEach((name, vector) -> {
        Integer first = dimensions.putIfAbsent(name, vector.length);
        if (first != null && first != vector.length) {
          throw new StoreException("The batch holds " + name + " vectors of dimensions " + first + " and "
              + vector.length + " (image " + image.id().shortHex() + "): the model changed part-way. Run "
              + "`image-rag reindex` to rebuild the index for the current model.");
        }
        unit.put(name, Vectors.normalized(vector, name + " vector of " + image.id().shortHex()));
      });
      points.add(QdrantPoints.point(image, unit, KeywordVectors.document(image.payload())));
    }
    String example = "image " + images.get(0).id().shortHex();
    collection.prepareForWrite(dimensions, example);
    for (int from = 0; from < points.size(); from += UPSERT_REQUEST) {
      List<PointStruct> chunk = points.subList(from, Math.min(points.size(), from + UPSERT_REQUEST));
      try {
        send(chunk);
      } catch (QdrantFailure e) {
        if (e.code() != Status.Code.NOT_FOUND) {
          throw writeFailure(e);
        }
        // Dropped by another process (a reindex) since we looked: create it again, once.
        collection.forget();
        collection.prepareForWrite(dimensions, example);
        try {
          send(chunk);
        } catch (QdrantFailure again) {
          throw writeFailure(again);
        }
      }
    }
  }

  private void send(List<PointStruct> chunk) {
    connection.call("store " + chunk.size() + " images in " + collection.name(), g -> g.points()
        .upsert(UpsertPoints.newBuilder().setCollectionName(collection.name()).setWait(true).addAllPoints(chunk)
            .build()));
  }

  private StoreException writeFailure(QdrantFailure e) {
    if (e.code() == Status.Code.INVALID_ARGUMENT && e.description().toLowerCase(java.util.Locale.ROOT).contains("dimension")) {
      collection.forget();
      return new StoreException("Qdrant refused the vectors for the collection '" + collection.name() + "' ("
          + e.description() + "). Run `image-rag reindex` to rebuild it for the current models.", e);
    }
    return connection.describe(e);
  }

  @Override
  public void delete(Collection<ImageId> ids) {
    if (ids.isEmpty()) {
      return;
    }
    requireWritable();
    if (!collection.usableLayout().exists()) {
      return;
    }
    List<PointId> all = ids.stream().map(QdrantPoints::id).toList();
    for (int from = 0; from < all.size(); from += ID_REQUEST) {
      List<PointId> chunk = all.subList(from, Math.min(all.size(), from + ID_REQUEST));
      ifCollectionExists(() -> connection.call("delete " + chunk.size() + " images from " + collection.name(),
          g -> g.points().delete(DeletePoints.newBuilder().setCollectionName(collection.name()).setWait(true)
              .setPoints(PointsSelector.newBuilder().setPoints(PointsIdsList.newBuilder().addAllIds(chunk)))
              .build())), null);
    }
  }

  @Override
  public void deleteAll() {
    requireWritable();
    collection.drop();
  }

  @Override
  public Optional<IndexedImage> get(ImageId id) {
    Layout layout = collection.usableLayout();
    if (!layout.exists()) {
      return Optional.empty();
    }
    GetPoints.Builder request = GetPoints.newBuilder().setCollectionName(collection.name()).addIds(QdrantPoints.id(id))
        .setWithPayload(WithPayloadSelectorFactory.enable(true));
    if (!layout.dimensions().isEmpty()) {
      request.setWithVectors(WithVectorsSelectorFactory.include(List.copyOf(layout.dimensions().keySet())));
    }
    List<RetrievedPoint> found = ifCollectionExists(() -> connection.call("read image " + id.shortHex(),
        g -> g.points().get(request.build())).getResultList(), List.of());
    return found.isEmpty() ? Optional.empty() : Optional.of(QdrantPoints.image(found.get(0)));
  }

  @Override
  public long count() {
    if (!collection.usableLayout().exists()) {
      return 0;
    }
    return ifCollectionExists(() -> connection.call("count the images in " + collection.name(),
        g -> g.points().count(CountPoints.newBuilder().setCollectionName(collection.name()).setExact(true).build()))
        .getResult().getCount(), 0L);
  }

  @Override
  public void forEachId(Consumer<ImageId> action) {
    if (!collection.usableLayout().exists()) {
      return;
    }
    PointId offset = null;
    do {
      ScrollPoints.Builder request = ScrollPoints.newBuilder().setCollectionName(collection.name()).setLimit(ID_REQUEST)
          .setWithPayload(WithPayloadSelectorFactory.include(List.of(QdrantPayload.IMAGE_ID)))
          .setWithVectors(WithVectorsSelectorFactory.enable(false));
      if (offset != null) {
        request.setOffset(offset);
      }
      ScrollResponse page = ifCollectionExists(() -> connection.call("list the images in " + collection.name(),
          g -> g.points().scroll(request.build())), ScrollResponse.getDefaultInstance());
      page.getResultList().forEach(point -> action.accept(QdrantPayload.imageId(point.getPayloadMap())));
      offset = page.hasNextPageOffset() ? page.getNextPageOffset() : null;
    } while (offset != null);
  }

  @Override
  public List<StoreHit> nearest(String vectorName, float[] query, int k, SearchFilter filter) {
    VectorNames.requireKnown(vectorName);
    requirePositive(k);
    float[] unit = Vectors.normalized(query, "query");
    Layout layout = collection.usableLayout();
    Integer dimension = layout.dimensions().get(vectorName);
    if (dimension == null && layout.exists()) {
      // Another process may have added the vector since we looked.
      dimension = collection.refresh().dimensions().get(vectorName);
    }
    if (dimension == null) {
      return List.of();
    }
    if (dimension != query.length) {
      throw new StoreException("The query has " + query.length + " dimensions but the Qdrant collection '"
          + collection.name() + "' holds " + vectorName + " vectors of " + dimension + ". Run `image-rag reindex` "
          + "after changing models.");
    }
    QueryPoints.Builder request = QueryPoints.newBuilder().setCollectionName(collection.name())
        .setQuery(Query.newBuilder().setNearest(VectorInput.newBuilder().setDense(QdrantPoints.denseData(unit))))
        .setUsing(vectorName).setLimit(k)
        .setParams(SearchParams.newBuilder().setHnswEf(Math.max(k, MIN_HNSW_EF)));
    return search("find images like a " + vectorName + " vector", request, QdrantFilters.of(filter), true);
  }

  @Override
  public List<StoreHit> keyword(String text, int k, SearchFilter filter) {
    requirePositive(k);
    KeywordVectors.Terms terms = KeywordVectors.query(text);
    if (terms.isEmpty()) {
      return List.of();
    }
    Layout layout = collection.usableLayout();
    if (!layout.exists() || !layout.hasKeywords()) {
      return List.of();
    }
    QueryPoints.Builder request = QueryPoints.newBuilder().setCollectionName(collection.name())
        .setQuery(Query.newBuilder().setNearest(VectorInput.newBuilder().setSparse(QdrantPoints.sparse(terms))))
        .setUsing(KeywordVectors.NAME).setLimit(k);
    return search("search keywords", request, QdrantFilters.withAnyTerm(filter, terms.distinct()), false);
  }

  private List<StoreHit> search(String what, QueryPoints.Builder request, Filter filter, boolean cosine) {
    if (filter != null) {
      request.setFilter(filter);
    }
    request.setWithPayload(WithPayloadSelectorFactory.include(List.of(QdrantPayload.IMAGE_ID)));
    List<ScoredPoint> points = ifCollectionExists(() -> connection.call(what + " in " + collection.name(),
        g -> g.points().query(request.build())).getResultList(), List.of());
    List<StoreHit> hits = new ArrayList<>(points.size());
    for (ScoredPoint point : points) {
      double score = cosine ? Math.max(-1.0, Math.min(1.0, point.getScore())) : point.getScore();
      hits.add(new StoreHit(QdrantPayload.imageId(point.getPayloadMap()), score));
    }
    return hits;
  }

  /**
   * Never fails for an unreachable server (the pipeline asks for the kind and dimensions while
   * opening a library): count and size are -1 then, and the dimensions those configured.
   */
  @Override
  public StoreInfo info() {
    String location = connection.location() + "/" + collection.name();
    try {
      // Asks the server every time (a status check), also when the collection is not created yet.
      Layout layout = collection.refresh();
      return new StoreInfo("qdrant", location, count(), -1, layout.exists() ? layout.dimensions() : Map.of());
    } catch (StoreUnavailableException e) {
      return new StoreInfo("qdrant", location + " (unreachable)", -1, -1, configured);
    }
  }

  @Override
  public void close() {
    connection.close();
  }

  // ---- internals --------------------------------------------------------------------------

  /** Runs a read or delete; a collection dropped meanwhile (NOT_FOUND) gives {@code whenGone}. */
  private <T> T ifCollectionExists(java.util.function.Supplier<T> request, T whenGone) {
    try {
      return request.get();
    } catch (QdrantFailure e) {
      if (e.code() == Status.Code.NOT_FOUND) {
        collection.forget();
        return whenGone;
      }
      throw connection.describe(e);
    }
  }

  private void requireWritable() {
    if (readOnly) {
      throw new IllegalStateException("the index was opened read-only");
    }
  }

  private static void requirePositive(int k) {
    if (k <= 0) {
      throw new IllegalArgumentException("k must be > 0, got " + k);
    }
  }
}
