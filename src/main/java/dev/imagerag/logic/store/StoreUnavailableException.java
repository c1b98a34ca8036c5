package dev.imagerag.logic.store;

/**
 * The index could not be reached (a remote server is down, restarting or too slow) after the
 * store's own retries. Transient: the same request can succeed unchanged later, so callers that
 * can wait (the index stage) keep their work and try again instead of recording a failure.
 */
public class StoreUnavailableException extends StoreException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String userMessage, Throwable cause) {
    super(userMessage, cause);
  }
}
