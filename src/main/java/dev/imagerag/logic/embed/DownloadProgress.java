package dev.imagerag.logic.embed;

/**
 * How far the download of one file is.
 *
 * @param modelId the model the file belongs to
 * @param fileName the local file name ({@code vision_model.onnx}, ...)
 * @param bytesDone bytes of the file on disk so far, including bytes from an earlier, resumed run
 * @param totalBytes the file's size in bytes, or -1 when neither the manifest nor the server says
 * @param bytesPerSecond average transfer rate of this run so far (0 before the first bytes)
 */
public record DownloadProgress(
    String modelId, String fileName, long bytesDone, long totalBytes, double bytesPerSecond) {

  /** Fraction done in [0, 1], or -1 when the total is unknown. */
  public double fraction() {
    return totalBytes > 0 ? Math.min(1.0, (double) bytesDone / totalBytes) : -1;
  }
}
