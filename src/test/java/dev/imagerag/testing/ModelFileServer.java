package dev.imagerag.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local HTTP server for download tests: serves generated random files, honours
 * {@code Range: bytes=N-} (206 with Content-Range, 416 past the end) and misbehaves on request:
 * drops a connection mid-body once, ignores ranges, goes silent, answers with an error status,
 * or trickles bytes slowly. Records every request.
 */
public final class ModelFileServer implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");
  private static final int CHUNK = 16 * 1024;

  /** One request as the server saw it: path, Range header (or null) and the status sent. */
  public record Request(String path, String range, int status) { }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "test-model-server");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> served = new ConcurrentHashMap<>();
  private final Map<String, Long> dropOnceAfter = new ConcurrentHashMap<>();
  private final Map<String, Long> stallAfter = new ConcurrentHashMap<>();
  private final Map<String, int[]> failures = new ConcurrentHashMap<>();
  private final List<Request> requests = new ArrayList<>();
  private final AtomicInteger pauseMicros = new AtomicInteger();
  private volatile boolean ignoreRange;
  private volatile Duration stall = Duration.ZERO;

  private ModelFileServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public static ModelFileServer start() {
    try {
      return new ModelFileServer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serves {@code size} random bytes (from {@code seed}) at {@code path}; returns them. */
  public byte[] add(String path, int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    files.put(path, data);
    return data;
  }

  public String url(String path) {
    return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + path;
  }

  /** The next response for {@code path} closes the connection after {@code bytes} of its body. */
  public void dropOnce(String path, long bytes) {
    dropOnceAfter.put(path, bytes);
  }

  /** Answer every request with the whole file (200), whatever its Range header says. */
  public void ignoreRange() {
    ignoreRange = true;
  }

  /** Responses for {@code path} go silent for {@code pause} when they reach byte {@code offset} of the file. */
  public void stall(String path, long offset, Duration pause) {
    stall = pause;
    stallAfter.put(path, offset);
  }

  /** The next {@code times} requests for {@code path} get {@code status} and no body. */
  public void fail(String path, int status, int times) {
    failures.put(path, new int[] {status, times});
  }

  /** Sleep this long after every 16 KiB chunk, so a transfer takes a while. */
  public void trickle(Duration perChunk) {
    pauseMicros.set((int) (perChunk.toNanos() / 1000));
  }

  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  public List<Request> requests(String path) {
    return requests().stream().filter(r -> r.path().equals(path)).toList();
  }

  /** Body bytes written for {@code path}, over all requests. */
  public long bytesServed(String path) {
    return served.computeIfAbsent(path, p -> new AtomicLong()).get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String range = exchange.getRequestHeaders().getFirst("Range");
    byte[] data = files.get(path);
    int[] failure = failures.get(path);
    if (failure != null && failure[1] > 0) {
      failure[1]--;
      respondEmpty(exchange, path, range, failure[0]);
      return;
    }
    if (data == null) {
      respondEmpty(exchange, path, range, 404);
      return;
    }
    long start = 0;
    Matcher m = range == null || ignoreRange ? null : RANGE.matcher(range);
    if (m != null && m.matches()) {
      start = Long.parseLong(m.group(1));
      if (start >= data.length) {
        exchange.getResponseHeaders().set("Content-Range", "bytes */" + data.length);
        respondEmpty(exchange, path, range, 416);
        return;
      }
      exchange.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + (data.length - 1) + "/" + data.length);
    }
    int status = start > 0 || m != null && m.matches() ? 206 : 200;
    record(path, range, status);
    exchange.sendResponseHeaders(status, data.length - start);
    writeBody(exchange, path, data, (int) start);
  }

  private void writeBody(HttpExchange exchange, String path, byte[] data, int start) throws IOException {
    Long dropAt = dropOnceAfter.remove(path);
    Long stallAt = stallAfter.get(path);
    AtomicLong counter = served.computeIfAbsent(path, p -> new AtomicLong());
    OutputStream out = exchange.getResponseBody();
    long written = 0;
    for (int pos = start; pos < data.length; pos += CHUNK) {
      int n = Math.min(CHUNK, data.length - pos);
      if (dropAt != null && written + n > dropAt) {
        int rest = (int) (dropAt - written);
        out.write(data, pos, rest);
        counter.addAndGet(rest);
        out.flush();
        // An exception out of a handler makes HttpServer close the connection mid-body.
        throw new IOException("test server drops the connection after " + dropAt + " bytes");
      }
      if (stallAt != null && pos >= stallAt) {
        pause(stall.toNanos() / 1000);
      }
      out.write(data, pos, n);
      out.flush();
      written += n;
      counter.addAndGet(n);
      pause(pauseMicros.get());
    }
    out.close();
  }

  private void respondEmpty(HttpExchange exchange, String path, String range, int status) throws IOException {
    record(path, range, status);
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  private void record(String path, String range, int status) {
    synchronized (requests) {
      requests.add(new Request(path, range, status));
    }
  }

  private static void pause(long micros) throws IOException {
    if (micros <= 0) {
      return;
    }
    try {
      Thread.sleep(micros / 1000, (int) (micros % 1000) * 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("test server stopped", e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
