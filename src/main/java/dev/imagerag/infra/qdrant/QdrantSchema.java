package dev.imagerag.infra.qdrant;

import dev.imagerag.logic.store.VectorNames;
import io.qdrant.client.ValueFactory;
import io.qdrant.client.grpc.Collections.BoolIndexParams;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.DatetimeIndexParams;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.IntegerIndexParams;
import io.qdrant.client.grpc.Collections.KeywordIndexParams;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.PayloadIndexParams;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.TextIndexParams;
import io.qdrant.client.grpc.Collections.TokenizerType;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.CreateVectorNameRequest;
import io.qdrant.client.grpc.Points.DenseVectorCreationConfig;
import io.qdrant.client.grpc.Points.FieldType;
import io.qdrant.client.grpc.Points.SparseVectorCreationConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The collection layout this store writes: named dense vectors {@code visual} and
 * {@code textual} (Cosine, sizes from the models), the sparse vector {@code keywords} with the IDF
 * modifier, payload on disk, a payload index for every field a filter or lookup uses, and
 * collection metadata {@value #SCHEMA_KEY} = {@value #SCHEMA} (bumped when the payload or the
 * keyword analysis changes: a collection of another schema must be rebuilt).
 */
final class QdrantSchema {
  static final String SCHEMA_KEY = "image_rag_schema";
  static final long SCHEMA = 1;

  /** Payload indexes: keyword for exact values, integer/datetime ranges, bool, full text for terms. */
  static final Map<String, PayloadSchemaType> INDEXES = indexes();

  private QdrantSchema() {}

  private static Map<String, PayloadSchemaType> indexes() {
    Map<String, PayloadSchemaType> indexes = new LinkedHashMap<>();
    indexes.put(QdrantPayload.IMAGE_ID, PayloadSchemaType.Keyword);
    indexes.put(QdrantPayload.PATHS, PayloadSchemaType.Keyword);
    indexes.put(QdrantPayload.PATH_PREFIXES, PayloadSchemaType.Keyword);
    indexes.put(QdrantPayload.TAG_KEYS, PayloadSchemaType.Keyword);
    indexes.put(QdrantPayload.FORMAT_KEY, PayloadSchemaType.Keyword);
    indexes.put(QdrantPayload.DATE, PayloadSchemaType.Datetime);
    indexes.put(QdrantPayload.WIDTH, PayloadSchemaType.Integer);
    indexes.put(QdrantPayload.HEIGHT, PayloadSchemaType.Integer);
    indexes.put(QdrantPayload.SIZE_BYTES, PayloadSchemaType.Integer);
    indexes.put(QdrantPayload.HAS_TEXT, PayloadSchemaType.Bool);
    indexes.put(QdrantPayload.TERMS, PayloadSchemaType.Text);
    return java.util.Collections.unmodifiableMap(indexes);
  }

  /** The collection with a dense vector for each known dimension, the keyword vector and the marker. */
  static CreateCollection createCollection(String collection, Map<String, Integer> dimensions) {
    CreateCollection.Builder create = CreateCollection.newBuilder()
        .setCollectionName(collection)
        .setOnDiskPayload(true)
        .setSparseVectorsConfig(SparseVectorConfig.newBuilder()
            .putMap(KeywordVectors.NAME, SparseVectorParams.newBuilder().setModifier(Modifier.Idf).build()))
        .putMetadata(SCHEMA_KEY, ValueFactory.value(SCHEMA));
    if (!dimensions.isEmpty()) {
      VectorParamsMap.Builder dense = VectorParamsMap.newBuilder();
      new TreeMap<>(dimensions).forEach((name, size) ->
          dense.putMap(name, VectorParams.newBuilder().setSize(size).setDistance(Distance.Cosine).build()));
      create.setVectorsConfig(VectorsConfig.newBuilder().setParamsMap(dense));
    }
    return create.build();
  }

  static CreateVectorNameRequest denseVector(String collection, String name, int size) {
    return CreateVectorNameRequest.newBuilder().setCollectionName(collection).setWait(true).setVectorName(name)
        .setDenseConfig(DenseVectorCreationConfig.newBuilder().setSize(size).setDistance(Distance.Cosine))
        .build();
  }

  static CreateVectorNameRequest keywordVector(String collection) {
    return CreateVectorNameRequest.newBuilder().setCollectionName(collection).setWait(true)
        .setVectorName(KeywordVectors.NAME)
        .setSparseConfig(SparseVectorCreationConfig.newBuilder().setModifier(Modifier.Idf))
        .build();
  }

