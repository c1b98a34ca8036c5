package dev.imagerag.infra.models;

import dev.imagerag.infra.models.FetchException.Kind;
import dev.imagerag.logic.embed.DownloadListener;
import dev.imagerag.logic.embed.DownloadProgress;
import dev.imagerag.logic.jobs.JobContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Flow;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches one URL into a {@code .part} file: resumes with an HTTP Range request when the file
 * has bytes already, starts over when the server ignores the range, retries transient failures
 * with exponential backoff (an attempt that made progress does not use up the budget), reports
 * progress and honours cancellation between pieces. Checksums are the caller's business.
 */
final class ResumableDownload {
  private static final Logger LOG = LoggerFactory.getLogger(ResumableDownload.class);
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");
  private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes\\s+\\*/(\\d+)");
  private static final long REPORT_NANOS = 50_000_000L;

  /** What to fetch: {@code size} is the exact length, or -1 when unknown. */
  record Target(String modelId, String fileName, URI url, Path part, long size) { }

  private final HttpClient client;
  private final DownloadSettings settings;
  private final PartFileOpener opener;

  ResumableDownload(HttpClient client, DownloadSettings settings, PartFileOpener opener) {
    this.client = client;
    this.settings = settings;
    this.opener = opener;
  }

  /**
   * Makes {@code target.part()} hold the whole file.
   *
   * @throws FetchException when it cannot; the .part keeps what arrived, for the next resume
   * @throws CancellationException when {@code context} is cancelled
   */
  void fetch(Target target, DownloadListener listener, JobContext context) throws FetchException {
    FetchException last = null;
    int failures = 0;
    while (true) {
      context.checkCancelled();
      try {
        attempt(target, listener, context);
        return;
      } catch (FetchException e) {
        if (!e.retryable()) {
          throw e;
        }
        last = e;
        failures = e.bytesWritten() > 0 ? 1 : failures + 1;
        if (failures >= settings.maxAttempts()) {
          throw new FetchException(Kind.TRANSIENT, last.getMessage() + " (gave up after " + settings.maxAttempts()
              + " attempts)", last);
        }
        LOG.info("Download of {} failed ({}); retrying", target.url(), e.getMessage());
        sleep(settings.backoffBefore(failures + 1).toMillis(), context);
      }
    }
  }

  private void attempt(Target target, DownloadListener listener, JobContext context) throws FetchException {
    long offset = partLength(target.part());
    if (target.size() >= 0 && offset > target.size()) {
      deletePart(target.part());
      offset = 0;
    }
    if (target.size() >= 0 && offset == target.size()) {
      return; // complete from an earlier run; the checksum decides whether it is right
    }
    HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send(target.url(), offset);
    TimedBody body = new TimedBody();
    response.body().subscribe(body);
    try {
      int status = response.statusCode();
      if (status == 200) {
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (target.size() >= 0 && length >= 0 && length != target.size()) {
          throw new FetchException(Kind.WRONG_SIZE, "the server sends " + length + " bytes but the manifest "
              + "expects " + target.size(), null);
        }
        transfer(target, body, 0, length >= 0 ? length : target.size(), listener, context);
      } else if (status == 206) {
        long total = resumedTotal(response, offset, target);
        transfer(target, body, offset, total, listener, context);
      } else if (status == 416) {
        handleUnsatisfiableRange(target, response, offset);
      } else {
        throw FetchException.status(status);
      }
    } finally {
      body.cancel();
    }
  }

