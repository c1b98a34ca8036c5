package dev.imagerag.infra.qdrant;

import static dev.imagerag.logic.store.StoreTestData.id;
import static dev.imagerag.logic.store.StoreTestData.payload;
import static dev.imagerag.logic.store.VectorNames.VISUAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.imagerag.logic.store.IndexedImage;
import dev.imagerag.logic.store.SearchFilter;
import dev.imagerag.logic.store.StoreHit;
import dev.imagerag.testing.qdrant.FakeQdrantServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Qdrant store indexes no tiles (see its javadoc): images that carry tile vectors are stored
 * and found by their whole-image vectors, exactly as without tiles.
 */
class QdrantTilesIgnoredTest {
  private static final QdrantRetry FAST = new QdrantRetry(4, Duration.ofMillis(1), Duration.ofMillis(4));

  private final FakeQdrantServer server = FakeQdrantServer.start();

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void imagesWithTilesAreStoredAndSearchedByTheirWholeVectors() {
    QdrantConnection connection = new QdrantConnection(server.channel(), "http://qdrant.test:6334",
        Duration.ofSeconds(10), FAST, null);
    try (QdrantVectorStore store = new QdrantVectorStore(connection, "tiles", Map.of(), false)) {
      store.upsert(List.of(
          new IndexedImage(id(1), payload("/lib/plans/a0.png").build(), Map.of(VISUAL, at(0.2, 2)),
              List.of(at(0.95, 3), at(0.1, 4))),
          new IndexedImage(id(2), payload("/lib/photos/a.jpg").build(), Map.of(VISUAL, at(0.6, 5)))));

      List<StoreHit> hits = store.nearest(VISUAL, at(1.0, 1), 10, SearchFilter.NONE);

      assertThat(hits).extracting(StoreHit::id).containsExactly(id(2), id(1));
      assertThat(hits.get(1).score()).isCloseTo(0.2, within(1e-4));
      assertThat(store.nearestWhole(VISUAL, at(1.0, 1), 10, SearchFilter.NONE)).extracting(StoreHit::id)
          .containsExactly(id(2), id(1));
      assertThat(store.count()).isEqualTo(2);
      assertThat(store.get(id(1)).orElseThrow().visualTiles()).isEmpty();
    }
  }

  /** A unit vector of 8 dimensions at cosine {@code cos} to axis 0, leaning towards {@code other}. */
  private static float[] at(double cos, int other) {
    float[] v = new float[8];
    v[0] = (float) cos;
    v[other] = (float) Math.sqrt(1 - cos * cos);
    return v;
  }
}
