package dev.imagerag.testing.qdrant;

import static dev.imagerag.testing.qdrant.FakeQdrantState.invalid;

import io.grpc.Status;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.PayloadIndexParams;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.DenseVector;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.SparseVector;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.Points.VectorInput;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import io.qdrant.client.grpc.Points.WithVectorsSelector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One collection of the fake Qdrant: its vector configuration, payload indexes and points, with
 * Qdrant's documented semantics for what Image RAG uses. Named dense vectors are normalised on
 * upsert for Cosine (and the query too, so scores are cosine similarities); a point lacks a named
 * vector it was not given and is never found by a search on it; an upsert replaces the whole point;
 * the whole request is validated before anything is applied (wrong dimension, unknown vector name:
 * INVALID_ARGUMENT with Qdrant's messages). Searches are exact (brute force) and pre-filtered.
 * Sparse vectors with the IDF modifier score Σ q·idf·d over shared indices only, with
 * idf = ln(1 + (N − n + 0.5) / (n + 0.5)), N the points having that sparse vector and n those having
 * the index. Points are kept in id order (numbers before UUIDs), the order of scroll. Not
 * thread-safe: {@link FakeQdrantState} serialises access.
 */
final class InMemoryCollection {
  record IndexInfo(PayloadSchemaType type, PayloadIndexParams params) {}

  record Sparse(int[] indices, float[] values) {}

  record StoredPoint(PointId id, Map<String, Value> payload, Map<String, float[]> dense, Map<String, Sparse> sparse) {}

  final String name;
  final Map<String, VectorParams> dense;
  final Map<String, SparseVectorParams> sparse;
  final boolean unnamedVector;
  final boolean onDiskPayload;
  final Map<String, Value> metadata;
  final Map<String, IndexInfo> indexes = new LinkedHashMap<>();
  private final TreeMap<String, StoredPoint> points = new TreeMap<>();

  InMemoryCollection(String name, Map<String, VectorParams> dense, boolean unnamedVector,
      Map<String, SparseVectorParams> sparse, boolean onDiskPayload, Map<String, Value> metadata) {
    this.name = name;
    this.dense = new TreeMap<>(dense);
    this.unnamedVector = unnamedVector;
    this.sparse = new TreeMap<>(sparse);
    this.onDiskPayload = onDiskPayload;
    this.metadata = new LinkedHashMap<>(metadata);
  }

  int size() {
    return points.size();
  }

  /** Ids sort as Qdrant's: numbers (by value) before UUIDs (by their canonical text). */
  static String key(PointId id) {
    switch (id.getPointIdOptionsCase()) {
      case NUM:
        return String.format("0:%020d", id.getNum());
      case UUID:
        try {
          return "1:" + UUID.fromString(id.getUuid()).toString();
        } catch (IllegalArgumentException e) {
          throw invalid("Unable to parse UUID: " + id.getUuid());
        }
      default:
        throw invalid("Empty point id");
    }
  }

  /** The id as Qdrant returns it: UUIDs in canonical lower-case form. */
  static PointId canonical(PointId id) {
    return id.hasUuid() ? PointId.newBuilder().setUuid(key(id).substring(2)).build() : id;
  }

  void upsert(List<PointStruct> batch) {
    List<StoredPoint> parsed = new ArrayList<>();
    for (PointStruct point : batch) {
      parsed.add(parse(point));
    }
    parsed.forEach(p -> points.put(key(p.id()), p));
  }

  private StoredPoint parse(PointStruct point) {
    Map<String, float[]> denseVectors = new TreeMap<>();
    Map<String, Sparse> sparseVectors = new TreeMap<>();
    Map<String, Vector> named = point.getVectors().hasVectors() ? point.getVectors().getVectors().getVectorsMap()
        : point.getVectors().hasVector() ? Map.of("", point.getVectors().getVector()) : Map.of();
    for (Map.Entry<String, Vector> entry : named.entrySet()) {
      String vectorName = entry.getKey();
      Vector vector = entry.getValue();
      if (sparse.containsKey(vectorName) && vector.hasSparse()) {
        sparseVectors.put(vectorName, sparse(vector.getSparse()));
      } else if (dense.containsKey(vectorName) || vectorName.isEmpty() && unnamedVector) {
        float[] data = data(vector);
        VectorParams params = dense.get(vectorName);
        if (data.length != params.getSize()) {
          throw invalid("Wrong input: Vector dimension error: expected dim: " + params.getSize() + ", got "
              + data.length);
        }
        denseVectors.put(vectorName, params.getDistance() == Distance.Cosine ? normalised(data) : data);
      } else {
        throw invalid("Wrong input: Not existing vector name error: " + vectorName);
      }
    }
    return new StoredPoint(canonical(point.getId()), new LinkedHashMap<>(point.getPayloadMap()), denseVectors,
        sparseVectors);
  }

  void delete(List<PointId> ids) {
    ids.forEach(id -> points.remove(key(id)));
  }

  void delete(Filter filter, FakeFilters filters) {
    points.values().removeIf(p -> filters.matches(filter, p));
  }

  List<RetrievedPoint> get(List<PointId> ids, WithPayloadSelector withPayload, WithVectorsSelector withVectors) {
    List<RetrievedPoint> found = new ArrayList<>();
    for (PointId id : ids) {
      StoredPoint point = points.get(key(id));
      if (point != null) {
        found.add(PointViews.retrieved(this, point, withPayload, withVectors, true));
      }
    }
    return found;
  }

  long count(Filter filter, FakeFilters filters) {
    return points.values().stream().filter(p -> filters.matches(filter, p)).count();
  }

  /** A page in id order from {@code offset} (inclusive); the next page's first id, or null. */
  List<RetrievedPoint> scroll(Filter filter, PointId offset, int limit, WithPayloadSelector withPayload,
      WithVectorsSelector withVectors, FakeFilters filters, PointId[] next) {
    List<RetrievedPoint> page = new ArrayList<>();
    Map<String, StoredPoint> from = offset == null ? points : points.tailMap(key(offset), true);
    for (StoredPoint point : from.values()) {
      if (!filters.matches(filter, point)) {
        continue;
      }
      if (page.size() == limit) {
        next[0] = point.id();
        break;
      }
      page.add(PointViews.retrieved(this, point, withPayload, withVectors, true));
    }
    return page;
  }

  /** Exact nearest neighbours of {@code input} on vector {@code using} among points matching the filter. */
  List<ScoredPoint> query(String using, VectorInput input, Filter filter, int limit, int offset,
      WithPayloadSelector withPayload, WithVectorsSelector withVectors, FakeFilters filters) {
    List<ScoredPoint> scored = new ArrayList<>();
    if (input.hasSparse()) {
      if (!sparse.containsKey(using)) {
        throw invalid("Wrong input: Not existing vector name error: " + using);
      }
      Sparse query = sparse(input.getSparse());
      Map<Integer, Double> idf = sparse.get(using).getModifier() == Modifier.Idf ? idf(using, query) : null;
      for (StoredPoint point : points.values()) {
        Sparse stored = point.sparse().get(using);
        if (stored != null && filters.matches(filter, point)) {
          Double score = sparseScore(query, stored, idf);
          if (score != null) {
            scored.add(PointViews.scored(this, point, score, withPayload, withVectors));
          }
        }
      }
    } else if (input.hasDense()) {
      VectorParams params = dense.get(using);
      if (params == null) {
        throw invalid("Wrong input: Not existing vector name error: " + using);
      }
      float[] query = dataOf(input.getDense());
      if (query.length != params.getSize()) {
        throw invalid("Wrong input: Vector dimension error: expected dim: " + params.getSize() + ", got "
            + query.length);
      }
      float[] q = params.getDistance() == Distance.Cosine ? normalised(query) : query;
      if (params.getDistance() != Distance.Cosine && params.getDistance() != Distance.Dot) {
        throw Status.UNIMPLEMENTED.withDescription("the fake scores Cosine and Dot only").asRuntimeException();
      }
      for (StoredPoint point : points.values()) {
        float[] stored = point.dense().get(using);
        if (stored != null && filters.matches(filter, point)) {
          scored.add(PointViews.scored(this, point, dot(q, stored), withPayload, withVectors));
        }
      }
    } else {
      throw Status.UNIMPLEMENTED.withDescription("the fake answers dense and sparse nearest queries only")
          .asRuntimeException();
    }
    scored.sort(Comparator.comparingDouble((ScoredPoint p) -> -p.getScore()).thenComparing(p -> key(p.getId())));
    return scored.subList(Math.min(offset, scored.size()), Math.min(scored.size(), offset + limit));
  }

  /** Per query index: Qdrant's IDF over the points that have sparse vector {@code using}. */
  private Map<Integer, Double> idf(String using, Sparse query) {
    long n = points.values().stream().filter(p -> p.sparse().containsKey(using)).count();
    Map<Integer, Double> idf = new TreeMap<>();
    for (int index : query.indices()) {
      long df = points.values().stream().map(p -> p.sparse().get(using))
          .filter(s -> s != null && contains(s, index)).count();
      idf.put(index, Math.log((n - df + 0.5) / (df + 0.5) + 1.0));
    }
    return idf;
  }

  /** The dot product over shared indices, or null when none is shared (Qdrant never returns those). */
  private static Double sparseScore(Sparse query, Sparse stored, Map<Integer, Double> idf) {
    double score = 0;
    boolean shared = false;
    for (int i = 0; i < query.indices().length; i++) {
      int index = query.indices()[i];
      for (int j = 0; j < stored.indices().length; j++) {
        if (stored.indices()[j] == index) {
          double weight = idf == null ? query.values()[i] : query.values()[i] * idf.get(index);
          score += weight * stored.values()[j];
          shared = true;
        }
      }
    }
    return shared ? score : null;
  }

  private static boolean contains(Sparse vector, int index) {
    for (int i : vector.indices()) {
      if (i == index) {
        return true;
      }
    }
    return false;
  }

  private Sparse sparse(SparseVector vector) {
    if (vector.getIndicesCount() != vector.getValuesCount()) {
      throw invalid("Validation error in body: [vector: indices and values must be the same length]");
    }
    int[] indices = new int[vector.getIndicesCount()];
    float[] values = new float[vector.getValuesCount()];
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < indices.length; i++) {
      indices[i] = vector.getIndices(i);
      values[i] = vector.getValues(i);
      if (!seen.add(indices[i])) {
        throw invalid("Validation error in body: [vector: indices must be unique]");
      }
    }
    return new Sparse(indices, values);
  }

  private static float[] data(Vector vector) {
    if (vector.hasDense()) {
      return dataOf(vector.getDense());
    }
    float[] data = new float[vector.getDataCount()];
    for (int i = 0; i < data.length; i++) {
      data[i] = vector.getData(i);
    }
    return data;
  }

  private static float[] dataOf(DenseVector vector) {
    float[] data = new float[vector.getDataCount()];
    for (int i = 0; i < data.length; i++) {
      data[i] = vector.getData(i);
    }
    return data;
  }

  /** Qdrant stores Cosine vectors normalised (a zero vector stays zero). */
  static float[] normalised(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    if (sum == 0) {
      return v.clone();
    }
    float[] out = new float[v.length];
    double inv = 1.0 / Math.sqrt(sum);
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] * inv);
    }
    return out;
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  List<StoredPoint> points() {
    return List.copyOf(points.values());
  }
}
