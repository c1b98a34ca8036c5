package dev.imagerag.testing.qdrant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.CountPoints;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The double against Qdrant's documented semantics, plus its strict mode and its faults. */
class FakeQdrantSemanticsTest extends QdrantSemanticsContract {
  private final FakeQdrantServer server = FakeQdrantServer.lenient();
  private final QdrantGrpcClient client = server.client();

  @Override
  protected QdrantGrpcClient client() {
    return client;
  }

  @Override
  protected void release() {
    server.close();
  }

  @Test
  void strictModeRefusesAFilterOnAFieldWithoutIndex() throws Exception {
    try (FakeQdrantServer strict = FakeQdrantServer.start()) {
      QdrantGrpcClient c = strict.client();
      c.collections().create(CreateCollection.newBuilder().setCollectionName("x").build()).get();

      assertThatThrownBy(() -> c.points().count(CountPoints.newBuilder().setCollectionName("x").setFilter(Filter
          .newBuilder().addMust(io.qdrant.client.ConditionFactory.matchKeyword("color", "red"))).build()).get())
          .isInstanceOf(ExecutionException.class)
          .satisfies(e -> assertThat(Status.fromThrowable(e.getCause()).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT))
          .hasMessageContaining("Index required but not found for \"color\"");
    }
  }

  @Test
  void aDownServerAnswersUnavailableAndComesBackWithItsData() throws Exception {
    client.collections().create(CreateCollection.newBuilder().setCollectionName("kept").build()).get();
    server.goDown();

    assertThatThrownBy(() -> client.points().count(CountPoints.newBuilder().setCollectionName("kept").build()).get())
        .satisfies(e -> assertThat(Status.fromThrowable(e.getCause()).getCode()).isEqualTo(Status.Code.UNAVAILABLE));

    server.comeBack();
    assertThat(client.points().count(CountPoints.newBuilder().setCollectionName("kept").build()).get()
        .getResult().getCount()).isZero();
    assertThat(server.calls()).contains("qdrant.Collections/Create", "qdrant.Points/Count");
  }
}
