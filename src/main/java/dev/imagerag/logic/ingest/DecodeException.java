package dev.imagerag.logic.ingest;

import dev.imagerag.domain.Skip;
import dev.imagerag.domain.SkipReason;

/** The file could not be decoded; {@link #skip()} says why in words for the user. */
public final class DecodeException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient Skip skip;

  public DecodeException(SkipReason reason, String detail, Throwable cause) {
    super(detail, cause);
    this.skip = Skip.of(reason, detail);
  }

  public DecodeException(SkipReason reason, String detail) {
    this(reason, detail, null);
  }

  public Skip skip() {
    return skip;
  }
}
