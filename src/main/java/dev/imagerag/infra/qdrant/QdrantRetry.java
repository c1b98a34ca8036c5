package dev.imagerag.infra.qdrant;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often a request is tried when the server is unreachable or too slow (UNAVAILABLE,
 * DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED): at most {@code attempts} times, waiting
 * {@code firstDelay}·2^(n−1) before retry n, capped at {@code maxDelay}, minus up to 25 % jitter so
 * that several workers do not hammer a restarting server in step. Every request this store sends
 * is idempotent (upserts by id, deletes, create-if-missing), so repeating one is safe.
 */
record QdrantRetry(int attempts, Duration firstDelay, Duration maxDelay) {

  /** 5 attempts over about 7 s: rides out a restart or a short network hiccup. */
  static QdrantRetry standard() {
    return new QdrantRetry(5, Duration.ofMillis(250), Duration.ofSeconds(4));
  }

  QdrantRetry {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be ≥ 1, got " + attempts);
    }
    if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
      throw new IllegalArgumentException("need 0 ≤ firstDelay ≤ maxDelay, got " + firstDelay + ", " + maxDelay);
    }
  }

  /** @param retry 1 for the first retry */
  Duration delayBefore(int retry) {
    double exponential = firstDelay.toNanos() * Math.pow(2, retry - 1);
    double capped = Math.min(exponential, maxDelay.toNanos());
    return Duration.ofNanos((long) (capped * (1.0 - 0.25 * ThreadLocalRandom.current().nextDouble())));
  }
}
