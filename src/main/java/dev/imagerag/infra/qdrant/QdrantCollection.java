package dev.imagerag.infra.qdrant;

import dev.imagerag.infra.qdrant.QdrantConnection.QdrantFailure;
import dev.imagerag.infra.qdrant.QdrantSchema.Layout;
import dev.imagerag.logic.store.StoreException;
import io.grpc.Status;
import io.qdrant.client.grpc.Collections.DeleteCollection;
import io.qdrant.client.grpc.Collections.GetCollectionInfoRequest;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The collection holding one library's index: what it looks like (read once, then cached and
 * re-read when the server says it changed), created on the first write with the configured
 * dimensions (names without one take the first vectors' dimension), given vectors and payload
 * indexes it lacks, refused with the fix when it cannot hold this library's data, and dropped by
 * {@code deleteAll}. Thread-safe; schema changes are serialised.
 */
final class QdrantCollection {
  private final QdrantConnection connection;
  private final String name;
  private final Map<String, Integer> configured;
  private final Object lock = new Object();
  private volatile Layout layout;

  QdrantCollection(QdrantConnection connection, String name, Map<String, Integer> configured) {
    this.connection = connection;
    this.name = name;
    this.configured = Map.copyOf(configured);
  }

  String name() {
    return name;
  }

  /** The cached layout (read from the server the first time). */
  Layout layout() {
    Layout known = layout;
    return known != null ? known : refresh();
  }

  /** Reads the layout again from the server. */
  Layout refresh() {
    Layout read;
    try {
      read = Layout.of(connection.call("read the collection " + name,
          g -> g.collections().get(GetCollectionInfoRequest.newBuilder().setCollectionName(name).build()))
          .getResult());
    } catch (QdrantFailure e) {
      if (e.code() != Status.Code.NOT_FOUND) {
        throw connection.describe(e);
      }
      read = Layout.ABSENT;
    }
    layout = read;
    return read;
  }

  /** After the server said the collection is gone (another process dropped it). */
  void forget() {
    layout = null;
  }

  /** The layout, refused when the collection cannot be read as an Image RAG index. */
  Layout usableLayout() {
    Layout current = layout();
    requireUsable(current);
    return current;
  }

  /**
   * Makes sure the collection exists and takes vectors of {@code dimensions}: creates it, adds a
   * missing named vector or payload index; refuses another dimension.
   */
  Layout prepareForWrite(Map<String, Integer> dimensions, String example) {
    synchronized (lock) {
      Layout current = layout();
      if (!current.exists()) {
        Map<String, Integer> create = new TreeMap<>(configured);
        dimensions.forEach((vector, size) -> {
          Integer expected = create.put(vector, size);
          if (expected != null && !expected.equals(size)) {
            throw mismatch(vector, expected, size, example);
          }
        });
        create(create);
        current = refresh();
      }
      requireUsable(current);
      boolean changed = false;
      for (Map.Entry<String, Integer> entry : dimensions.entrySet()) {
        Integer held = current.dimensions().get(entry.getKey());
        if (held == null) {
          addVector(entry.getKey(), entry.getValue(), example);
          changed = true;
        } else if (!held.equals(entry.getValue())) {
          throw mismatch(entry.getKey(), held, entry.getValue(), example);
        }
      }
      if (!current.hasKeywords()) {
        call("add keyword vectors to the collection " + name,
            g -> g.points().withDeadlineAfter(QdrantConnection.SCHEMA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .createVectorName(QdrantSchema.keywordVector(name)));
        changed = true;
      }
      for (String field : QdrantSchema.INDEXES.keySet()) {
        if (!current.indexed().contains(field)) {
          call("index the payload field " + field + " of " + name,
              g -> g.points().withDeadlineAfter(QdrantConnection.SCHEMA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                  .createFieldIndex(QdrantSchema.payloadIndex(name, field)));
          changed = true;
        }
      }
      return changed ? refresh() : current;
    }
  }

  /** Drops the collection (a later write creates it again, with new dimensions if they changed). */
  void drop() {
    synchronized (lock) {
      Layout current = layout();
      if (current.exists() && current.problem() != null) {
        throw new StoreException("Image RAG will not delete the Qdrant collection '" + name + "' at "
            + connection.location() + ": " + current.problem() + ", so it is not an Image RAG index. "
            + CHOOSE_ANOTHER);
      }
      call("delete the collection " + name, g -> g.collections()
          .withDeadlineAfter(QdrantConnection.SCHEMA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .delete(DeleteCollection.newBuilder().setCollectionName(name).build()));
      layout = Layout.ABSENT;
    }
  }

  /** A refusal to mix vectors of two dimensions under one name, with the fix. */
  StoreException mismatch(String vector, int held, int brought, String example) {
    return new StoreException("The Qdrant collection '" + name + "' holds " + vector + " vectors of dimension " + held
        + " but " + example + " brings " + brought + " (the model changed). Run `image-rag reindex` to rebuild the "
        + "collection for the new model, or choose a new collection name (--collection NAME) and run "
        + "`image-rag migrate --to qdrant` to fill it.");
  }

  private static final String CHOOSE_ANOTHER = "Choose another collection name (remoteIndex.collection in "
      + "settings.json, or --collection NAME), then run `image-rag migrate --to qdrant` to fill it.";

  private void requireUsable(Layout current) {
    if (current.exists() && current.problem() != null) {
      throw new StoreException("The Qdrant collection '" + name + "' at " + connection.location()
          + " cannot hold this library's index: " + current.problem() + ". " + CHOOSE_ANOTHER);
    }
    if (current.exists() && !current.compatibleSchema()) {
      throw new StoreException("The Qdrant collection '" + name + "' was written by another version of Image RAG "
          + "(schema " + current.schema() + "; this version writes " + QdrantSchema.SCHEMA + "). Run "
          + "`image-rag reindex` to rebuild it.");
    }
  }

  private void create(Map<String, Integer> dimensions) {
    try {
      connection.call("create the collection " + name, g -> g.collections()
          .withDeadlineAfter(QdrantConnection.SCHEMA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .create(QdrantSchema.createCollection(name, dimensions)));
    } catch (QdrantFailure e) {
      // Another process created it first (older servers said INVALID_ARGUMENT "already exists").
      boolean raced = e.code() == Status.Code.ALREADY_EXISTS
          || e.code() == Status.Code.INVALID_ARGUMENT && e.description().contains("already exists");
      if (!raced) {
        throw connection.describe(e);
      }
    }
  }

  private void addVector(String vector, int size, String example) {
    try {
      connection.call("add " + vector + " vectors to the collection " + name, g -> g.points()
          .withDeadlineAfter(QdrantConnection.SCHEMA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .createVectorName(QdrantSchema.denseVector(name, vector, size)));
    } catch (QdrantFailure e) {
      if (e.code() == Status.Code.UNIMPLEMENTED) {
        throw new StoreException("The Qdrant collection '" + name + "' has no " + vector + " vectors, and the server at "
            + connection.location() + " cannot add them to an existing collection (that needs Qdrant 1.18). Run "
            + "`image-rag reindex` to create the collection again with every vector (" + example + " brings "
            + vector + " vectors of dimension " + size + ").", e);
      }
      throw connection.describe(e);
    }
  }

  private <T> T call(String what, java.util.function.Function<io.qdrant.client.QdrantGrpcClient,
      com.google.common.util.concurrent.ListenableFuture<T>> rpc) {
    try {
      return connection.call(what, rpc);
    } catch (QdrantFailure e) {
      throw connection.describe(e);
    }
  }
}
