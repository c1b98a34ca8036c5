package dev.imagerag.infra.qdrant;

import static dev.imagerag.logic.store.StoreTestData.gaussian;
import static dev.imagerag.logic.store.StoreTestData.image;
import static dev.imagerag.logic.store.StoreTestData.payload;
import static dev.imagerag.logic.store.StoreTestData.visual;
import static dev.imagerag.logic.store.VectorNames.TEXTUAL;
import static dev.imagerag.logic.store.VectorNames.VISUAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagerag.logic.store.SearchFilter;
import dev.imagerag.logic.store.StoreException;
import dev.imagerag.logic.store.StoreInfo;
import dev.imagerag.logic.store.StoreSettings;
import dev.imagerag.logic.store.StoreUnavailableException;
import dev.imagerag.testing.qdrant.FakeQdrantServer;
import io.grpc.Status;
import io.qdrant.client.QdrantGrpcClient;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Qdrant store against the in-process double (strict about unindexed filter fields, so the
 * contract's filter tests also prove every filter field has a payload index), plus failures only a
 * double can stage: an unreachable server, a slow one, a wrong API key, a server too old to add a
 * vector.
 */
class QdrantVectorStoreTest extends QdrantStoreContract {
  private static final QdrantRetry FAST = new QdrantRetry(4, Duration.ofMillis(1), Duration.ofMillis(4));

  private final FakeQdrantServer server = FakeQdrantServer.start();
  private QdrantGrpcClient raw;

  @Override
  protected QdrantVectorStore connect(String collection, Map<String, Integer> dimensions, boolean readOnly) {
    return new QdrantVectorStore(connection(server, null), collection, dimensions, readOnly);
  }

  private static QdrantConnection connection(FakeQdrantServer server, String apiKey) {
    return new QdrantConnection(server.channel(), "http://qdrant.test:6334", Duration.ofSeconds(10), FAST, apiKey);
  }

  @Override
  protected QdrantGrpcClient raw() {
    if (raw == null) {
      raw = server.client();
    }
    return raw;
  }

  @Override
  protected String newCollection() {
    return "test-" + UUID.randomUUID();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void retriesWhileTheServerIsUnavailableThenSucceeds() {
    try (QdrantVectorStore store = connect(newCollection(), Map.of(), false)) {
      store.upsert(List.of(visual(1, gaussian(new Random(1), 8))));
      server.failNext(Status.Code.UNAVAILABLE, 2);
      long before = server.callsTo("Upsert");

      store.upsert(List.of(visual(2, gaussian(new Random(2), 8))));

      assertThat(server.callsTo("Upsert") - before).isEqualTo(3);
      assertThat(store.count()).isEqualTo(2);
    }
  }

  @Test
  void retriesARequestThatTimedOut() {
    try (QdrantVectorStore store = connect(newCollection(), Map.of(), false)) {
      store.upsert(List.of(visual(1, gaussian(new Random(3), 8))));
      server.failNext(Status.Code.DEADLINE_EXCEEDED, 1);

      assertThat(store.count()).isEqualTo(1);
    }
  }

  @Test
  void aServerThatStaysDownGivesAClearTransientFailureAndLosesNothing() {
    try (QdrantVectorStore store = connect(newCollection(), Map.of(), false)) {
      store.upsert(List.of(visual(1, gaussian(new Random(4), 8))));
      server.goDown();

      assertThatThrownBy(() -> store.upsert(List.of(visual(2, gaussian(new Random(5), 8)))))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContainingAll("http://qdrant.test:6334", "unreachable", "UNAVAILABLE", "4 times", "stays queued");
      assertThatThrownBy(() -> store.nearest(VISUAL, gaussian(new Random(6), 8), 3, SearchFilter.NONE))
          .isInstanceOf(StoreUnavailableException.class);
      StoreInfo info = store.info();
      assertThat(info.kind()).isEqualTo("qdrant");
      assertThat(info.location()).contains("unreachable");
      assertThat(info.count()).isEqualTo(-1);

      server.comeBack();
      store.upsert(List.of(visual(2, gaussian(new Random(5), 8))));

      assertThat(store.count()).isEqualTo(2);
    }
  }

  /** The status check asks the server each time, also before the collection exists. */
  @Test
  void infoNoticesAServerThatWentDownBeforeTheCollectionWasCreated() {
    try (QdrantVectorStore store = connect(newCollection(), Map.of(), false)) {
      StoreInfo up = store.info();
      assertThat(up.location()).doesNotContain("unreachable");
      assertThat(up.count()).isZero();

      server.goDown();
      StoreInfo down = store.info();

      assertThat(down.location()).contains("unreachable");
      assertThat(down.count()).isEqualTo(-1);
      server.comeBack();
    }
  }

  /** Over a real (Netty) channel with TLS, to a port where nothing listens. */
  @Test
  void anUnreachableServerOnTheNetworkIsNamedInTheMessage() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    StoreSettings settings = StoreSettings.qdrant("https://localhost:" + port).withApiKey("k3y")
        .withTimeout(Duration.ofSeconds(2));
    try (QdrantVectorStore store = new QdrantVectorStore(QdrantConnection.open(settings, FAST), "c", Map.of(), false)) {
      assertThatThrownBy(store::count).isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("https://localhost:" + port).hasMessageNotContaining("k3y");
    }
  }

  @Test
  void errorsThatRetryingCannotFixAreNotRetried() {
    try (QdrantVectorStore store = connect(newCollection(), Map.of(), false)) {
      store.upsert(List.of(visual(1, gaussian(new Random(7), 8))));
      server.failNext(Status.Code.INTERNAL, 1);
      long before = server.callsTo("Count");

      assertThatThrownBy(store::count).isInstanceOf(StoreException.class)
          .isNotInstanceOf(StoreUnavailableException.class).hasMessageContaining("INTERNAL");
      assertThat(server.callsTo("Count") - before).isEqualTo(1);
    }
  }

  @Test
  void theApiKeyIsSentAndNeverShown() {
    try (FakeQdrantServer secured = FakeQdrantServer.withApiKey("s3cret-key")) {
      String name = newCollection();
      try (QdrantVectorStore store = new QdrantVectorStore(connection(secured, "s3cret-key"), name, Map.of(), false)) {
        store.upsert(List.of(visual(1, gaussian(new Random(8), 8))));
        assertThat(store.count()).isEqualTo(1);
      }
      try (QdrantVectorStore wrong = new QdrantVectorStore(connection(secured, "wrong-key"), name, Map.of(), false)) {
        assertThatThrownBy(wrong::count).isInstanceOf(StoreException.class)
            .hasMessageContainingAll("UNAUTHENTICATED", "API key", "QDRANT_API_KEY")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-key").doesNotContain("s3cret"));
      }
    }
  }

  @Test
  void aServerThatCannotAddVectorsAsksForAReindex() {
    try (QdrantVectorStore store = connect(newCollection(), Map.of(), false)) {
      store.upsert(List.of(image(1, payload("/lib/t.jpg").build(), Map.of(TEXTUAL, gaussian(new Random(9), 4)))));
      server.failNext(Status.Code.UNIMPLEMENTED, 1);

      assertThatThrownBy(() -> store.upsert(List.of(visual(2, gaussian(new Random(10), 8)))))
          .isInstanceOf(StoreException.class)
          .hasMessageContainingAll("no visual vectors", "1.18", "reindex");
    }
  }

  @Test
  void theHealthCheckReportsTheServerVersion() {
    try (QdrantVectorStore store = connect(newCollection(), Map.of(), false)) {
      assertThat(store.serverVersion()).isEqualTo(server.version());
    }
  }
}
