package dev.imagerag.logic.chat;

import dev.imagerag.domain.ImageRagException;
import java.util.Objects;

/**
 * A chat answer could not be completed. Each subclass is one thing a user can act on, and its
 * message says what to do. Messages name the server and the model but never contain the API key
 * (adapters redact the server's words before quoting them). Whatever had streamed before the
 * failure is kept in {@link #partialAnswer()}.
 */
public abstract class ChatException extends ImageRagException {
  private static final long serialVersionUID = 1L;

  private final String partialAnswer;

  protected ChatException(String userMessage, String partialAnswer, Throwable cause) {
    super(userMessage, cause);
    this.partialAnswer = Objects.requireNonNullElse(partialAnswer, "");
  }

  /** The text that streamed before the failure; "" when none did. */
  public String partialAnswer() {
    return partialAnswer;
  }

  /** " (the server said: …)" or "" when it said nothing useful. */
  static String quoted(String detail) {
    return detail == null || detail.isBlank() ? "" : " (the server said: " + detail.strip() + ")";
  }

  /** " The part of the answer that arrived is kept." when some did. */
  static String kept(String partialAnswer) {
    return partialAnswer == null || partialAnswer.isEmpty() ? "" : " The part of the answer that arrived is kept.";
  }
}
