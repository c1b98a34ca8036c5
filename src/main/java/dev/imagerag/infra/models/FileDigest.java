package dev.imagerag.infra.models;

import dev.imagerag.logic.jobs.JobContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Streaming SHA-256 of a file that stops when its job is cancelled. */
final class FileDigest {
  private static final int BUFFER = 1 << 20;

  private FileDigest() {}

  /** Lower-case hex SHA-256 of the file's bytes. */
  static String sha256(Path file, JobContext context) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
        context.checkCancelled();
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
