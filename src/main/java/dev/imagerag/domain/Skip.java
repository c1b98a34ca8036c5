package dev.imagerag.domain;

import java.util.Objects;

/** A file the importer skipped: the reason class plus a sentence about this very file. */
public record Skip(SkipReason reason, String detail) {
  public Skip {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  public static Skip of(SkipReason reason, String detail) {
    return new Skip(reason, detail);
  }

  @Override
  public String toString() {
    return reason.label() + ": " + detail;
  }
}
