package dev.imagerag.testing.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A local double of OpenAI's chat-completions endpoint, faithful at the protocol level: {@code POST
 * /v1/chat/completions} answered with a {@code chat.completion} JSON object, or with Server-Sent
 * Events ({@code data: {chunk}} lines, a usage chunk when {@code stream_options.include_usage} is
 * set, then {@code data: [DONE]}) when the request says {@code "stream": true}; errors in OpenAI's
 * shape {@code {"error":{"message","type","param","code"}}}; other paths get OpenAI's 404.
 *
 * <p>Each request takes the next {@link Reply} queued with {@link #enqueue}, else the one
 * {@link #otherwise} computes from the request (by default a short text answer). Every request is
 * recorded with its headers and parsed body, and the server tracks how many it served at once.
 * Listens on 127.0.0.1 on a free port; close it at the end of the test.
 *
 * <pre>{@code
 * try (OpenAiTestServer server = OpenAiTestServer.start()) {
 *   server.enqueue(Reply.rateLimited(Duration.ofMillis(100)), Reply.content("{\"description\":\"a cat\"}"));
 *   ... point the client at server.baseUrl() ...
 *   assertThat(server.requests()).hasSize(2);
 * }
 * }</pre>
 */
public final class OpenAiTestServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COMPLETIONS = "/v1/chat/completions";

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "test-openai-server");
    t.setDaemon(true);
    return t;
  });
  private final Queue<Reply> queued = new ConcurrentLinkedQueue<>();
  private final List<RecordedRequest> requests = new ArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile Function<RecordedRequest, Reply> otherwise = request -> Reply.content("A test answer.");

  private OpenAiTestServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public static OpenAiTestServer start() {
    try {
      return new OpenAiTestServer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The API base URL to configure a client with, e.g. {@code http://127.0.0.1:40123/v1}. */
  public String baseUrl() {
    return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/v1";
  }

  /** The next requests get these replies, in order. */
  public OpenAiTestServer enqueue(Reply... replies) {
    queued.addAll(List.of(replies));
    return this;
  }

  /** Requests that find the queue empty get what {@code responder} says. */
  public OpenAiTestServer otherwise(Function<RecordedRequest, Reply> responder) {
    this.otherwise = responder;
    return this;
  }

  /** Every request so far, in arrival order. */
  public List<RecordedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** The most requests in flight at one moment, counting each from its arrival until its answer starts. */
  public int maxInFlight() {
    return maxInFlight.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    boolean counted = true;
    try {
      RecordedRequest request = record(exchange);
      if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals(COMPLETIONS)) {
        sendJson(exchange, 404, error("Invalid URL (" + exchange.getRequestMethod() + " "
            + exchange.getRequestURI().getPath() + ")", "invalid_request_error", null), Map.of());
        exchange.close();
        return;
      }
      if (request.body() == null) {
        sendJson(exchange, 400, error("We could not parse the JSON body of your request.",
            "invalid_request_error", null), Map.of());
        exchange.close();
        return;
      }
      Reply queuedReply = queued.poll();
      Reply reply = queuedReply != null ? queuedReply : otherwise.apply(request);
      pause(reply.delay());
      // In flight until the answer starts: a client that has it may send its next request before
      // this handler returns, and must not be counted twice.
      inFlight.decrementAndGet();
      counted = false;
      respond(exchange, request, reply);
      exchange.close();
    } finally {
      // After a ConnectionDrop the exchange stays unclosed: HttpServer then closes the socket
      // without ending the body, which is what the client must see.
      if (counted) {
        inFlight.decrementAndGet();
      }
    }
  }

  private RecordedRequest record(HttpExchange exchange) throws IOException {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
    byte[] bytes = exchange.getRequestBody().readAllBytes();
    JsonNode body;
    try {
      body = bytes.length == 0 ? null : JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      body = null;
    }
    RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
        headers, body, System.nanoTime());
    synchronized (requests) {
      requests.add(request);
    }
    return request;
  }

  private void respond(HttpExchange exchange, RecordedRequest request, Reply reply) throws IOException {
    if (reply.rawBody() != null) {
      sendBytes(exchange, 200, "application/json", reply.rawBody().getBytes(StandardCharsets.UTF_8), Map.of(),
          reply.dropMidway());
    } else if (reply.status() != 200) {
      Map<String, String> headers = reply.retryAfter() == null ? Map.of() : Map.of(
          "retry-after", Long.toString(Math.max(1, (reply.retryAfter().toMillis() + 999) / 1000)),
          "retry-after-ms", Long.toString(reply.retryAfter().toMillis()));
      sendJson(exchange, reply.status(), error(reply.errorMessage(), reply.errorType(), reply.errorCode()), headers);
    } else if (request.streamed()) {
      stream(exchange, request, reply);
    } else {
      sendBytes(exchange, 200, "application/json", JSON.writeValueAsBytes(completion(request, reply)), Map.of(),
          reply.dropMidway());
    }
  }

  private ObjectNode completion(RecordedRequest request, Reply reply) {
    ObjectNode body = envelope(request, "chat.completion");
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", reply.content());
    message.putNull("refusal");
    choice.putNull("logprobs");
    choice.put("finish_reason", "stop");
    body.set("usage", usage(reply));
    return body;
  }

  private void stream(HttpExchange exchange, RecordedRequest request, Reply reply) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    boolean includeUsage = request.body().path("stream_options").path("include_usage").asBoolean(false);
    List<ObjectNode> chunks = new ArrayList<>();
    chunks.add(chunk(request, includeUsage, "{\"role\":\"assistant\",\"content\":\"\"}", null));
    for (String piece : reply.content().split("(?<=\\s)")) {
      chunks.add(chunk(request, includeUsage, JSON.createObjectNode().put("content", piece).toString(), null));
    }
    chunks.add(chunk(request, includeUsage, "{}", "stop"));
    if (includeUsage) {
      ObjectNode last = envelope(request, "chat.completion.chunk");
      last.putArray("choices");
      last.set("usage", usage(reply));
      chunks.add(last);
    }
    int dropAt = reply.dropMidway() ? chunks.size() / 2 : Integer.MAX_VALUE;
    for (int i = 0; i < chunks.size(); i++) {
      if (i == dropAt) {
        throw new ConnectionDrop("mid-stream");
      }
      out.write(("data: " + chunks.get(i) + "\n\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      if (i > 0 && !reply.pieceDelay().isZero()) {
        pause(reply.pieceDelay());
      }
    }
    out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    out.close();
  }

  private ObjectNode chunk(RecordedRequest request, boolean includeUsage, String delta, String finishReason)
      throws JsonProcessingException {
    ObjectNode chunk = envelope(request, "chat.completion.chunk");
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("delta", JSON.readTree(delta));
    choice.putNull("logprobs");
    if (finishReason == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finishReason);
    }
    if (includeUsage) {
      chunk.putNull("usage");
    }
    return chunk;
  }

  private ObjectNode envelope(RecordedRequest request, String object) {
    ObjectNode body = JSON.createObjectNode();
    body.put("id", "chatcmpl-test" + ids.incrementAndGet());
    body.put("object", object);
    body.put("created", System.currentTimeMillis() / 1000);
    body.put("model", request.model() == null ? "unknown" : request.model());
    body.put("system_fingerprint", "fp_test");
    return body;
  }

  private static ObjectNode usage(Reply reply) {
    ObjectNode usage = JSON.createObjectNode();
    usage.put("prompt_tokens", reply.promptTokens());
    usage.put("completion_tokens", reply.completionTokens());
    usage.put("total_tokens", reply.promptTokens() + reply.completionTokens());
    return usage;
  }

  private static ObjectNode error(String message, String type, String code) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("message", message);
    error.put("type", type);
    error.putNull("param");
    if (code == null) {
      error.putNull("code");
    } else {
      error.put("code", code);
    }
    return body;
  }

  private static void sendJson(HttpExchange exchange, int status, ObjectNode body, Map<String, String> headers)
      throws IOException {
    sendBytes(exchange, status, "application/json", JSON.writeValueAsBytes(body), headers, false);
  }

  private static void sendBytes(
      HttpExchange exchange, int status, String type, byte[] body, Map<String, String> headers, boolean dropMidway)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.sendResponseHeaders(status, body.length);
    OutputStream out = exchange.getResponseBody();
    if (dropMidway) {
      out.write(body, 0, body.length / 2);
      out.flush();
      throw new ConnectionDrop("mid-body");
    }
    out.write(body);
    out.close();
  }

  private static void pause(Duration delay) {
    if (delay.isZero()) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Thrown out of the handler to make HttpServer close the connection abruptly. */
  private static final class ConnectionDrop extends IOException {
    private static final long serialVersionUID = 1L;

    ConnectionDrop(String where) {
      super("test server drops the connection " + where);
    }
  }
}
