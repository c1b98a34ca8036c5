package dev.imagerag.logic.embed;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Encodes images into one embedding space. Thread-safe; blocks while the model loads (the first
 * call) and computes.
 */
public interface ImageEmbedder {

  /** The model's id, recorded with every vector it produces. */
  String modelId();

  int dimension();

  /**
   * The side in pixels of the square input the model sees; {@link TilePlanner} sizes tiles of very
   * large images from it. 224, the CLIP family's size, unless the implementation knows better.
   */
  default int inputSize() {
    return 224;
  }

  /**
   * One L2-normalised vector of {@link #dimension()} floats per image, in order. Images are 8-bit
   * RGB of any size; preprocessing (resize, crop, normalisation) happens here.
   *
   * @throws EmbeddingException when the model cannot be loaded or run
   */
  List<float[]> embedImages(List<BufferedImage> images);
}
