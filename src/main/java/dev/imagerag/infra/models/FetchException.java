package dev.imagerag.infra.models;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;

/** Why one file could not be fetched; the installer turns it into a message for the user. */
final class FetchException extends IOException {
  private static final long serialVersionUID = 1L;

  enum Kind {
    /** No connection: offline, DNS failure, connection refused, connect timeout, proxy, TLS. */
    UNREACHABLE,
    /** The server answered, but with a refusal (401, 403, 404, 407, 410, ...). */
    REFUSED,
    /** Worth another try: 5xx or 429, a dropped connection, a server that went silent. */
    TRANSIENT,
    /** Writing the .part file failed (a full disk, most likely). */
    WRITE_FAILED,
    /** The server sends a different number of bytes than the manifest pins. */
    WRONG_SIZE
  }

  private final Kind kind;
  private final long bytesWritten;

  FetchException(Kind kind, String reason, Throwable cause) {
    this(kind, reason, cause, 0);
  }

  FetchException(Kind kind, String reason, Throwable cause, long bytesWritten) {
    super(reason, cause);
    this.kind = kind;
    this.bytesWritten = bytesWritten;
  }

  Kind kind() {
    return kind;
  }

  boolean retryable() {
    return kind == Kind.TRANSIENT;
  }

  /** Bytes the failed attempt had written before failing (progress resets the retry budget). */
  long bytesWritten() {
    return bytesWritten;
  }

  /** No connection to {@code host}: unresolvable name, or refused. */
  static FetchException connectFailure(String host, ConnectException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return new FetchException(Kind.UNREACHABLE, "cannot resolve " + host + " (offline, or DNS does not work here)", e);
      }
    }
    String detail = e.getMessage() == null || e.getMessage().isBlank() ? "connection refused" : e.getMessage();
    return new FetchException(Kind.UNREACHABLE, "cannot connect to " + host + " (" + detail + ")", e);
  }

  /** A response status other than 200, 206 and 416. */
  static FetchException status(int status) {
    if (status == 404 || status == 410) {
      return new FetchException(Kind.REFUSED, "the server answered HTTP " + status + ": not found", null);
    }
    if (status == 401 || status == 403) {
      return new FetchException(Kind.REFUSED, "the server answered HTTP " + status
          + ": access denied, or a proxy or firewall blocks it", null);
    }
    if (status == 407) {
      return new FetchException(Kind.REFUSED, "the proxy answered HTTP 407: it requires authentication", null);
    }
    if (status == 408 || status == 429 || status >= 500) {
      return new FetchException(Kind.TRANSIENT, "the server answered HTTP " + status
          + (status == 429 ? ": too many requests" : ": server error"), null);
    }
    return new FetchException(Kind.REFUSED, "the server answered HTTP " + status + " (unexpected)", null);
  }
}
