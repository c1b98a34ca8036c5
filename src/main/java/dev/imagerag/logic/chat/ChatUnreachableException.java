package dev.imagerag.logic.chat;

/** No connection to the chat server (refused, unknown host), or the connection broke mid-answer. */
public final class ChatUnreachableException extends ChatException {
  private static final long serialVersionUID = 1L;

  private ChatUnreachableException(String userMessage, String partialAnswer, Throwable cause) {
    super(userMessage, partialAnswer, cause);
  }

  /** @param reason what went wrong in a few words, e.g. "connection refused" */
  public static ChatUnreachableException of(String baseUrl, String reason, String partialAnswer, Throwable cause) {
    if (partialAnswer != null && !partialAnswer.isEmpty()) {
      return new ChatUnreachableException("The connection to the chat server at " + baseUrl
          + " broke while the answer was arriving (" + reason + ")." + kept(partialAnswer)
          + " Ask again for the whole answer.", partialAnswer, cause);
    }
    return new ChatUnreachableException("Could not reach the chat server at " + baseUrl + " (" + reason
        + "). Check that it is running (for Ollama: `ollama serve`) and that chat.baseUrl is right.", "", cause);
  }

  /** Whether the connection failed before any answer arrived (nothing was lost). */
  public boolean beforeAnswer() {
    return partialAnswer().isEmpty();
  }
}
