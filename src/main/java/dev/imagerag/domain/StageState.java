package dev.imagerag.domain;

import java.util.Locale;

/** Where one stage stands for one image. */
public enum StageState {
  PENDING,
  RUNNING,
  DONE,
  FAILED,
  SKIPPED;

  /** Done, failed and skipped are final until something changes (a model, a retry). */
  public boolean terminal() {
    return this == DONE || this == FAILED || this == SKIPPED;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static StageState fromId(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
