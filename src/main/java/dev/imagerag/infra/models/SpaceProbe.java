package dev.imagerag.infra.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How many bytes can still be written in a folder; a seam so tests can simulate a full disk. */
@FunctionalInterface
public interface SpaceProbe {
  /** The usable space of the file store holding the (existing) folder. */
  SpaceProbe FILE_STORE = folder -> Files.getFileStore(folder).getUsableSpace();

  long usableBytes(Path folder) throws IOException;
}
