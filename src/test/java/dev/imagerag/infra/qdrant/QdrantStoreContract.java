package dev.imagerag.infra.qdrant;

import static dev.imagerag.logic.store.StoreTestData.gaussian;
import static dev.imagerag.logic.store.StoreTestData.id;
import static dev.imagerag.logic.store.StoreTestData.image;
import static dev.imagerag.logic.store.StoreTestData.payload;
import static dev.imagerag.logic.store.StoreTestData.textOnly;
import static dev.imagerag.logic.store.StoreTestData.visual;
import static dev.imagerag.logic.store.VectorNames.TEXTUAL;
import static dev.imagerag.logic.store.VectorNames.VISUAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.util.concurrent.ListenableFuture;
import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.store.SearchFilter;
import dev.imagerag.logic.store.StoreException;
import dev.imagerag.logic.store.StoreHit;
import dev.imagerag.logic.store.StoreInfo;
import dev.imagerag.logic.store.VectorStore;
import dev.imagerag.logic.store.VectorStoreContract;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.grpc.Collections.CollectionExistsRequest;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.GetCollectionInfoRequest;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.TokenizerType;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The store contract plus what the Qdrant store promises beyond it: the collection's layout, ids,
 * refusals with the fix, keyword ranking by rarity, the folder meaning of path prefixes. Runs
 * against the in-process double and, when QDRANT_URL is set, a real server; the subclass supplies
 * connections and a raw client to look at the server directly.
 */
public abstract class QdrantStoreContract extends VectorStoreContract {
  private String contractCollection;

  /** A store on {@code collection} of the server under test. */
  protected abstract QdrantVectorStore connect(String collection, Map<String, Integer> dimensions, boolean readOnly);

  /** The server's low-level client, to set up and inspect collections directly. */
  protected abstract QdrantGrpcClient raw();

  /** A collection name no other test uses (the subclass deletes it afterwards where needed). */
  protected abstract String newCollection();

  @Override
  protected VectorStore openStore() {
    contractCollection = newCollection();
    return connect(contractCollection, Map.of(), false);
  }

  @Override
  protected VectorStore reopen(VectorStore closed) {
    return connect(contractCollection, Map.of(), false);
  }

  @Test
  void theCollectionIsCreatedOnFirstWriteWithNamedVectorsAndPayloadIndexes() {
    String name = newCollection();
    try (QdrantVectorStore store = connect(name, Map.of(VISUAL, 8, TEXTUAL, 4), false)) {
      assertThat(store.count()).isZero();
      assertThat(store.keyword("anything", 5, SearchFilter.NONE)).isEmpty();
      assertThat(exists(name)).as("reads create nothing").isFalse();

      store.upsert(List.of(visual(1, gaussian(new Random(1), 8))));

      CollectionInfo info = info(name);
      Map<String, VectorParams> dense = info.getConfig().getParams().getVectorsConfig().getParamsMap().getMapMap();
      assertThat(dense).containsOnlyKeys(VISUAL, TEXTUAL);
      assertThat(dense.get(VISUAL).getSize()).isEqualTo(8);
      assertThat(dense.get(TEXTUAL).getSize()).isEqualTo(4);
      assertThat(dense.values()).allSatisfy(v -> assertThat(v.getDistance()).isEqualTo(Distance.Cosine));
      assertThat(info.getConfig().getParams().getSparseVectorsConfig().getMapMap().get(KeywordVectors.NAME)
          .getModifier()).isEqualTo(Modifier.Idf);
      QdrantSchema.INDEXES.forEach((field, type) ->
          assertThat(info.getPayloadSchemaMap().get(field)).as("index of %s", field).isNotNull()
              .satisfies(schema -> assertThat(schema.getDataType()).isEqualTo(type)));
      assertThat(info.getPayloadSchemaMap().get(QdrantPayload.TERMS).getParams().getTextIndexParams().getTokenizer())
          .isEqualTo(TokenizerType.Whitespace);
      assertThat(info.getPayloadSchemaMap().get(QdrantPayload.DATE).getDataType()).isEqualTo(PayloadSchemaType.Datetime);
    }
  }

