package dev.imagerag.testing.qdrant;

import static dev.imagerag.testing.qdrant.FakeQdrantState.invalid;

import dev.imagerag.testing.qdrant.InMemoryCollection.StoredPoint;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.DenseVector;
import io.qdrant.client.grpc.Points.NamedVectorsOutput;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.SparseVector;
import io.qdrant.client.grpc.Points.VectorOutput;
import io.qdrant.client.grpc.Points.VectorsOutput;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import io.qdrant.client.grpc.Points.WithVectorsSelector;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A stored point as an answer shows it: the payload keys and vectors the request's selectors ask
 * for (payload: all, none, include or exclude; vectors: all, none or named ones, an unknown name
 * being INVALID_ARGUMENT). Retrieval defaults to the whole payload, search to none, as in Qdrant.
 */
final class PointViews {
  private PointViews() {}

  static ScoredPoint scored(InMemoryCollection collection, StoredPoint point, double score, WithPayloadSelector withPayload,
      WithVectorsSelector withVectors) {
    RetrievedPoint retrieved = retrieved(collection, point, withPayload, withVectors, false);
    ScoredPoint.Builder scored = ScoredPoint.newBuilder().setId(point.id()).setScore((float) score)
        .putAllPayload(retrieved.getPayloadMap());
    if (retrieved.hasVectors()) {
      scored.setVectors(retrieved.getVectors());
    }
    return scored.build();
  }

  static RetrievedPoint retrieved(InMemoryCollection collection, StoredPoint point, WithPayloadSelector withPayload,
      WithVectorsSelector withVectors, boolean payloadByDefault) {
    RetrievedPoint.Builder out = RetrievedPoint.newBuilder().setId(point.id());
    out.putAllPayload(selectPayload(point.payload(), withPayload, payloadByDefault));
    Set<String> names = selectVectors(collection, withVectors);
    if (!names.isEmpty()) {
      NamedVectorsOutput.Builder vectors = NamedVectorsOutput.newBuilder();
      point.dense().forEach((n, v) -> {
        if (names.contains(n)) {
          DenseVector.Builder d = DenseVector.newBuilder();
          for (float x : v) {
            d.addData(x);
          }
          vectors.putVectors(n, VectorOutput.newBuilder().setDense(d).build());
        }
      });
      point.sparse().forEach((n, s) -> {
        if (names.contains(n)) {
          SparseVector.Builder out2 = SparseVector.newBuilder();
          for (int i = 0; i < s.indices().length; i++) {
            out2.addIndices(s.indices()[i]).addValues(s.values()[i]);
          }
          vectors.putVectors(n, VectorOutput.newBuilder().setSparse(out2).build());
        }
      });
      out.setVectors(VectorsOutput.newBuilder().setVectors(vectors));
    }
    return out.build();
  }

  private static Map<String, Value> selectPayload(Map<String, Value> payload, WithPayloadSelector selector,
      boolean byDefault) {
    switch (selector.getSelectorOptionsCase()) {
      case ENABLE:
        return selector.getEnable() ? payload : Map.of();
      case INCLUDE: {
        Map<String, Value> out = new LinkedHashMap<>();
        selector.getInclude().getFieldsList().forEach(f -> {
          if (payload.containsKey(f)) {
            out.put(f, payload.get(f));
          }
        });
        return out;
      }
      case EXCLUDE: {
        Map<String, Value> out = new LinkedHashMap<>(payload);
        selector.getExclude().getFieldsList().forEach(out::remove);
        return out;
      }
      default:
        return byDefault ? payload : Map.of();
    }
  }

  private static Set<String> selectVectors(InMemoryCollection collection, WithVectorsSelector selector) {
    Set<String> all = new HashSet<>(collection.dense.keySet());
    all.addAll(collection.sparse.keySet());
    switch (selector.getSelectorOptionsCase()) {
      case ENABLE:
        return selector.getEnable() ? all : Set.of();
      case INCLUDE:
        for (String n : selector.getInclude().getNamesList()) {
          if (!all.contains(n)) {
            throw invalid("Wrong input: Not existing vector name error: " + n);
          }
        }
        return new HashSet<>(selector.getInclude().getNamesList());
      default:
        return Set.of();
    }
  }

}
