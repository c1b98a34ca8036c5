package dev.imagerag.testing.qdrant;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.Collections.CollectionDescription;
import io.qdrant.client.grpc.Collections.CollectionExists;
import io.qdrant.client.grpc.Collections.CollectionExistsRequest;
import io.qdrant.client.grpc.Collections.CollectionExistsResponse;
import io.qdrant.client.grpc.Collections.CollectionOperationResponse;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.DeleteCollection;
import io.qdrant.client.grpc.Collections.GetCollectionInfoRequest;
import io.qdrant.client.grpc.Collections.GetCollectionInfoResponse;
import io.qdrant.client.grpc.Collections.ListCollectionsRequest;
import io.qdrant.client.grpc.Collections.ListCollectionsResponse;
import io.qdrant.client.grpc.CollectionsGrpc;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.CountPoints;
import io.qdrant.client.grpc.Points.CountResponse;
import io.qdrant.client.grpc.Points.CountResult;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.CreateVectorNameRequest;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.GetResponse;
import io.qdrant.client.grpc.Points.PointsOperationResponse;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.QueryResponse;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import io.qdrant.client.grpc.Points.UpdateResult;
import io.qdrant.client.grpc.Points.UpdateStatus;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.PointsGrpc;
import io.qdrant.client.grpc.QdrantGrpc;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckReply;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckRequest;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The gRPC services of the fake: Qdrant (health check), Collections (get, list, exists, create,
 * delete) and Points (upsert, delete by ids or filter, get, scroll, count, query, create payload
 * index, create named vector). Everything else answers UNIMPLEMENTED, as the generated bases do.
 */
final class FakeQdrantServices {
  static final String VERSION = "1.18.0";

  private FakeQdrantServices() {}

  /** Sends what {@code answer} returns, or the status it throws. */
  static <T> void respond(StreamObserver<T> observer, Supplier<T> answer) {
    T value;
    try {
      value = answer.get();
    } catch (StatusRuntimeException e) {
      observer.onError(e);
      return;
    } catch (RuntimeException e) {
      observer.onError(Status.INTERNAL.withDescription("Service internal error: " + e).asRuntimeException());
      return;
    }
    observer.onNext(value);
    observer.onCompleted();
  }

  static final class Health extends QdrantGrpc.QdrantImplBase {
    @Override
    public void healthCheck(HealthCheckRequest request, StreamObserver<HealthCheckReply> observer) {
      respond(observer, () -> HealthCheckReply.newBuilder().setTitle("qdrant - vector search engine")
          .setVersion(VERSION).build());
    }
  }

  static final class Collections extends CollectionsGrpc.CollectionsImplBase {
    private final FakeQdrantState state;

    Collections(FakeQdrantState state) {
      this.state = state;
    }

    @Override
    public void get(GetCollectionInfoRequest request, StreamObserver<GetCollectionInfoResponse> observer) {
      respond(observer, () -> GetCollectionInfoResponse.newBuilder()
          .setResult(state.info(request.getCollectionName())).build());
    }

    @Override
    public void list(ListCollectionsRequest request, StreamObserver<ListCollectionsResponse> observer) {
      respond(observer, () -> {
        ListCollectionsResponse.Builder out = ListCollectionsResponse.newBuilder();
        state.names().forEach(n -> out.addCollections(CollectionDescription.newBuilder().setName(n)));
        return out.build();
      });
    }

    @Override
    public void collectionExists(CollectionExistsRequest request, StreamObserver<CollectionExistsResponse> observer) {
      respond(observer, () -> CollectionExistsResponse.newBuilder().setResult(CollectionExists.newBuilder()
          .setExists(state.exists(request.getCollectionName()))).build());
    }

    @Override
    public void create(CreateCollection request, StreamObserver<CollectionOperationResponse> observer) {
      respond(observer, () -> {
        state.create(request);
        return CollectionOperationResponse.newBuilder().setResult(true).build();
      });
    }

