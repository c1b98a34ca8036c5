package dev.imagerag.logic.ingest;

import dev.imagerag.support.Deadline;
import java.nio.file.Path;

/**
 * Reads image files. Implementations are thread-safe, read only the first frame or page, never
 * resolve external references (e.g. XML entities), and stop when the deadline passes.
 */
public interface ImageDecoder {

  /**
   * Reads the header only: format and stored dimensions, without allocating pixels.
   *
   * @throws DecodeException when no decoder accepts the file or the header is damaged
   */
  ImageHeader probe(Path file, Deadline deadline) throws DecodeException;

  /**
   * Decodes the first frame, reduced while decoding so that its longer side stays at least
   * {@code minLongSide} (or the full size when smaller), applies EXIF orientation and converts to
   * 8-bit RGB.
   *
   * @throws DecodeException for corrupt or truncated data, a passed deadline or too little memory
   */
  DecodedImage decode(Path file, int minLongSide, Deadline deadline) throws DecodeException;

  /**
   * Decodes the first frame at full resolution when it has at most {@code pixelBudget} pixels,
   * else reduced by the smallest whole factor that fits the budget (memory stays bounded for huge
   * scans) and applies EXIF orientation, leaving the pixel layout as decoded (it may carry alpha,
   * a palette or 16-bit samples). For model inputs, which must see the pixels as a reference
   * processor would.
   *
   * @throws DecodeException for corrupt or truncated data, a passed deadline or too little memory
   */
  DecodedImage decodeWithin(Path file, long pixelBudget, Deadline deadline) throws DecodeException;
}
