package dev.imagerag.infra.models;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens a {@code .part} file for writing; a seam so tests can simulate a disk that fills up in the
 * middle of a download.
 */
@FunctionalInterface
interface PartFileOpener {
  PartFileOpener FILES = (part, append) -> Files.newOutputStream(part, StandardOpenOption.CREATE,
      StandardOpenOption.WRITE, append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);

  /** Opens {@code part}, creating it; appends when {@code append}, else starts it empty. */
  OutputStream open(Path part, boolean append) throws IOException;
}
