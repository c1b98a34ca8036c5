package dev.imagerag.logic.embed;

import java.nio.file.Path;

/**
 * Hears about a model download. Every method is called on the downloading thread and must return
 * quickly (update a counter, not the screen). All methods default to doing nothing.
 */
public interface DownloadListener {
  DownloadListener NONE = new DownloadListener() { };

  /**
   * A file's transfer starts.
   *
   * @param totalBytes its size, or -1 when unknown
   * @param resumedFrom bytes already on disk from an interrupted download (0 for a fresh start)
   */
  default void fileStarted(String modelId, String fileName, long totalBytes, long resumedFrom) { }

  /** Bytes arrived; called at most every few dozen milliseconds per file, and once at its end. */
  default void progress(DownloadProgress progress) { }

  /** The file's checksum is being computed (seconds for hundreds of megabytes). */
  default void verifying(String modelId, String fileName) { }

  /** The file was downloaded, verified and moved into place at {@code path}. */
  default void fileDone(String modelId, String fileName, Path path) { }

  /** Something the user should know that does not stop the download (an unpinned file, say). */
  default void warning(String message) { }
}
