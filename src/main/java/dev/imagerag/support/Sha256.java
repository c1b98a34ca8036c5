package dev.imagerag.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeoutException;

/** Streaming SHA-256 of a file that gives up when its deadline passes. */
public final class Sha256 {
  private static final int BUFFER = 1 << 16;

  private Sha256() {}

  public static byte[] of(Path file, Deadline deadline) throws IOException, TimeoutException {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[BUFFER];
    long sinceCheck = 0;
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
        sinceCheck += n;
        if (sinceCheck >= (1 << 22)) {
          sinceCheck = 0;
          if (deadline.expired()) {
            throw new TimeoutException("reading the file took longer than " + deadline.describeBudget());
          }
        }
      }
    }
    return digest.digest();
  }

  public static byte[] of(byte[] data) {
    return newDigest().digest(data);
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
