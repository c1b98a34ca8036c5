package dev.imagerag.logic.caption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostMeterTest {

  @Test
  void usageAddsUpAndIsPricedPerMillionTokens() {
    CostMeter meter = new CostMeter(0.15, 0.60);

    meter.add(new TokenUsage(600_000, 100_000));
    meter.add(new TokenUsage(400_000, 400_000));

    CostMeter.Totals totals = meter.totals();
    assertThat(totals.requests()).isEqualTo(2);
    assertThat(totals.promptTokens()).isEqualTo(1_000_000);
    assertThat(totals.completionTokens()).isEqualTo(500_000);
    assertThat(totals.estimatedDollars()).isCloseTo(0.15 + 0.30, within(1e-9));
  }

  @Test
  void pricesComeFromTheCaptionSettings() {
    CostMeter meter = CostMeter.of(CaptionSettings.DEFAULTS);

    meter.add(new TokenUsage(2_000_000, 0));

    assertThat(meter.totals().estimatedDollars())
        .isCloseTo(2 * CaptionSettings.DEFAULTS.inputPricePerMillion(), within(1e-9));
  }

  @Test
  void concurrentAddsAreAllCounted() throws Exception {
    CostMeter meter = new CostMeter(1, 1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      Thread thread = new Thread(() -> {
        for (int i = 0; i < 1000; i++) {
          meter.add(new TokenUsage(3, 2));
        }
      });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }

    CostMeter.Totals totals = meter.totals();
    assertThat(totals.requests()).isEqualTo(8000);
    assertThat(totals.promptTokens()).isEqualTo(24_000);
    assertThat(totals.completionTokens()).isEqualTo(16_000);
  }

  @Test
  void negativePricesAreRefused() {
    assertThatThrownBy(() -> new CostMeter(-1, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1.0");
  }
}
