package dev.imagerag.logic.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagerag.testing.FakeOcrEngines;
import org.junit.jupiter.api.Test;

class OcrEnginePoolTest {

  @Test
  void anEngineGivenBackServesTheNextWorker() {
    FakeOcrEngines engines = FakeOcrEngines.reading("x");
    try (OcrEnginePool pool = new OcrEnginePool(engines)) {
      OcrEngine first = pool.borrow();
      pool.giveBack(first);

      OcrEngine second = pool.borrow();

      assertThat(second).isSameAs(first);
      assertThat(engines.created).hasValue(1);
    }
  }

  @Test
  void twoWorkersAtOnceGetTwoEngines() {
    FakeOcrEngines engines = FakeOcrEngines.reading("x");
    try (OcrEnginePool pool = new OcrEnginePool(engines)) {
      OcrEngine a = pool.borrow();
      OcrEngine b = pool.borrow();

      assertThat(a).isNotSameAs(b);
      assertThat(engines.created).hasValue(2);
    }
  }

  @Test
  void closingClosesIdleEnginesAndOnesGivenBackLater() {
    FakeOcrEngines engines = FakeOcrEngines.reading("x");
    OcrEnginePool pool = new OcrEnginePool(engines);
    OcrEngine idle = pool.borrow();
    OcrEngine busy = pool.borrow();
    pool.giveBack(idle);

    pool.close();
    assertThat(engines.engines.get(0).closed).isTrue();
    assertThat(engines.engines.get(1).closed).isFalse();
    pool.giveBack(busy);

    assertThat(engines.engines.get(1).closed).isTrue();
    assertThat(pool.idleCount()).isZero();
    assertThatThrownBy(pool::borrow).isInstanceOf(IllegalStateException.class);
  }
}