  @Test
  void pointIdsAreNameBasedUuidsOfTheSha256SoReimportingReplaces() {
    String name = newCollection();
    ImageId image = id(42);
    try (QdrantVectorStore first = connect(name, Map.of(), false)) {
      first.upsert(List.of(visual(42, gaussian(new Random(2), 8))));
    }
    try (QdrantVectorStore second = connect(name, Map.of(), false)) {
      second.upsert(List.of(visual(42, gaussian(new Random(3), 8))));

      assertThat(second.count()).isEqualTo(1);
    }
    List<RetrievedPoint> points = await(raw(), g -> g.points().get(GetPoints.newBuilder().setCollectionName(name)
        .addIds(PointId.newBuilder().setUuid(UUID.nameUUIDFromBytes(image.hex().getBytes()).toString()))
        .setWithPayload(WithPayloadSelectorFactory.enable(true)).build())).getResultList();
    assertThat(points).hasSize(1);
    assertThat(points.get(0).getPayloadMap().get(QdrantPayload.IMAGE_ID).getStringValue()).isEqualTo(image.hex());
  }

  @Test
  void aCollectionWithAnotherDistanceIsRefusedWithTheFix() {
    String name = newCollection();
    createRaw(name, VectorsConfig.newBuilder().setParamsMap(VectorParamsMap.newBuilder()
        .putMap(VISUAL, VectorParams.newBuilder().setSize(8).setDistance(Distance.Dot).build())).build(), true);
    try (QdrantVectorStore store = connect(name, Map.of(VISUAL, 8), false)) {
      assertThatThrownBy(() -> store.upsert(List.of(visual(1, gaussian(new Random(4), 8)))))
          .isInstanceOf(StoreException.class)
          .hasMessageContainingAll(name, "Dot", "Cosine", "Choose another collection name", "--collection");
      assertThatThrownBy(store::deleteAll).isInstanceOf(StoreException.class).hasMessageContaining("will not delete");
      assertThatThrownBy(store::count).isInstanceOf(StoreException.class);
    }
    assertThat(exists(name)).isTrue();
  }

  @Test
  void aCollectionWithOneUnnamedVectorIsRefused() {
    String name = newCollection();
    createRaw(name, VectorsConfig.newBuilder().setParams(VectorParams.newBuilder().setSize(8)
        .setDistance(Distance.Cosine)).build(), false);
    try (QdrantVectorStore store = connect(name, Map.of(), false)) {
      assertThatThrownBy(() -> store.nearest(VISUAL, gaussian(new Random(5), 8), 3, SearchFilter.NONE))
          .isInstanceOf(StoreException.class).hasMessageContaining("unnamed vector");
    }
  }

  /** The model changed: the collection holds 512-d vectors, the configured model makes 768. */
  @Test
  void aCollectionWithAnotherVectorSizeIsRefusedUntilReindexed() {
    String name = newCollection();
    createRaw(name, VectorsConfig.newBuilder().setParamsMap(VectorParamsMap.newBuilder()
        .putMap(VISUAL, VectorParams.newBuilder().setSize(512).setDistance(Distance.Cosine).build())).build(), true);
    try (QdrantVectorStore store = connect(name, Map.of(VISUAL, 768), false)) {
      assertThat(store.info().dimensions()).containsEntry(VISUAL, 512);
      assertThatThrownBy(() -> store.upsert(List.of(visual(1, gaussian(new Random(6), 768)))))
          .isInstanceOf(StoreException.class)
          .hasMessageContainingAll("512", "768", "reindex", "--collection");

      store.deleteAll();
      store.upsert(List.of(visual(1, gaussian(new Random(6), 768))));

      assertThat(store.count()).isEqualTo(1);
      assertThat(store.info().dimensions()).containsEntry(VISUAL, 768);
    }
  }

  @Test
  void aVectorNameFirstSeenLaterIsAddedToTheCollection() {
    String name = newCollection();
    Random random = new Random(7);
    float[] v = gaussian(random, 8);
    try (QdrantVectorStore store = connect(name, Map.of(), false)) {
      store.upsert(List.of(image(1, payload("/lib/t.jpg").build(), Map.of(TEXTUAL, gaussian(random, 4)))));

      store.upsert(List.of(visual(2, v)));

      assertThat(store.nearest(VISUAL, v, 5, SearchFilter.NONE)).extracting(StoreHit::id).containsExactly(id(2));
      assertThat(store.info().dimensions()).containsEntry(VISUAL, 8).containsEntry(TEXTUAL, 4);
    }
  }

