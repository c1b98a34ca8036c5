package dev.imagerag.logic.chat;

/** The chat server refused the request's credentials (HTTP 401 or 403). */
public final class ChatBadApiKeyException extends ChatException {
  private static final long serialVersionUID = 1L;

  private ChatBadApiKeyException(String userMessage, Throwable cause) {
    super(userMessage, "", cause);
  }

  /** @param keyGiven whether a key was sent at all */
  public static ChatBadApiKeyException of(String baseUrl, int status, boolean keyGiven, Throwable cause) {
    String what = keyGiven ? "refused the API key" : "needs an API key";
    return new ChatBadApiKeyException("The chat server at " + baseUrl + " " + what + " (HTTP " + status + "). "
        + (keyGiven ? "Check" : "Set") + " chat.apiKey in the library's settings.json (without one, chat uses "
        + "captions.apiKey, then the OPENAI_API_KEY environment variable), then ask again.", cause);
  }
}
