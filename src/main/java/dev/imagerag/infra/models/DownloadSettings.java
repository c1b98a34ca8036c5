package dev.imagerag.infra.models;

import java.time.Duration;
import java.util.Objects;

/**
 * Network behaviour of downloads.
 *
 * @param connectTimeout how long to wait for a TCP (and TLS) connection
 * @param readTimeout how long to wait for the response headers, and then for each next piece of
 *     the body; a server silent for longer counts as a dropped connection
 * @param maxAttempts tries per file for transient failures (server errors 5xx/429, dropped
 *     connections, read timeouts); each retry resumes where the last one stopped
 * @param firstBackoff the wait before the first retry; doubled for each further one
 * @param maxBackoff the longest wait between two tries
 */
public record DownloadSettings(
    Duration connectTimeout, Duration readTimeout, int maxAttempts, Duration firstBackoff, Duration maxBackoff) {

  public static final DownloadSettings DEFAULTS = new DownloadSettings(
      Duration.ofSeconds(15), Duration.ofSeconds(30), 5, Duration.ofSeconds(1), Duration.ofSeconds(30));

  public DownloadSettings {
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(readTimeout, "readTimeout");
    if (maxAttempts < 1 || maxAttempts > 100) {
      throw new IllegalArgumentException("maxAttempts must be in [1, 100], got " + maxAttempts);
    }
    Objects.requireNonNull(firstBackoff, "firstBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
      throw new IllegalArgumentException("need 0 <= firstBackoff <= maxBackoff, got " + firstBackoff + " and " + maxBackoff);
    }
  }

  /** The wait before try number {@code attempt} (2, 3, ...). */
  Duration backoffBefore(int attempt) {
    Duration wait = firstBackoff;
    for (int i = 2; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }

  private static void requirePositive(Duration value, String name) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
