package dev.imagerag.logic.store;

import dev.imagerag.domain.ImageRagException;

/** The index could not do what was asked; the message says what and what to do. */
public class StoreException extends ImageRagException {
  private static final long serialVersionUID = 1L;

  public StoreException(String userMessage) {
    super(userMessage);
  }

  public StoreException(String userMessage, Throwable cause) {
    super(userMessage, cause);
  }
}
