package dev.imagerag.testing.qdrant;

import static io.qdrant.client.ConditionFactory.datetimeRange;
import static io.qdrant.client.ConditionFactory.match;
import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.ConditionFactory.matchKeywords;
import static io.qdrant.client.ConditionFactory.matchText;
import static io.qdrant.client.ConditionFactory.range;
import static io.qdrant.client.ValueFactory.list;
import static io.qdrant.client.ValueFactory.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.WithVectorsSelectorFactory;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.DeleteCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.GetCollectionInfoRequest;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.PayloadIndexParams;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.TextIndexParams;
import io.qdrant.client.grpc.Collections.TokenizerType;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.DatetimeRange;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Common.Range;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.CountPoints;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.DenseVector;
import io.qdrant.client.grpc.Points.FieldType;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.NamedVectors;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.Query;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import io.qdrant.client.grpc.Points.SparseVector;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.Points.VectorInput;
import io.qdrant.client.grpc.Points.Vectors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Qdrant's documented behaviour for the calls Image RAG makes, checked through the real client's
 * raw gRPC stubs. It pins down the in-process double ({@link FakeQdrantSemanticsTest}) and, run
 * against a real server ({@code QDRANT_URL}), shows that the double behaves like the real thing.
 * Each test uses its own collection "semantics-&lt;uuid&gt;" with a Cosine vector "v" (size 3), a Dot
 * vector "d" (size 2) and a sparse vector "s" with the IDF modifier.
 */
public abstract class QdrantSemanticsContract {
  private final String name = "semantics-" + UUID.randomUUID();
  private boolean created;

  protected abstract QdrantGrpcClient client();

  /** Closes what {@link #client()} uses; runs after the test's collection is deleted. */
  protected abstract void release();

  @AfterEach
  void dropCollection() {
    try {
      if (created) {
        call(g -> g.collections().delete(DeleteCollection.newBuilder().setCollectionName(name).build()));
      }
    } finally {
      release();
    }
  }