  /** IDF comes from Qdrant's live statistics: a word few images hold outweighs one many hold. */
  @Test
  void keywordSearchWeighsRareWordsAboveCommonOnes() {
    String name = newCollection();
    try (QdrantVectorStore store = connect(name, Map.of(), false)) {
      List<dev.imagerag.logic.store.IndexedImage> images = new ArrayList<>();
      for (int n = 1; n <= 10; n++) {
        images.add(textOnly(n, payload("/lib/k/p" + n + ".jpg").ocr(n == 7 ? "harbour" : "invoice").build()));
      }
      images.add(textOnly(11, payload("/lib/k/p11.jpg").ocr("invoice invoice invoice").build()));
      store.upsert(images);

      List<StoreHit> hits = store.keyword("invoice harbour", 20, SearchFilter.NONE);

      assertThat(hits).hasSize(11);
      assertThat(hits.get(0).id()).isEqualTo(id(7));
      assertThat(hits.get(1).id()).as("more occurrences of a word score higher").isEqualTo(id(11));
      assertThat(hits).allSatisfy(hit -> assertThat(hit.score()).isPositive());
    }
  }

  /** Prefixes are folders (or files): see {@link QdrantPayload#prefixKeys}. */
  @Test
  void aPathPrefixWithoutTrailingSeparatorMeansThatFolder() {
    String name = newCollection();
    Random random = new Random(8);
    try (QdrantVectorStore store = connect(name, Map.of(), false)) {
      store.upsert(List.of(
          image(1, payload("/lib/photos/a.jpg").build(), Map.of(VISUAL, gaussian(random, 8))),
          image(2, payload("/lib/photos-old/b.jpg").build(), Map.of(VISUAL, gaussian(random, 8))),
          image(3, payload("/lib/photos.jpg").build(), Map.of(VISUAL, gaussian(random, 8)))));

      assertThat(store.nearest(VISUAL, gaussian(random, 8), 10,
          SearchFilter.NONE.withPathPrefixes(List.of("/lib/photos")))).extracting(StoreHit::id).containsExactly(id(1));
      assertThat(store.nearest(VISUAL, gaussian(random, 8), 10,
          SearchFilter.NONE.withPathPrefixes(List.of("/lib/photos.jpg")))).extracting(StoreHit::id)
          .containsExactly(id(3));
    }
  }

  @Test
  void aReadOnlyStoreRefusesWritesButReads() {
    String name = newCollection();
    try (QdrantVectorStore writer = connect(name, Map.of(), false);
        QdrantVectorStore reader = connect(name, Map.of(), true)) {
      writer.upsert(List.of(visual(1, gaussian(new Random(9), 8))));

      assertThat(reader.count()).isEqualTo(1);
      assertThatThrownBy(() -> reader.upsert(List.of(visual(2, gaussian(new Random(9), 8)))))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(reader::deleteAll).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void infoReportsKindLocationCountAndDimensions() {
    String name = newCollection();
    try (QdrantVectorStore store = connect(name, Map.of(), false)) {
      Random random = new Random(10);
      store.upsert(List.of(image(1, payload("/lib/a.jpg").build(), Map.of(VISUAL, gaussian(random, 8),
          TEXTUAL, gaussian(random, 4))), visual(2, gaussian(random, 8))));

      StoreInfo info = store.info();

      assertThat(info.kind()).isEqualTo("qdrant");
      assertThat(info.location()).endsWith("/" + name);
      assertThat(info.count()).isEqualTo(2);
      assertThat(info.sizeBytes()).isEqualTo(-1);
      assertThat(info.dimensions()).isEqualTo(Map.of(VISUAL, 8, TEXTUAL, 4));
    }
  }

  // ---- raw access -------------------------------------------------------------------------

  protected CollectionInfo info(String name) {
    return await(raw(), g -> g.collections().get(GetCollectionInfoRequest.newBuilder().setCollectionName(name)
        .build())).getResult();
  }

  protected boolean exists(String name) {
    return await(raw(), g -> g.collections().collectionExists(CollectionExistsRequest.newBuilder()
        .setCollectionName(name).build())).getResult().getExists();
  }

  private void createRaw(String name, VectorsConfig vectors, boolean keywords) {
    CreateCollection.Builder create = CreateCollection.newBuilder().setCollectionName(name).setVectorsConfig(vectors);
    if (keywords) {
      create.setSparseVectorsConfig(SparseVectorConfig.newBuilder().putMap(KeywordVectors.NAME,
          SparseVectorParams.newBuilder().setModifier(Modifier.Idf).build()));
    }
    await(raw(), g -> g.collections().create(create.build()));
  }

  protected static <T> T await(QdrantGrpcClient client, Function<QdrantGrpcClient, ListenableFuture<T>> call) {
    try {
      return call.apply(client).get();
    } catch (ExecutionException e) {
      throw new AssertionError("raw Qdrant call failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
