package dev.imagerag.logic.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagerag.support.Deadline;
import dev.imagerag.testing.FakeOcrEngines;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchedOcrEngineTest {
  private static final GrayImage IMAGE = new GrayImage(20, 20, new byte[400]);

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new AssertionError("the engine thread must not be interrupted", e);
    }
  }

  @Test
  void anEngineThatIgnoresTheDeadlineTimesOutSoonAfterIt() {
    FakeOcrEngines engines = new FakeOcrEngines((image, deadline) -> {
      sleep(4000);
      return OcrResult.EMPTY;
    });
    WatchedOcrEngine engine = new WatchedOcrEngine(engines);
    long start = System.nanoTime();

    assertThatThrownBy(() -> engine.recognise(IMAGE, Deadline.after(Duration.ofMillis(200))))
        .isInstanceOf(OcrTimeoutException.class).hasMessageContaining("took longer than 200 ms");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3000));
  }

  @Test
  void theAbandonedEngineIsClosedWhenItsCallReturnsAndAFreshOneServesTheNextImage() throws Exception {
    FakeOcrEngines engines = new FakeOcrEngines((image, deadline) -> {
      if (image.width() == 20) {
        sleep(1800);
      }
      return OcrResult.EMPTY;
    });
    WatchedOcrEngine engine = new WatchedOcrEngine(engines);
    assertThatThrownBy(() -> engine.recognise(IMAGE, Deadline.after(Duration.ofMillis(100))))
        .isInstanceOf(OcrTimeoutException.class);

    OcrResult next = engine.recognise(new GrayImage(30, 30, new byte[900]), Deadline.after(Duration.ofSeconds(5)));

    assertThat(next).isEqualTo(OcrResult.EMPTY);
    assertThat(engines.created).hasValue(2);
    long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!engines.engines.get(0).closed && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(engines.engines.get(0).closed).isTrue();
    assertThat(engines.engines.get(1).closed).isFalse();
  }

  @Test
  void anEngineThatHonoursTheDeadlineItselfIsKept() throws Exception {
    FakeOcrEngines engines = new FakeOcrEngines((image, deadline) -> {
      throw new OcrTimeoutException(deadline);
    });
    WatchedOcrEngine engine = new WatchedOcrEngine(engines);

    assertThatThrownBy(() -> engine.recognise(IMAGE, Deadline.after(Duration.ofSeconds(1))))
        .isInstanceOf(OcrTimeoutException.class).hasMessageContaining("1 s");
    assertThatThrownBy(() -> engine.recognise(IMAGE, Deadline.after(Duration.ofSeconds(1))))
        .isInstanceOf(OcrTimeoutException.class);

    assertThat(engines.created).hasValue(1);
  }

  @Test
  void anEngineFailureReachesTheCallerUnchanged() {
    OcrException broken = new OcrException("Tesseract broke");
    WatchedOcrEngine engine = new WatchedOcrEngine(new FakeOcrEngines((image, deadline) -> {
      throw broken;
    }));

    assertThatThrownBy(() -> engine.recognise(IMAGE, Deadline.after(Duration.ofSeconds(1)))).isSameAs(broken);
  }

  @Test
  void closingClosesTheEngine() {
    FakeOcrEngines engines = FakeOcrEngines.reading("x");
    WatchedOcrEngine engine = new WatchedOcrEngine(engines);

    engine.close();

    assertThat(engines.engines).extracting(e -> e.closed).isEqualTo(List.of(true));
  }
}
