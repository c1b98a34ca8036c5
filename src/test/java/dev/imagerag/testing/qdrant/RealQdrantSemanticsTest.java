package dev.imagerag.testing.qdrant;

import io.qdrant.client.QdrantGrpcClient;
import java.net.URI;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The semantics the double implements, checked against a real Qdrant: where this passes, the
 * double's answers are Qdrant's. Set QDRANT_URL (gRPC, e.g. http://localhost:6334) and, if
 * needed, QDRANT_API_KEY.
 */
@EnabledIfEnvironmentVariable(named = "QDRANT_URL", matches = ".+",
    disabledReason = "no Qdrant server: set QDRANT_URL=http://HOST:6334 to check the double against a real Qdrant")
class RealQdrantSemanticsTest extends QdrantSemanticsContract {
  private QdrantGrpcClient client;

  @Override
  protected QdrantGrpcClient client() {
    if (client == null) {
      String url = System.getenv("QDRANT_URL");
      URI uri = URI.create(url.contains("://") ? url : "http://" + url);
      QdrantGrpcClient.Builder builder = QdrantGrpcClient.newBuilder(uri.getHost(),
          uri.getPort() < 0 ? 6334 : uri.getPort(), "https".equalsIgnoreCase(uri.getScheme()), false);
      String key = System.getenv("QDRANT_API_KEY");
      if (key != null && !key.isBlank()) {
        builder.withApiKey(key);
      }
      client = builder.build();
    }
    return client;
  }

  @Override
  protected void release() {
    if (client != null) {
      client.close();
    }
  }
}
