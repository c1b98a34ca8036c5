package dev.imagerag.testing;

import dev.imagerag.logic.ocr.GrayImage;
import dev.imagerag.logic.ocr.OcrAvailability;
import dev.imagerag.logic.ocr.OcrEngine;
import dev.imagerag.logic.ocr.OcrEngines;
import dev.imagerag.logic.ocr.OcrException;
import dev.imagerag.logic.ocr.OcrImageException;
import dev.imagerag.logic.ocr.OcrResult;
import dev.imagerag.support.Deadline;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * OCR engines for tests of the stage and the time budget: each engine answers every image with what
 * {@link #reading} says, and counts what happened to it. No orientation data.
 */
public final class FakeOcrEngines implements OcrEngines {

  /** What an engine does with one image. */
  @FunctionalInterface
  public interface Reading {
    OcrResult read(GrayImage image, Deadline deadline) throws OcrImageException;
  }

  private final Reading reading;
  public final AtomicInteger created = new AtomicInteger();
  public final List<FakeEngine> engines = new CopyOnWriteArrayList<>();
  public volatile String unavailableReason;

  public FakeOcrEngines(Reading reading) {
    this.reading = reading;
  }

  /** Engines that find {@code text} as one word in every image. */
  public static FakeOcrEngines reading(String text) {
    return new FakeOcrEngines((image, deadline) -> text.isEmpty() ? OcrResult.EMPTY
        : OcrResult.of(text, List.of(new dev.imagerag.logic.ocr.OcrWord(text, 1, 1, image.width() - 2,
            image.height() - 2, 0.9))));
  }

  @Override
  public OcrAvailability availability() {
    return unavailableReason == null ? OcrAvailability.available(List.of())
        : OcrAvailability.unavailable(unavailableReason);
  }

  @Override
  public String engineVersion() {
    return "fake 1.0";
  }

  @Override
  public String languages() {
    return "eng";
  }

  @Override
  public OcrEngine create() {
    if (unavailableReason != null) {
      throw new OcrException("Text recognition is off: " + unavailableReason);
    }
    created.incrementAndGet();
    FakeEngine engine = new FakeEngine();
    engines.add(engine);
    return engine;
  }

  /** One fake engine; remembers the threads that used it and whether it was closed. */
  public final class FakeEngine implements OcrEngine {
    public final AtomicInteger calls = new AtomicInteger();
    public volatile boolean closed;

    @Override
    public OcrResult recognise(GrayImage image, Deadline deadline) throws OcrImageException {
      if (closed) {
        throw new IllegalStateException("used after close");
      }
      calls.incrementAndGet();
      return reading.read(image, deadline);
    }

    @Override
    public boolean detectsOrientation() {
      return false;
    }

    @Override
    public OptionalInt detectRotation(GrayImage image, Deadline deadline) {
      return OptionalInt.empty();
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
