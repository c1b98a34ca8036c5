package dev.imagerag.logic.caption;

import dev.imagerag.domain.ImageRagException;

/**
 * A caption could not be made. Each subclass is one thing a user can act on, and its message says
 * what to do. Messages name the server and the model but never contain the API key; the server's
 * own words, when quoted, have the key removed by the adapter before they get here.
 */
public abstract class CaptionException extends ImageRagException {
  private static final long serialVersionUID = 1L;

  protected CaptionException(String userMessage, Throwable cause) {
    super(userMessage, cause);
  }

  /** " (what the server said)" or "" when it said nothing useful. */
  static String quoted(String detail) {
    return detail == null || detail.isBlank() ? "" : " (the server said: " + detail.strip() + ")";
  }
}
