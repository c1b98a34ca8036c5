package dev.imagerag.infra.models;

import dev.imagerag.logic.jobs.JobContext;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body read piece by piece with a timeout per piece and a cancellation check.
 * {@code HttpRequest.timeout} only covers the wait for the headers; a server that goes silent in
 * the middle of a body would otherwise block the reader forever (JDK HttpClient has no read
 * timeout). Demand is one piece at a time, so a slow disk slows the server down instead of
 * filling the heap.
 */
final class TimedBody implements Flow.Subscriber<List<ByteBuffer>> {
  private static final Object END = new Object();
  private static final long POLL_MILLIS = 50;

  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private volatile Flow.Subscription subscription;

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    queue.add(item);
  }

  @Override
  public void onError(Throwable error) {
    queue.add(error);
  }

  @Override
  public void onComplete() {
    queue.add(END);
  }

  /**
   * The next piece of the body, or null at its end.
   *
   * @throws HttpTimeoutException when nothing arrives within {@code timeout}
   * @throws IOException when the connection fails (dropped, reset)
   * @throws CancellationException when {@code context} is cancelled (the body is cancelled too)
   */
  @SuppressWarnings("unchecked")
  List<ByteBuffer> next(Duration timeout, JobContext context) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (context.isCancelled()) {
        cancel();
        throw new CancellationException("download cancelled");
      }
      Object item;
      try {
        item = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        cancel();
        throw new CancellationException("download interrupted");
      }
      if (item == null) {
        if (System.nanoTime() - deadline >= 0) {
          cancel();
          throw new HttpTimeoutException("no data for " + timeout.toMillis() + " ms");
        }
      } else if (item == END) {
        return null;
      } else if (item instanceof Throwable) {
        Throwable error = (Throwable) item;
        throw error instanceof IOException ? (IOException) error : new IOException(error.getMessage(), error);
      } else {
        subscription.request(1);
        return (List<ByteBuffer>) item;
      }
    }
  }

  /** Stops the body; safe to call more than once, and after the end. */
  void cancel() {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }
}
