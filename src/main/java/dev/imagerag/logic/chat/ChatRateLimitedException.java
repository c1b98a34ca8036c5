package dev.imagerag.logic.chat;

/** The chat server kept answering 429 after every retry. */
public final class ChatRateLimitedException extends ChatException {
  private static final long serialVersionUID = 1L;

  private ChatRateLimitedException(String userMessage, Throwable cause) {
    super(userMessage, "", cause);
  }

  public static ChatRateLimitedException of(String baseUrl, int attempts, String detail, Throwable cause) {
    return new ChatRateLimitedException("The chat server at " + baseUrl + " is still rate limiting after "
        + attempts + (attempts == 1 ? " attempt" : " attempts") + quoted(detail)
        + ". Wait a minute and ask again, or check the account's quota and billing.", cause);
  }
}
