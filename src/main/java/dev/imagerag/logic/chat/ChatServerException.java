package dev.imagerag.logic.chat;

/**
 * The chat server failed (HTTP 5xx after every retry), refused the request, answered with a
 * status the API does not use, or sent something that is not a chat completion.
 */
public final class ChatServerException extends ChatException {
  private static final long serialVersionUID = 1L;

  private ChatServerException(String userMessage, String partialAnswer, Throwable cause) {
    super(userMessage, partialAnswer, cause);
  }

  public static ChatServerException failing(
      String baseUrl, int status, int attempts, String detail, String partialAnswer, Throwable cause) {
    return new ChatServerException("The chat server at " + baseUrl + " failed with HTTP " + status
        + (attempts > 1 ? " on all " + attempts + " attempts" : "") + quoted(detail) + "." + kept(partialAnswer)
        + " Ask again later; if it persists, check the server's own log.", partialAnswer, cause);
  }

  public static ChatServerException rejected(String baseUrl, int status, String detail, Throwable cause) {
    return new ChatServerException("The chat server at " + baseUrl + " refused the request (HTTP " + status + ")"
        + quoted(detail) + ". Try fewer images (chat.maxImages) or a smaller chat.imageMaxSide.", "", cause);
  }

  public static ChatServerException invalidAnswer(String baseUrl, String detail, String partialAnswer,
      Throwable cause) {
    return new ChatServerException("The server at " + baseUrl + " did not answer like an OpenAI-compatible API"
        + quoted(detail) + "." + kept(partialAnswer) + " Check chat.baseUrl: it usually ends in /v1.",
        partialAnswer, cause);
  }

  public static ChatServerException unexpected(String baseUrl, String detail, String partialAnswer, Throwable cause) {
    return new ChatServerException("The request to the chat server at " + baseUrl + " failed" + quoted(detail)
        + "." + kept(partialAnswer) + " Check the chat settings; the log has the details.", partialAnswer, cause);
  }
}
