package dev.imagerag.infra.openai;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a request again after HTTP 429 or 5xx: at most {@code maxRetries} times, waiting
 * {@code initialDelay}·2^(n−1) before retry n (capped at {@code maxDelay}, minus up to 25 % jitter
 * so parallel workers spread out), or what the server's Retry-After asks, up to
 * {@link #MAX_SERVER_DELAY}.
 */
record RetryPolicy(int maxRetries, Duration initialDelay, Duration maxDelay) {
  /** A server asking for longer (an exhausted quota) is better answered by stopping. */
  static final Duration MAX_SERVER_DELAY = Duration.ofSeconds(60);

  static RetryPolicy standard(int maxRetries) {
    return new RetryPolicy(maxRetries, Duration.ofSeconds(1), Duration.ofSeconds(20));
  }

  RetryPolicy {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be ≥ 0, got " + maxRetries);
    }
    if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("need 0 ≤ initialDelay ≤ maxDelay, got " + initialDelay + ", " + maxDelay);
    }
  }

  /**
   * @param retry 1 for the first retry
   * @param serverHint the server's Retry-After, or null
   */
  Duration delayBefore(int retry, Duration serverHint) {
    if (serverHint != null && !serverHint.isNegative()) {
      return serverHint.compareTo(MAX_SERVER_DELAY) > 0 ? MAX_SERVER_DELAY : serverHint;
    }
    double exponential = initialDelay.toNanos() * Math.pow(2, retry - 1);
    double capped = Math.min(exponential, maxDelay.toNanos());
    double jitter = 1.0 - 0.25 * ThreadLocalRandom.current().nextDouble();
    return Duration.ofNanos((long) (capped * jitter));
  }
}
