package dev.imagerag.logic.chat;

import java.util.Locale;

/** How an answer ended. Stored in the catalog by {@link #id()}: never rename one. */
public enum AnswerStatus {
  /** The model answered in full. */
  COMPLETE,
  /** The model's answer was cut short (token limit or content filter). */
  TRUNCATED,
  /** The user stopped the answer; what had arrived is kept. */
  STOPPED,
  /** The request failed; what had arrived, if anything, is kept with the error. */
  FAILED,
  /** No model was asked: the answer lists the best-matching images and their matching text. */
  RETRIEVAL_ONLY;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AnswerStatus fromId(String id) {
    for (AnswerStatus status : values()) {
      if (status.id().equals(id)) {
        return status;
      }
    }
    throw new IllegalArgumentException("unknown answer status: " + id);
  }
}
