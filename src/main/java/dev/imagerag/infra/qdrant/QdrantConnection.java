package dev.imagerag.infra.qdrant;

import com.google.common.util.concurrent.ListenableFuture;
import dev.imagerag.logic.store.StoreException;
import dev.imagerag.logic.store.StoreSettings;
import dev.imagerag.logic.store.StoreUnavailableException;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.VersionsCompatibilityChecker;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckRequest;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gRPC channel to a Qdrant server and the one place that sends requests: each with a
 * deadline, repeated with backoff while the server is unreachable ({@link QdrantRetry}), failures
 * turned into messages that name the server and what to do. The API key travels as call
 * credentials (the {@code api-key} header) and is cut out of every message. Uses the client's
 * generated stubs rather than its {@code QdrantClient} facade, which logs every failure itself,
 * expected ones (a missing collection) and retried ones included. Thread-safe.
 */
final class QdrantConnection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QdrantConnection.class);
  private static final Set<Status.Code> TRANSIENT =
      EnumSet.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.RESOURCE_EXHAUSTED);
  private static final int MAX_MESSAGE_BYTES = 64 << 20;
  /** Creating a collection or a payload index on a large one takes longer than a search. */
  static final Duration SCHEMA_TIMEOUT = Duration.ofMinutes(2);

  private final QdrantGrpcClient grpc;
  private final String location;
  private final QdrantRetry retry;
  private final String secret;
  private final boolean restPort;

  QdrantConnection(ManagedChannel channel, String location, Duration timeout, QdrantRetry retry, String apiKey) {
    QdrantGrpcClient.Builder builder = QdrantGrpcClient.newBuilder(channel, true, false).withTimeout(timeout);
    if (apiKey != null) {
      builder.withApiKey(apiKey);
    }
    this.grpc = builder.build();
    this.location = location;
    this.retry = retry;
    this.secret = apiKey;
    this.restPort = location.endsWith(":" + StoreSettings.REST_PORT);
  }

  /** A channel to the server the settings name (no request is sent yet). */
  static QdrantConnection open(StoreSettings settings, QdrantRetry retry) {
    ManagedChannelBuilder<?> builder = ManagedChannelBuilder.forAddress(settings.host(), settings.port())
        .userAgent("image-rag").maxInboundMessageSize(MAX_MESSAGE_BYTES);
    if (settings.tls()) {
      builder.useTransportSecurity();
    } else {
      builder.usePlaintext();
      if (settings.apiKey() != null && !isLoopback(settings.host())) {
        LOG.warn("The Qdrant API key is sent without TLS to {}; use an https:// URL.", settings.host());
      }
    }
    return new QdrantConnection(builder.build(), settings.endpoint(), settings.timeout(), retry, settings.apiKey());
  }

  /** "http://host:6334", for messages. */
  String location() {
    return location;
  }

  /**
   * Sends a request built by {@code rpc} and waits for the answer, repeating it while the server is
   * unreachable.
   *
   * @param what the action in words, for messages ("create the collection x")
   * @throws StoreUnavailableException when the server stayed unreachable through every attempt
   * @throws QdrantFailure when the server answered with an error
   */
  <T> T call(String what, Function<QdrantGrpcClient, ListenableFuture<T>> rpc) {
    if (grpc.channel().isShutdown()) {
      throw new IllegalStateException("the Qdrant store was closed");
    }
    long start = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      ListenableFuture<T> future = rpc.apply(grpc);
      try {
        return future.get();
      } catch (InterruptedException e) {
        future.cancel(true);
        Thread.currentThread().interrupt();
        throw new StoreException("Interrupted while waiting for Qdrant to " + what + ".", e);
      } catch (ExecutionException e) {
        Status status = Status.fromThrowable(e.getCause());
        if (!TRANSIENT.contains(status.getCode())) {
          throw new QdrantFailure(what, status.getCode(), redact(status.getDescription()));
        }
        if (attempt >= retry.attempts()) {
          throw unavailable(what, status, attempt, start, e.getCause());
        }
        Duration delay = retry.delayBefore(attempt);
        LOG.debug("Qdrant at {} answered {} to '{}'; attempt {} of {} in {} ms", location, status.getCode(), what,
            attempt + 1, retry.attempts(), delay.toMillis());
        pause(delay, what);
      }
    }
  }

  /** The server's version, from its health check; warns once when the client does not match it. */
  String serverVersion() {
    String version = call("answer a health check",
        g -> g.qdrant().healthCheck(HealthCheckRequest.getDefaultInstance())).getVersion();
    String client = QdrantGrpcClient.class.getPackage().getImplementationVersion();
    if (client != null && !VersionsCompatibilityChecker.isCompatible(client, version)) {
      LOG.warn("Qdrant server {} at {} is not a version the client {} is tested with (same major, minor ± 1).",
          version, location, client);
    }
    return version;
  }

  /** A user message for a failure this class reported. */
  StoreException describe(QdrantFailure failure) {
    String head = "Qdrant at " + location + " could not " + failure.what() + " (" + failure.code() + ": "
        + failure.description() + ")";
    switch (failure.code()) {
      case UNAUTHENTICATED, PERMISSION_DENIED:
        return new StoreException(head + ". Check the API key (remoteIndex.apiKey in settings.json, or the "
            + "QDRANT_API_KEY variable); a read-only key cannot write.", failure);
      case UNIMPLEMENTED:
        return new StoreException(head + ". The server is too old for this request: Image RAG needs Qdrant 1.10 "
            + "or newer (1.18 or newer to add a vector to an existing collection).", failure);
      default:
        return new StoreException(head + "." + (restPort ? REST_PORT_HINT : ""), failure);
    }
  }

  @Override
  public void close() {
    grpc.close();
  }

  private static final String REST_PORT_HINT =
      " Port 6333 is Qdrant's REST port; Image RAG speaks gRPC, on port 6334 by default.";

  private StoreUnavailableException unavailable(String what, Status status, int attempts, long start, Throwable cause) {
    double seconds = (System.nanoTime() - start) / 1e9;
    String reason = status.getCode() == Status.Code.DEADLINE_EXCEEDED ? "did not answer in time"
        : status.getCode() == Status.Code.RESOURCE_EXHAUSTED ? "is overloaded" : "is unreachable";
    return new StoreUnavailableException(String.format(Locale.ROOT,
        "Qdrant at %s %s (%s: %s); tried to %s %d times over %.1f s. Check that the server is running and the "
            + "store URL is right; nothing was lost, the work stays queued.%s",
        location, reason, status.getCode(), redact(status.getDescription()), what, attempts, seconds,
        restPort ? REST_PORT_HINT : ""), cause);
  }

  private void pause(Duration delay, String what) {
    try {
      TimeUnit.NANOSECONDS.sleep(delay.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("Interrupted while waiting for Qdrant to " + what + ".", e);
    }
  }

  private String redact(String text) {
    if (text == null) {
      return "no details";
    }
    return secret == null ? text : text.replace(secret, "[redacted]");
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
  }

  /**
   * The server answered a request with an error that retrying will not fix. The gRPC exception is
   * not kept as the cause: its message repeats the server's text unredacted.
   */
  static final class QdrantFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String what;
    private final transient Status.Code code;
    private final String description;

    QdrantFailure(String what, Status.Code code, String description) {
      super(what + ": " + code + ": " + description);
      this.what = what;
      this.code = code;
      this.description = description;
    }

    String what() {
      return what;
    }

    Status.Code code() {
      return code;
    }

    String description() {
      return description;
    }
  }
}
