package dev.imagerag.testing.qdrant;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.qdrant.client.grpc.Collections.CollectionConfig;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CollectionParams;
import io.qdrant.client.grpc.Collections.CollectionStatus;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.HnswConfigDiff;
import io.qdrant.client.grpc.Collections.OptimizerStatus;
import io.qdrant.client.grpc.Collections.OptimizersConfigDiff;
import io.qdrant.client.grpc.Collections.PayloadIndexParams;
import io.qdrant.client.grpc.Collections.PayloadSchemaInfo;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Collections.WalConfigDiff;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.CreateVectorNameRequest;
import io.qdrant.client.grpc.Points.FieldType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The fake server's data: collections by name, behind one lock (the services call in with it
 * held), with Qdrant's errors: NOT_FOUND "Collection `x` doesn't exist!", ALREADY_EXISTS on a
 * second create, INVALID_ARGUMENT "Wrong input: ..." for bad requests.
 */
final class FakeQdrantState {
  private static final Pattern BAD_NAME = Pattern.compile(".*[/\\\\:*?\"<>|\\x00].*");

  private final Map<String, InMemoryCollection> collections = new TreeMap<>();
  private final boolean strict;

  FakeQdrantState(boolean strict) {
    this.strict = strict;
  }

  static StatusRuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }

  static StatusRuntimeException notFound(String collection) {
    return Status.NOT_FOUND.withDescription("Not found: Collection `" + collection + "` doesn't exist!")
        .asRuntimeException();
  }

  /** Runs {@code work} on the collection under the lock; NOT_FOUND when it does not exist. */
  synchronized <T> T with(String collection, Function<InMemoryCollection, T> work) {
    InMemoryCollection found = collections.get(collection);
    if (found == null) {
      throw notFound(collection);
    }
    return work.apply(found);
  }

  synchronized FakeFilters filters(InMemoryCollection collection) {
    return new FakeFilters(collection, strict);
  }

  synchronized boolean exists(String name) {
    return collections.containsKey(name);
  }

  synchronized List<String> names() {
    return List.copyOf(collections.keySet());
  }

  synchronized void create(CreateCollection request) {
    String name = request.getCollectionName();
    if (name.isEmpty() || name.length() > 255 || BAD_NAME.matcher(name).matches()) {
      throw invalid("Validation error in body: [collection_name: collection name cannot be empty or contain "
          + "/ \\ : * ? \" < > | or NUL]");
    }
    if (collections.containsKey(name)) {
      throw Status.ALREADY_EXISTS.withDescription("Wrong input: Collection `" + name + "` already exists!")
          .asRuntimeException();
    }
    Map<String, VectorParams> dense = new TreeMap<>();
    boolean unnamed = false;
    if (request.hasVectorsConfig()) {
      VectorsConfig config = request.getVectorsConfig();
      if (config.hasParams()) {
        dense.put("", validated("", config.getParams()));
        unnamed = true;
      } else {
        config.getParamsMap().getMapMap().forEach((n, p) -> dense.put(n, validated(n, p)));
      }
    }
    collections.put(name, new InMemoryCollection(name, dense, unnamed,
        request.getSparseVectorsConfig().getMapMap(), request.getOnDiskPayload(), request.getMetadataMap()));
  }

  private static VectorParams validated(String name, VectorParams params) {
    if (params.getSize() < 1 || params.getSize() > 65536) {
      throw invalid("Validation error in body: [vectors_config." + name + ".size: value " + params.getSize()
          + " invalid, must be from 1 to 65536]");
    }
    if (params.getDistanceValue() == 0) {
      throw invalid("Wrong input: Distance must be set for vector " + name);
    }
    return params;
  }

  synchronized boolean delete(String name) {
    return collections.remove(name) != null;
  }

  synchronized void createIndex(CreateFieldIndexCollection request) {
    with(request.getCollectionName(), c -> {
      PayloadSchemaType type = schemaType(request.getFieldType());
      PayloadIndexParams params = request.hasFieldIndexParams() ? request.getFieldIndexParams() : null;
      c.indexes.put(request.getFieldName(), new InMemoryCollection.IndexInfo(type, params));
      return null;
    });
  }

  synchronized void createVector(CreateVectorNameRequest request) {
    with(request.getCollectionName(), c -> {
      String vector = request.getVectorName();
      if (c.dense.containsKey(vector) || c.sparse.containsKey(vector)) {
        throw invalid("Wrong input: Vector with name " + vector + " already exists");
      }
      if (c.unnamedVector) {
        throw invalid("Wrong input: Cannot add a named vector to a collection with an unnamed vector");
      }
      if (request.hasDenseConfig()) {
        var d = request.getDenseConfig();
        c.dense.put(vector, validated(vector, VectorParams.newBuilder().setSize(d.getSize())
            .setDistance(d.getDistance()).build()));
      } else if (request.hasSparseConfig()) {
        SparseVectorParams.Builder sparse = SparseVectorParams.newBuilder();
        if (request.getSparseConfig().hasModifier()) {
          sparse.setModifier(request.getSparseConfig().getModifier());
        }
        c.sparse.put(vector, sparse.build());
      } else {
        throw invalid("Wrong input: vector_config is required");
      }
      return null;
    });
  }

  synchronized CollectionInfo info(String name) {
    return with(name, c -> {
      CollectionParams.Builder params = CollectionParams.newBuilder().setShardNumber(1)
          .setOnDiskPayload(c.onDiskPayload).setReplicationFactor(1).setWriteConsistencyFactor(1)
          .setSparseVectorsConfig(SparseVectorConfig.newBuilder().putAllMap(c.sparse));
      if (c.unnamedVector) {
        params.setVectorsConfig(VectorsConfig.newBuilder().setParams(c.dense.get("")));
      } else {
        params.setVectorsConfig(VectorsConfig.newBuilder().setParamsMap(VectorParamsMap.newBuilder().putAllMap(c.dense)));
      }
      Map<String, PayloadSchemaInfo> schema = new LinkedHashMap<>();
      c.indexes.forEach((field, index) -> {
        PayloadSchemaInfo.Builder info = PayloadSchemaInfo.newBuilder().setDataType(index.type())
            .setPoints(c.points().stream().filter(p -> !FakeFilters.values(p.payload(), field).isEmpty()).count());
        if (index.params() != null) {
          info.setParams(index.params());
        }
        schema.put(field, info.build());
      });
      return CollectionInfo.newBuilder().setStatus(CollectionStatus.Green)
          .setOptimizerStatus(OptimizerStatus.newBuilder().setOk(true)).setSegmentsCount(1)
          .setConfig(CollectionConfig.newBuilder().setParams(params)
              .setHnswConfig(HnswConfigDiff.newBuilder().setM(16).setEfConstruct(100).setFullScanThreshold(10000))
              .setOptimizerConfig(OptimizersConfigDiff.getDefaultInstance())
              .setWalConfig(WalConfigDiff.getDefaultInstance()).putAllMetadata(c.metadata))
          .putAllPayloadSchema(schema).setPointsCount(c.size()).setIndexedVectorsCount(0).build();
    });
  }

  private static PayloadSchemaType schemaType(FieldType type) {
    return switch (type) {
      case FieldTypeKeyword -> PayloadSchemaType.Keyword;
      case FieldTypeInteger -> PayloadSchemaType.Integer;
      case FieldTypeFloat -> PayloadSchemaType.Float;
      case FieldTypeGeo -> PayloadSchemaType.Geo;
      case FieldTypeText -> PayloadSchemaType.Text;
      case FieldTypeBool -> PayloadSchemaType.Bool;
      case FieldTypeDatetime -> PayloadSchemaType.Datetime;
      case FieldTypeUuid -> PayloadSchemaType.Uuid;
      default -> throw invalid("Wrong input: unknown field type " + type);
    };
  }
}