    @Override
    public void delete(DeleteCollection request, StreamObserver<CollectionOperationResponse> observer) {
      respond(observer, () -> CollectionOperationResponse.newBuilder()
          .setResult(state.delete(request.getCollectionName())).build());
    }
  }

  static final class Points extends PointsGrpc.PointsImplBase {
    private final FakeQdrantState state;
    private final AtomicLong operations = new AtomicLong();

    Points(FakeQdrantState state) {
      this.state = state;
    }

    private PointsOperationResponse completed() {
      return PointsOperationResponse.newBuilder().setResult(UpdateResult.newBuilder()
          .setOperationId(operations.incrementAndGet()).setStatus(UpdateStatus.Completed)).build();
    }

    @Override
    public void upsert(UpsertPoints request, StreamObserver<PointsOperationResponse> observer) {
      respond(observer, () -> state.with(request.getCollectionName(), c -> {
        c.upsert(request.getPointsList());
        return completed();
      }));
    }

    @Override
    public void delete(DeletePoints request, StreamObserver<PointsOperationResponse> observer) {
      respond(observer, () -> state.with(request.getCollectionName(), c -> {
        if (request.getPoints().hasFilter()) {
          c.delete(request.getPoints().getFilter(),
              state.filters(c).validate(request.getPoints().getFilter()));
        } else {
          c.delete(request.getPoints().getPoints().getIdsList());
        }
        return completed();
      }));
    }

    @Override
    public void get(GetPoints request, StreamObserver<GetResponse> observer) {
      respond(observer, () -> state.with(request.getCollectionName(), c -> GetResponse.newBuilder()
          .addAllResult(c.get(request.getIdsList(), request.getWithPayload(), request.getWithVectors())).build()));
    }

    @Override
    public void count(CountPoints request, StreamObserver<CountResponse> observer) {
      respond(observer, () -> state.with(request.getCollectionName(), c -> {
        var filter = request.hasFilter() ? request.getFilter() : null;
        long n = c.count(filter, state.filters(c).validate(filter));
        return CountResponse.newBuilder().setResult(CountResult.newBuilder().setCount(n)).build();
      }));
    }

    @Override
    public void scroll(ScrollPoints request, StreamObserver<ScrollResponse> observer) {
      respond(observer, () -> state.with(request.getCollectionName(), c -> {
        var filter = request.hasFilter() ? request.getFilter() : null;
        PointId[] next = new PointId[1];
        int limit = request.hasLimit() ? request.getLimit() : 10;
        ScrollResponse.Builder out = ScrollResponse.newBuilder().addAllResult(c.scroll(filter,
            request.hasOffset() ? request.getOffset() : null, limit, request.getWithPayload(),
            request.getWithVectors(), state.filters(c).validate(filter), next));
        if (next[0] != null) {
          out.setNextPageOffset(next[0]);
        }
        return out.build();
      }));
    }

    @Override
    public void query(QueryPoints request, StreamObserver<QueryResponse> observer) {
      respond(observer, () -> state.with(request.getCollectionName(), c -> {
        if (request.getPrefetchCount() > 0 || !request.hasQuery() || !request.getQuery().hasNearest()) {
          throw Status.UNIMPLEMENTED.withDescription("the fake answers nearest queries without prefetch only")
              .asRuntimeException();
        }
        var filter = request.hasFilter() ? request.getFilter() : null;
        int limit = request.hasLimit() ? (int) request.getLimit() : 10;
        return QueryResponse.newBuilder().addAllResult(c.query(request.getUsing(), request.getQuery().getNearest(),
            filter, limit, (int) request.getOffset(), request.getWithPayload(), request.getWithVectors(),
            state.filters(c).validate(filter))).build();
      }));
    }

    @Override
    public void createFieldIndex(CreateFieldIndexCollection request, StreamObserver<PointsOperationResponse> observer) {
      respond(observer, () -> {
        state.createIndex(request);
        return completed();
      });
    }

    @Override
    public void createVectorName(CreateVectorNameRequest request, StreamObserver<PointsOperationResponse> observer) {
      respond(observer, () -> {
        state.createVector(request);
        return completed();
      });
    }
  }
}
