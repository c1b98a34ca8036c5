package dev.imagerag.logic.embed;

/** An encoder that can time its model alone, for benchmarks that compare the pipeline with it. */
public interface RawInference {

  /**
   * Runs the model {@code iterations} times on one prepared input batch of {@code batchSize}
   * (no decoding, no preprocessing) after one warm-up run, and returns images per second.
   */
  double rawImagesPerSecond(int batchSize, int iterations);
}