  private HttpResponse<Flow.Publisher<List<ByteBuffer>>> send(URI url, long offset) throws FetchException {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(settings.readTimeout())
        .header("User-Agent", "image-rag").GET();
    if (offset > 0) {
      request.header("Range", "bytes=" + offset + "-");
    }
    String host = url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
    try {
      return client.send(request.build(), BodyHandlers.ofPublisher());
    } catch (HttpConnectTimeoutException e) {
      throw new FetchException(Kind.UNREACHABLE, "no connection to " + host + " within "
          + settings.connectTimeout().toSeconds() + " s (offline, or a firewall drops the traffic)", e);
    } catch (HttpTimeoutException e) {
      throw new FetchException(Kind.TRANSIENT, host + " did not answer within " + settings.readTimeout().toMillis()
          + " ms (read timeout)", e);
    } catch (ConnectException e) {
      throw FetchException.connectFailure(host, e);
    } catch (SSLException e) {
      throw new FetchException(Kind.UNREACHABLE, "a secure connection to " + host + " failed (" + e.getMessage()
          + "; a proxy that intercepts HTTPS?)", e);
    } catch (IOException e) {
      throw new FetchException(Kind.TRANSIENT, "the connection to " + host + " failed (" + e + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("download interrupted");
    }
  }

  /** The total size from a 206's Content-Range; a range that starts elsewhere means start over. */
  private long resumedTotal(HttpResponse<?> response, long offset, Target target) throws FetchException {
    Matcher range = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
    if (!range.matches() || Long.parseLong(range.group(1)) != offset) {
      deletePart(target.part());
      throw new FetchException(Kind.TRANSIENT, "the server resumed at the wrong place ("
          + response.headers().firstValue("Content-Range").orElse("no Content-Range") + "); starting over", null);
    }
    long total = range.group(3).equals("*") ? target.size() : Long.parseLong(range.group(3));
    if (target.size() >= 0 && total != target.size()) {
      throw new FetchException(Kind.WRONG_SIZE, "the server has " + total + " bytes but the manifest expects "
          + target.size(), null);
    }
    return total;
  }

  private void handleUnsatisfiableRange(Target target, HttpResponse<?> response, long offset) throws FetchException {
    Matcher range = UNSATISFIED_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
    if (range.matches() && Long.parseLong(range.group(1)) == offset && target.size() < 0) {
      return; // the .part already holds the whole file of unknown size
    }
    deletePart(target.part());
    throw new FetchException(Kind.TRANSIENT, "the server cannot resume at byte " + offset
        + "; starting over", null);
  }

  private void transfer(Target target, TimedBody body, long offset, long total,
      DownloadListener listener, JobContext context) throws FetchException {
    listener.fileStarted(target.modelId(), target.fileName(), total, offset);
    long done = offset;
    long start = System.nanoTime();
    long lastReport = start;
    OutputStream out = openPart(target.part(), offset > 0);
    try {
      List<ByteBuffer> pieces;
      while ((pieces = nextPiece(body, target, done - offset, context)) != null) {
        for (ByteBuffer piece : pieces) {
          done += write(out, piece, target, done - offset);
        }
        if (target.size() >= 0 && done > target.size()) {
          throw new FetchException(Kind.WRONG_SIZE, "the server sends more than the " + target.size()
              + " bytes the manifest expects", null);
        }
        long now = System.nanoTime();
        if (now - lastReport >= REPORT_NANOS) {
          lastReport = now;
          listener.progress(progress(target, done, total, done - offset, now - start));
        }
        awaitResumed(context);
      }
    } finally {
      close(out, target, done - offset);
    }
    listener.progress(progress(target, done, total, done - offset, System.nanoTime() - start));
    if (total >= 0 && done < total) {
      throw new FetchException(Kind.TRANSIENT, "the connection to " + target.url().getHost() + " closed after "
          + done + " of " + total + " bytes", null, done - offset);
    }
  }

  private List<ByteBuffer> nextPiece(TimedBody body, Target target, long written, JobContext context)
      throws FetchException {
    try {
      return body.next(settings.readTimeout(), context);
    } catch (HttpTimeoutException e) {
      throw new FetchException(Kind.TRANSIENT, target.url().getHost() + " sent nothing for "
          + settings.readTimeout().toMillis() + " ms (read timeout)", e, written);
    } catch (IOException e) {
      throw new FetchException(Kind.TRANSIENT, "the connection to " + target.url().getHost()
          + " dropped (" + e.getMessage() + ")", e, written);
    }
  }

  private OutputStream openPart(Path part, boolean append) throws FetchException {
    try {
      Files.createDirectories(part.getParent());
      return opener.open(part, append);
    } catch (IOException e) {
      throw new FetchException(Kind.WRITE_FAILED, "cannot write " + part + " (" + e.getMessage() + ")", e);
    }
  }

  private static int write(OutputStream out, ByteBuffer piece, Target target, long written) throws FetchException {
    int n = piece.remaining();
    try {
      if (piece.hasArray()) {
        out.write(piece.array(), piece.arrayOffset() + piece.position(), n);
      } else {
        byte[] copy = new byte[n];
        piece.get(copy);
        out.write(copy);
      }
      return n;
    } catch (IOException e) {
      throw new FetchException(Kind.WRITE_FAILED, "writing " + target.part() + " failed (" + e.getMessage() + ")",
          e, written);
    }
  }

  private static void close(OutputStream out, Target target, long written) throws FetchException {
    try {
      out.close();
    } catch (IOException e) {
      throw new FetchException(Kind.WRITE_FAILED, "writing " + target.part() + " failed (" + e.getMessage() + ")",
          e, written);
    }
  }

  private static DownloadProgress progress(Target target, long done, long total, long session, long nanos) {
    double rate = nanos > 0 ? session / (nanos / 1e9) : 0;
    return new DownloadProgress(target.modelId(), target.fileName(), done, total, rate);
  }

  private static void awaitResumed(JobContext context) {
    try {
      context.awaitResumed();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("download interrupted");
    }
  }

  private static void sleep(long millis, JobContext context) {
    long end = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() - end < 0) {
      context.checkCancelled();
      try {
        Thread.sleep(Math.max(1, Math.min(50, (end - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException("download interrupted");
      }
    }
  }

  static long partLength(Path part) {
    try {
      return Files.isRegularFile(part) ? Files.size(part) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static void deletePart(Path part) throws FetchException {
    try {
      Files.deleteIfExists(part);
    } catch (IOException e) {
      throw new FetchException(Kind.WRITE_FAILED, "cannot delete " + part + " (" + e.getMessage() + ")", e);
    }
  }
}
