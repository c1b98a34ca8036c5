package dev.imagerag.logic.caption;

import java.awt.image.BufferedImage;

/**
 * Describes images with a vision model. Implementations are thread-safe; each call blocks for one
 * request (plus retries) and sends the image off the machine when the model is remote.
 *
 * <p>Failures a user must act on are {@link CaptionException}s. {@link ImageRejectedException}
 * concerns one image only; every other one concerns the service (key, model, server), so the
 * caller should stop rather than try the next image.
 */
public interface Captioner {

  /** The configured model's name, e.g. "gpt-4o-mini" or "llava:13b". */
  String model();

  /** Identifies the prompt and answer format; a new one means captions should be made again. */
  String promptVersion();

  /**
   * Captions one image.
   *
   * @param image 8-bit RGB pixels, any size (the implementation downscales as configured)
   * @throws CaptionException when no caption could be made
   */
  Caption caption(BufferedImage image);
}
