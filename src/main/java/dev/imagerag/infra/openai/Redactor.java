package dev.imagerag.infra.openai;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Keeps the API key out of everything that leaves the adapter. A server may quote the key back in
 * an error ("invalid key sk-…"), and openai-java puts the server's error message into its
 * exception messages, which end up in logs via exception causes. So server text is redacted, and
 * causes are replaced by copies with redacted messages (same classes named, same stack traces).
 */
final class Redactor {
  static final String MASK = "[redacted]";
  private static final int MAX_DEPTH = 10;

  private final String secret;

  /** @param secret the key, or null when none is used */
  Redactor(String secret) {
    this.secret = secret == null || secret.isEmpty() ? null : secret;
  }

  String redact(String text) {
    return text == null || secret == null ? text : text.replace(secret, MASK);
  }

  /** A copy of {@code failure} and its causes whose messages cannot contain the key. */
  Throwable redact(Throwable failure) {
    return copy(failure, new IdentityHashMap<>(), 0);
  }

  private Throwable copy(Throwable failure, Map<Throwable, Throwable> seen, int depth) {
    if (failure == null || depth > MAX_DEPTH) {
      return null;
    }
    Throwable done = seen.get(failure);
    if (done != null) {
      return done;
    }
    RedactedFailure copy = new RedactedFailure(failure.getClass().getName(), redact(failure.getMessage()));
    copy.setStackTrace(failure.getStackTrace());
    seen.put(failure, copy);
    Throwable cause = copy(failure.getCause(), seen, depth + 1);
    if (cause != null) {
      copy.initCause(cause);
    }
    return copy;
  }

  /** Stands in for a vendor exception; prints as the original class with the redacted message. */
  static final class RedactedFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String originalClass;

    RedactedFailure(String originalClass, String message) {
      super(message);
      this.originalClass = originalClass;
    }

    String originalClass() {
      return originalClass;
    }

    @Override
    public String toString() {
      return getMessage() == null ? originalClass : originalClass + ": " + getMessage();
    }
  }
}
