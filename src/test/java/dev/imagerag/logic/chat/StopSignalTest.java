package dev.imagerag.logic.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StopSignalTest {
  @Test
  void actionsRunOnceWhenStoppedAndAtOnceWhenAlreadyStopped() {
    StopSignal stop = new StopSignal();
    AtomicInteger runs = new AtomicInteger();
    stop.onStop(runs::incrementAndGet);

    stop.stop();
    stop.stop();
    stop.onStop(runs::incrementAndGet);

    assertThat(runs).hasValue(2);
    assertThat(stop.isStopped()).isTrue();
  }

  @Test
  void aClosedRegistrationDoesNotRun() {
    StopSignal stop = new StopSignal();
    AtomicInteger runs = new AtomicInteger();
    stop.onStop(runs::incrementAndGet).close();

    stop.stop();

    assertThat(runs).hasValue(0);
  }

  @Test
  void awaitReturnsAtOnceWhenStoppedFromAnotherThread() {
    StopSignal stop = new StopSignal();
    new Thread(() -> {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      stop.stop();
    }).start();
    long start = System.nanoTime();

    assertThat(stop.await(Duration.ofSeconds(10))).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(StopSignal.never().await(Duration.ofMillis(10))).isFalse();
  }
}
