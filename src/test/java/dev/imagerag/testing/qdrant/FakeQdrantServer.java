package dev.imagerag.testing.qdrant;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.qdrant.client.QdrantGrpcClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * An in-process gRPC server that stands in for Qdrant in tests: the real client's generated stubs
 * talk to it over an in-process channel, and it answers with Qdrant's documented behaviour for the
 * calls Image RAG makes ({@link InMemoryCollection}, {@link FakeFilters}). It can require an API
 * key (the {@code api-key} header, UNAUTHENTICATED otherwise), refuse filters on unindexed fields
 * (Qdrant's strict mode: on by default here, so tests prove every filter field is indexed), fail
 * the next calls with a status, or go down (UNAVAILABLE for every call) and come back with its data,
 * like a restarted server. Records the full name of every method called. Close it at the end.
 */
public final class FakeQdrantServer implements AutoCloseable {
  private static final Metadata.Key<String> API_KEY = Metadata.Key.of("api-key", Metadata.ASCII_STRING_MARSHALLER);

  private final String name = "fake-qdrant-" + UUID.randomUUID();
  private final String apiKey;
  private final Server server;
  private final Deque<Status> scriptedFailures = new ArrayDeque<>();
  private final List<String> calls = new ArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();
  private boolean down;

  private FakeQdrantServer(String apiKey, boolean strict, boolean tcp) {
    this.apiKey = apiKey;
    FakeQdrantState state = new FakeQdrantState(strict);
    ServerInterceptor gate = new Gate();
    ServerBuilder<?> builder = tcp
        ? NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        : InProcessServerBuilder.forName(name).directExecutor();
    try {
      this.server = builder
          .addService(ServerInterceptors.intercept(new FakeQdrantServices.Health(), gate))
          .addService(ServerInterceptors.intercept(new FakeQdrantServices.Collections(state), gate))
          .addService(ServerInterceptors.intercept(new FakeQdrantServices.Points(state), gate))
          .build().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Strict about unindexed filter fields, no API key. */
  public static FakeQdrantServer start() {
    return new FakeQdrantServer(null, true, false);
  }

  /** Requires {@code apiKey} in the {@code api-key} header of every call. */
  public static FakeQdrantServer withApiKey(String apiKey) {
    return new FakeQdrantServer(apiKey, true, false);
  }

  /** Filters on fields without a payload index are evaluated anyway (Qdrant's default outside strict mode). */
  public static FakeQdrantServer lenient() {
    return new FakeQdrantServer(null, false, false);
  }

  /**
   * Listens on a loopback TCP port, so the application reaches it the way it reaches a real
   * server, by URL ({@link #url()}), over plain-text HTTP/2.
   */
  public static FakeQdrantServer onLoopback(String apiKey) {
    return new FakeQdrantServer(apiKey, true, true);
  }

  /** {@code http://127.0.0.1:PORT} for a server listening on TCP. */
  public String url() {
    if (server.getPort() < 0) {
      throw new IllegalStateException("this server is in-process; start it with onLoopback()");
    }
    return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getPort();
  }

  /** A new channel to this server (closed with the server). */
  public synchronized ManagedChannel channel() {
    ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    channels.add(channel);
    return channel;
  }

  /** The real client's low-level gRPC client on a new channel, without the version check. */
  public QdrantGrpcClient client() {
    return QdrantGrpcClient.newBuilder(channel(), true, false).withApiKey(apiKey).build();
  }

  public String version() {
    return FakeQdrantServices.VERSION;
  }

  /** The next {@code times} calls fail with {@code code}. */
  public synchronized void failNext(Status.Code code, int times) {
    for (int i = 0; i < times; i++) {
      scriptedFailures.add(Status.fromCode(code).withDescription("injected by the test"));
    }
  }

  /** Every call answers UNAVAILABLE until {@link #comeBack()}; the data stays. */
  public synchronized void goDown() {
    down = true;
  }

  public synchronized void comeBack() {
    down = false;
  }

  /** Full method names of every call so far, e.g. "qdrant.Points/Upsert". */
  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  public synchronized long callsTo(String method) {
    return calls.stream().filter(c -> c.endsWith("/" + method)).count();
  }

  @Override
  public synchronized void close() {
    channels.forEach(ManagedChannel::shutdownNow);
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized Status admit(String method, String key) {
    calls.add(method);
    if (down) {
      return Status.UNAVAILABLE.withDescription("connection refused (the fake server is down)");
    }
    if (!scriptedFailures.isEmpty()) {
      return scriptedFailures.poll();
    }
    if (apiKey != null && !apiKey.equals(key)) {
      return Status.UNAUTHENTICATED.withDescription(key == null
          ? "Must provide an API key or an Authorization bearer token" : "Invalid API key or JWT");
    }
    return null;
  }

  /** Records the call, then lets it through or answers the failure the test asked for. */
  private final class Gate implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      Status failure = admit(call.getMethodDescriptor().getFullMethodName(), headers.get(API_KEY));
      if (failure != null) {
        call.close(failure, new Metadata());
        return new ServerCall.Listener<Q>() { };
      }
      return next.startCall(call, headers);
    }
  }
}
