package dev.imagerag.infra.qdrant;

import dev.imagerag.logic.store.StoreSettings;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections.DeleteCollection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The same suite against a real Qdrant server: set {@code QDRANT_URL} (e.g.
 * {@code http://localhost:6334}, the gRPC port) and, if the server wants one, {@code QDRANT_API_KEY}.
 * Every test works in its own collection {@code image-rag-test-<uuid>} and deletes it afterwards.
 * Without QDRANT_URL the class is reported as skipped with the reason below.
 */
@EnabledIfEnvironmentVariable(named = RealQdrantVectorStoreTest.URL_VARIABLE, matches = ".+",
    disabledReason = "no Qdrant server: set QDRANT_URL=http://HOST:6334 (and QDRANT_API_KEY if needed) to run the "
        + "store contract against a real Qdrant")
class RealQdrantVectorStoreTest extends QdrantStoreContract {
  static final String URL_VARIABLE = "QDRANT_URL";

  private final List<String> created = new ArrayList<>();
  private QdrantGrpcClient raw;

  static StoreSettings settings() {
    return StoreSettings.qdrant(System.getenv(URL_VARIABLE)).withApiKey(System.getenv("QDRANT_API_KEY"));
  }

  @Override
  protected QdrantVectorStore connect(String collection, Map<String, Integer> dimensions, boolean readOnly) {
    return QdrantVectorStore.open(settings().withCollection(collection), Path.of("."), dimensions, readOnly);
  }

  @Override
  protected QdrantGrpcClient raw() {
    if (raw == null) {
      StoreSettings s = settings();
      QdrantGrpcClient.Builder builder = QdrantGrpcClient.newBuilder(s.host(), s.port(), s.tls(), false);
      if (s.apiKey() != null) {
        builder.withApiKey(s.apiKey());
      }
      raw = builder.build();
    }
    return raw;
  }

  @Override
  protected String newCollection() {
    String name = "image-rag-test-" + UUID.randomUUID();
    created.add(name);
    return name;
  }

  @AfterEach
  void deleteCollections() {
    for (String name : created) {
      await(raw(), g -> g.collections().delete(DeleteCollection.newBuilder().setCollectionName(name).build()));
    }
    raw().close();
  }
}
