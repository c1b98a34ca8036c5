package dev.imagerag.logic.embed;

import dev.imagerag.domain.ImageRagException;

/** A model could not be loaded or run; the message says which model, why and what to do. */
public final class EmbeddingException extends ImageRagException {
  private static final long serialVersionUID = 1L;

  public EmbeddingException(String userMessage) {
    super(userMessage);
  }

  public EmbeddingException(String userMessage, Throwable cause) {
    super(userMessage, cause);
  }
}
