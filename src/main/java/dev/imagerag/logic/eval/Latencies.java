package dev.imagerag.logic.eval;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Summary of measured durations in milliseconds: median, 95th percentile and maximum
 * (nearest-rank percentiles: a reported value was actually measured).
 */
public record Latencies(int count, double p50, double p95, double max) {
  public static final Latencies NONE = new Latencies(0, Double.NaN, Double.NaN, Double.NaN);

  /** Summarises durations given in nanoseconds. */
  public static Latencies ofNanos(long[] nanos) {
    if (nanos.length == 0) {
      return NONE;
    }
    double[] millis = new double[nanos.length];
    for (int i = 0; i < nanos.length; i++) {
      millis[i] = nanos[i] / 1e6;
    }
    return ofMillis(millis);
  }

  public static Latencies ofMillis(double[] millis) {
    if (millis.length == 0) {
      return NONE;
    }
    double[] sorted = millis.clone();
    Arrays.sort(sorted);
    return new Latencies(sorted.length, percentile(sorted, 50), percentile(sorted, 95), sorted[sorted.length - 1]);
  }

  /** The smallest value with at least {@code percent} % of the values at or below it. */
  static double percentile(double[] sorted, double percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }

  /** p50, p95 and max in milliseconds (to the microsecond), null when nothing was measured. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("p50", round(p50));
    map.put("p95", round(p95));
    map.put("max", round(max));
    return map;
  }

  static Double round(double value) {
    return Double.isNaN(value) ? null : Math.round(value * 1000) / 1000.0;
  }
}
