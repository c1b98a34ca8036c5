package dev.imagerag.logic.library;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.ImageRagException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * Where an index migration got to, in a small properties file in the library folder
 * ({@code migrate.progress}): the target it copies to and the last image id (in id order) whose
 * batch the target has durably stored. Written atomically after every batch, so a killed migration
 * continues after that id; deleted when the migration completes.
 */
final class MigrationCheckpoint {
  static final String FILE_NAME = "migrate.progress";

  private final Path file;

  MigrationCheckpoint(Path libraryRoot) {
    this.file = libraryRoot.resolve(FILE_NAME);
  }

  /** A saved position. @param lastId null before the first batch */
  record Position(String target, ImageId lastId) {}

  Path file() {
    return file;
  }

  Optional<Position> load() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (IOException | IllegalArgumentException e) {
      // A damaged checkpoint only costs a full copy.
      return Optional.empty();
    }
    String target = properties.getProperty("target");
    String last = properties.getProperty("last", "");
    if (target == null || !(last.isEmpty() || last.matches("[0-9a-f]{64}"))) {
      return Optional.empty();
    }
    return Optional.of(new Position(target, last.isEmpty() ? null : ImageId.of(last)));
  }

  void save(Position position) {
    Properties properties = new Properties();
    properties.setProperty("target", position.target());
    properties.setProperty("last", position.lastId() == null ? "" : position.lastId().hex());
    try {
      Path temp = Files.createTempFile(file.getParent(), "migrate", ".tmp");
      try {
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
          properties.store(out, "Image RAG index migration; delete this file to start over");
        }
        try {
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException notAtomic) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new ImageRagException("Could not record the migration's progress in " + file + ": " + e.getMessage(), e);
    }
  }

  void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new ImageRagException("Could not delete " + file + ": " + e.getMessage(), e);
    }
  }
}