  static CreateFieldIndexCollection payloadIndex(String collection, String field) {
    PayloadSchemaType type = INDEXES.get(field);
    CreateFieldIndexCollection.Builder index = CreateFieldIndexCollection.newBuilder()
        .setCollectionName(collection).setWait(true).setFieldName(field);
    switch (type) {
      case Keyword -> index.setFieldType(FieldType.FieldTypeKeyword).setFieldIndexParams(PayloadIndexParams
          .newBuilder().setKeywordIndexParams(KeywordIndexParams.getDefaultInstance()));
      case Datetime -> index.setFieldType(FieldType.FieldTypeDatetime).setFieldIndexParams(PayloadIndexParams
          .newBuilder().setDatetimeIndexParams(DatetimeIndexParams.getDefaultInstance()));
      // Sizes are only compared (at least N pixels), never looked up by value.
      case Integer -> index.setFieldType(FieldType.FieldTypeInteger).setFieldIndexParams(PayloadIndexParams
          .newBuilder().setIntegerIndexParams(IntegerIndexParams.newBuilder().setLookup(false).setRange(true)));
      case Bool -> index.setFieldType(FieldType.FieldTypeBool).setFieldIndexParams(PayloadIndexParams
          .newBuilder().setBoolIndexParams(BoolIndexParams.getDefaultInstance()));
      // Terms are already analysed (lower case, stemmed) and separated by single spaces.
      case Text -> index.setFieldType(FieldType.FieldTypeText).setFieldIndexParams(PayloadIndexParams
          .newBuilder().setTextIndexParams(TextIndexParams.newBuilder().setTokenizer(TokenizerType.Whitespace)
              .setLowercase(false)));
      default -> throw new IllegalStateException("no index kind for " + field);
    }
    return index.build();
  }

  /**
   * What a collection holds, as far as this store cares.
   *
   * @param dimensions dense vectors by name (named ones only)
   * @param problem why Image RAG cannot use the collection at all, or null
   * @param schema the marker's value, or null when the collection has none (older servers keep no
   *     metadata, so a missing marker is accepted)
   */
  record Layout(boolean exists, Map<String, Integer> dimensions, boolean hasKeywords, Set<String> indexed,
      String problem, Long schema) {
    static final Layout ABSENT = new Layout(false, Map.of(), false, Set.of(), null, null);

    static Layout of(CollectionInfo info) {
      var params = info.getConfig().getParams();
      Map<String, Integer> dimensions = new TreeMap<>();
      String problem = null;
      if (params.hasVectorsConfig() && params.getVectorsConfig().hasParams()) {
        problem = "it has a single unnamed vector, not the named vectors 'visual' and 'textual'";
      } else if (params.hasVectorsConfig()) {
        for (Map.Entry<String, VectorParams> vector : params.getVectorsConfig().getParamsMap().getMapMap().entrySet()) {
          String name = vector.getKey();
          VectorParams p = vector.getValue();
          if (!name.equals(VectorNames.VISUAL) && !name.equals(VectorNames.TEXTUAL)) {
            problem = "it holds vectors named '" + name + "'";
          } else if (p.getDistance() != Distance.Cosine) {
            problem = "its '" + name + "' vectors use " + p.getDistance() + " distance, not Cosine";
          } else if (p.hasMultivectorConfig()) {
            problem = "its '" + name + "' vectors are multi-vectors";
          }
          dimensions.put(name, Math.toIntExact(p.getSize()));
        }
      }
      boolean keywords = false;
      for (Map.Entry<String, SparseVectorParams> sparse : params.getSparseVectorsConfig().getMapMap().entrySet()) {
        if (!sparse.getKey().equals(KeywordVectors.NAME)) {
          problem = "it holds sparse vectors named '" + sparse.getKey() + "'";
        } else if (sparse.getValue().getModifier() != Modifier.Idf) {
          problem = "its '" + KeywordVectors.NAME + "' sparse vectors have no IDF modifier";
        }
        keywords |= sparse.getKey().equals(KeywordVectors.NAME);
      }
      Value marker = info.getConfig().getMetadataMap().get(SCHEMA_KEY);
      Long schema = marker == null ? null : marker.getKindCase() == Value.KindCase.INTEGER_VALUE
          ? marker.getIntegerValue() : (long) marker.getDoubleValue();
      return new Layout(true, Map.copyOf(dimensions), keywords, Set.copyOf(info.getPayloadSchemaMap().keySet()),
          problem, schema);
    }

    boolean compatibleSchema() {
      return schema == null || schema == SCHEMA;
    }
  }
}