  @Test
  void aMissingCollectionIsNotFound() {
    assertThat(failure(g -> g.collections().get(info(name)))).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(failure(g -> g.points().count(CountPoints.newBuilder().setCollectionName(name).build())))
        .isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void creatingTheSameCollectionTwiceIsAlreadyExists() {
    create();
    assertThat(failure(g -> g.collections().create(definition()))).isEqualTo(Status.Code.ALREADY_EXISTS);
  }

  @Test
  void aWrongDimensionIsInvalidArgumentAndTheBatchIsNotApplied() {
    create();
    Status.Code code = failure(g -> g.points().upsert(upsert(point(1, Map.of("v", dense(1, 0, 0))),
        point(2, Map.of("v", dense(1, 0))))));

    assertThat(code).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(count(null)).isZero();
  }

  @Test
  void anUnknownVectorNameIsInvalidArgument() {
    create();
    assertThat(failure(g -> g.points().upsert(upsert(point(1, Map.of("nope", dense(1, 0, 0)))))))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void cosineVectorsAreStoredNormalisedAndScoredByCosine() {
    create();
    write(point(1, Map.of("v", dense(3, 4, 0))), point(2, Map.of("v", dense(0, 0, -2))));

    RetrievedPoint got = get(1).get(0);
    List<Float> stored = got.getVectors().getVectors().getVectorsMap().get("v").getDense().getDataList();
    assertThat(stored.get(0)).isCloseTo(0.6f, within(1e-6f));
    assertThat(stored.get(1)).isCloseTo(0.8f, within(1e-6f));
    List<ScoredPoint> hits = query("v", VectorInput.newBuilder().setDense(denseData(6, 8, 0)).build(), null, 10);
    assertThat(hits).extracting(p -> p.getId().getNum()).containsExactly(1L, 2L);
    assertThat(hits.get(0).getScore()).isCloseTo(1.0f, within(1e-5f));
    assertThat(hits.get(1).getScore()).isCloseTo(0.0f, within(1e-5f));
  }

  @Test
  void dotVectorsAreScoredByTheRawDotProduct() {
    create();
    write(point(1, Map.of("d", dense(2, 0))));

    assertThat(query("d", VectorInput.newBuilder().setDense(denseData(3, 1)).build(), null, 10).get(0).getScore())
        .isCloseTo(6.0f, within(1e-5f));
  }

  @Test
  void pointsWithoutTheNamedVectorAreNeverFound() {
    create();
    write(point(1, Map.of("v", dense(1, 0, 0))), point(2, Map.of("d", dense(1, 0))), point(3, Map.of()));

    assertThat(query("v", VectorInput.newBuilder().setDense(denseData(1, 1, 1)).build(), null, 10))
        .extracting(p -> p.getId().getNum()).containsExactly(1L);
    assertThat(count(null)).isEqualTo(3);
  }

  @Test
  void anUpsertReplacesTheWholePoint() {
    create();
    write(point(1, Map.of("v", dense(1, 0, 0), "d", dense(1, 1)), Map.of("a", value("x"))));
    write(point(1, Map.of("d", dense(0, 1)), Map.of("b", value("y"))));

    RetrievedPoint got = get(1).get(0);
    assertThat(got.getPayloadMap()).containsOnlyKeys("b");
    assertThat(got.getVectors().getVectors().getVectorsMap()).containsOnlyKeys("d");
  }

  @Test
  void uuidIdsComeBackInCanonicalForm() {
    create();
    UUID id = UUID.randomUUID();
    write(PointStruct.newBuilder().setId(PointId.newBuilder().setUuid(id.toString().toUpperCase()))
        .setVectors(Vectors.newBuilder().setVectors(NamedVectors.getDefaultInstance())).build());

    ScrollResponse page = call(g -> g.points().scroll(ScrollPoints.newBuilder().setCollectionName(name).build()));
    assertThat(page.getResult(0).getId().getUuid()).isEqualTo(id.toString());
  }

  @Test
  void keywordConditionsMatchAnyElementOfAnArray() {
    create();
    index("tags", FieldType.FieldTypeKeyword, null);
    write(point(1, Map.of(), Map.of("tags", list(List.of(value("a"), value("b"))))),
        point(2, Map.of(), Map.of("tags", value("c"))), point(3, Map.of(), Map.of()));

    assertThat(count(must(matchKeyword("tags", "b")))).isEqualTo(1);
    assertThat(count(must(matchKeywords("tags", List.of("c", "b"))))).isEqualTo(2);
    assertThat(count(Filter.newBuilder().addMustNot(matchKeyword("tags", "a")).build()))
        .as("must_not holds where the field is missing").isEqualTo(2);
    assertThat(count(Filter.newBuilder().addShould(matchKeyword("tags", "a")).addShould(matchKeyword("tags", "c"))
        .build())).isEqualTo(2);
  }

  @Test
  void rangesCompareNumbersAndDatetimes() {
    create();
    index("w", FieldType.FieldTypeInteger, null);
    index("t", FieldType.FieldTypeDatetime, null);
    index("ok", FieldType.FieldTypeBool, null);
    write(point(1, Map.of(), Map.of("w", value(100), "t", value("2024-01-01T00:00:00Z"), "ok", value(true))),
        point(2, Map.of(), Map.of("w", value(200), "t", value("2024-06-01T12:00:00.250Z"), "ok", value(false))));

    assertThat(count(must(range("w", Range.newBuilder().setGte(200).build())))).isEqualTo(1);
    assertThat(count(must(range("w", Range.newBuilder().setGte(100).setLt(200).build())))).isEqualTo(1);
    DatetimeRange from = DatetimeRange.newBuilder().setGte(Timestamp.newBuilder().setSeconds(1704067200)).build();
    DatetimeRange before = DatetimeRange.newBuilder().setLt(Timestamp.newBuilder().setSeconds(1704067200)).build();
    assertThat(count(must(datetimeRange("t", from)))).as("gte includes the bound").isEqualTo(2);
    assertThat(count(must(datetimeRange("t", before)))).as("lt excludes the bound").isZero();
    assertThat(count(must(match("ok", false)))).isEqualTo(1);
  }

  @Test
  void fullTextMatchWantsEveryTokenOfTheIndexTokenizer() {
    create();
    index("text", FieldType.FieldTypeText, PayloadIndexParams.newBuilder().setTextIndexParams(TextIndexParams
        .newBuilder().setTokenizer(TokenizerType.Whitespace).setLowercase(false)).build());
    write(point(1, Map.of(), Map.of("text", value("red bicycl station"))),
        point(2, Map.of(), Map.of("text", value("red scooter"))));

    assertThat(count(must(matchText("text", "red")))).isEqualTo(2);
    assertThat(count(must(matchText("text", "bicycl red")))).isEqualTo(1);
    assertThat(count(must(matchText("text", "bicy")))).as("whole tokens, not substrings").isZero();
  }

  @Test
  void sparseIdfScoresFollowQdrantsFormula() {
    create();
    write(point(1, Map.of("s", sparse(new int[] {1, 2}, new float[] {0.5f, 1.0f}))),
        point(2, Map.of("s", sparse(new int[] {1}, new float[] {2.0f}))),
        point(3, Map.of("s", sparse(new int[] {3}, new float[] {1.0f}))),
        point(4, Map.of("v", dense(1, 0, 0))));

    List<ScoredPoint> hits = query("s", VectorInput.newBuilder().setSparse(SparseVector.newBuilder()
        .addIndices(1).addValues(1).addIndices(2).addValues(1)).build(), null, 10);

    // N = 3 points with "s"; n(1) = 2, n(2) = 1. Point 3 shares no index: not returned.
    double idf1 = Math.log((3 - 2 + 0.5) / (2 + 0.5) + 1);
    double idf2 = Math.log((3 - 1 + 0.5) / (1 + 0.5) + 1);
    assertThat(hits).extracting(p -> p.getId().getNum()).containsExactly(1L, 2L);
    assertThat((double) hits.get(0).getScore()).isCloseTo(0.5 * idf1 + 1.0 * idf2, within(1e-4));
    assertThat((double) hits.get(1).getScore()).isCloseTo(2.0 * idf1, within(1e-4));
  }

  @Test
  void scrollPagesThroughPointsInIdOrder() {
    create();
    for (int i = 5; i >= 1; i--) {
      write(point(i, Map.of()));
    }
    List<Long> seen = new ArrayList<>();
    PointId offset = null;
    do {
      ScrollPoints.Builder request = ScrollPoints.newBuilder().setCollectionName(name).setLimit(2);
      if (offset != null) {
        request.setOffset(offset);
      }
      ScrollResponse page = call(g -> g.points().scroll(request.build()));
      page.getResultList().forEach(p -> seen.add(p.getId().getNum()));
      offset = page.hasNextPageOffset() ? page.getNextPageOffset() : null;
    } while (offset != null);

    assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  // ---- helpers -----------------------------------------------------------------------------

  private void create() {
    call(g -> g.collections().create(definition()));
    created = true;
  }

  private CreateCollection definition() {
    return CreateCollection.newBuilder().setCollectionName(name)
        .setVectorsConfig(VectorsConfig.newBuilder().setParamsMap(VectorParamsMap.newBuilder()
            .putMap("v", VectorParams.newBuilder().setSize(3).setDistance(Distance.Cosine).build())
            .putMap("d", VectorParams.newBuilder().setSize(2).setDistance(Distance.Dot).build())))
        .setSparseVectorsConfig(SparseVectorConfig.newBuilder().putMap("s",
            SparseVectorParams.newBuilder().setModifier(Modifier.Idf).build()))
        .build();
  }

  private void index(String field, FieldType type, PayloadIndexParams params) {
    CreateFieldIndexCollection.Builder request = CreateFieldIndexCollection.newBuilder().setCollectionName(name)
        .setWait(true).setFieldName(field).setFieldType(type);
    if (params != null) {
      request.setFieldIndexParams(params);
    }
    call(g -> g.points().createFieldIndex(request.build()));
  }

  private static GetCollectionInfoRequest info(String collection) {
    return GetCollectionInfoRequest.newBuilder().setCollectionName(collection).build();
  }

  private UpsertPoints upsert(PointStruct... points) {
    return UpsertPoints.newBuilder().setCollectionName(name).setWait(true).addAllPoints(List.of(points)).build();
  }

  private void write(PointStruct... points) {
    call(g -> g.points().upsert(upsert(points)));
  }

  private static PointStruct point(long id, Map<String, Vector> vectors) {
    return point(id, vectors, Map.of());
  }

  private static PointStruct point(long id, Map<String, Vector> vectors, Map<String, Value> payload) {
    return PointStruct.newBuilder().setId(PointId.newBuilder().setNum(id))
        .setVectors(Vectors.newBuilder().setVectors(NamedVectors.newBuilder().putAllVectors(new LinkedHashMap<>(vectors))))
        .putAllPayload(payload).build();
  }

  private static Vector dense(float... values) {
    return Vector.newBuilder().setDense(denseData(values)).build();
  }

  private static DenseVector denseData(float... values) {
    DenseVector.Builder d = DenseVector.newBuilder();
    for (float v : values) {
      d.addData(v);
    }
    return d.build();
  }

  private static Vector sparse(int[] indices, float[] values) {
    SparseVector.Builder s = SparseVector.newBuilder();
    for (int i = 0; i < indices.length; i++) {
      s.addIndices(indices[i]).addValues(values[i]);
    }
    return Vector.newBuilder().setSparse(s).build();
  }

  private static Filter must(Condition condition) {
    return Filter.newBuilder().addMust(condition).build();
  }

  private long count(Filter filter) {
    CountPoints.Builder request = CountPoints.newBuilder().setCollectionName(name).setExact(true);
    if (filter != null) {
      request.setFilter(filter);
    }
    return call(g -> g.points().count(request.build())).getResult().getCount();
  }

  private List<RetrievedPoint> get(long id) {
    return call(g -> g.points().get(GetPoints.newBuilder().setCollectionName(name)
        .addIds(PointId.newBuilder().setNum(id)).setWithPayload(WithPayloadSelectorFactory.enable(true))
        .setWithVectors(WithVectorsSelectorFactory.enable(true)).build())).getResultList();
  }

  private List<ScoredPoint> query(String using, VectorInput input, Filter filter, int limit) {
    QueryPoints.Builder request = QueryPoints.newBuilder().setCollectionName(name).setUsing(using)
        .setQuery(Query.newBuilder().setNearest(input)).setLimit(limit);
    if (filter != null) {
      request.setFilter(filter);
    }
    return call(g -> g.points().query(request.build())).getResultList();
  }

  private <T> T call(Function<QdrantGrpcClient, ListenableFuture<T>> rpc) {
    try {
      return rpc.apply(client()).get();
    } catch (ExecutionException e) {
      throw new AssertionError("Qdrant call failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private <T> Status.Code failure(Function<QdrantGrpcClient, ListenableFuture<T>> rpc) {
    Throwable thrown = catchThrowable(() -> rpc.apply(client()).get());
    assertThat(thrown).as("the call should fail").isInstanceOf(ExecutionException.class);
    return Status.fromThrowable(thrown.getCause()).getCode();
  }
}
