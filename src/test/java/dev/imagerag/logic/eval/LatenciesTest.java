package dev.imagerag.logic.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Nearest-rank percentiles of measured durations. */
class LatenciesTest {

  @Test
  void percentilesAreMeasuredValuesByNearestRank() {
    double[] millis = new double[100];
    for (int i = 0; i < millis.length; i++) {
      millis[millis.length - 1 - i] = i + 1; // 100 down to 1: order does not matter
    }

    Latencies latencies = Latencies.ofMillis(millis);

    assertThat(latencies.p50()).isEqualTo(50);
    assertThat(latencies.p95()).isEqualTo(95);
    assertThat(latencies.max()).isEqualTo(100);
    assertThat(latencies.count()).isEqualTo(100);
  }

  @Test
  void aSingleMeasurementIsEveryPercentile() {
    Latencies latencies = Latencies.ofNanos(new long[] {2_500_000});

    assertThat(latencies.p50()).isEqualTo(2.5);
    assertThat(latencies.p95()).isEqualTo(2.5);
    assertThat(latencies.max()).isEqualTo(2.5);
  }

  @Test
  void theNinetyFifthPercentileOfTenValuesIsTheLargest() {
    Latencies latencies = Latencies.ofMillis(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});

    assertThat(latencies.p50()).isEqualTo(5);
    assertThat(latencies.p95()).isEqualTo(10);
  }

  @Test
  void nothingMeasuredHasNoValuesInJson() {
    assertThat(Latencies.ofMillis(new double[0]).toMap()).containsEntry("p50", null).containsEntry("max", null);
  }
}
