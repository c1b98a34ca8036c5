package dev.imagerag.logic.caption;

/** The server refused the request's credentials (HTTP 401 or 403). Concerns every image. */
public final class BadApiKeyException extends CaptionException {
  private static final long serialVersionUID = 1L;

  private BadApiKeyException(String userMessage, Throwable cause) {
    super(userMessage, cause);
  }

  /**
   * @param keyGiven whether a key was sent at all
   */
  public static BadApiKeyException of(String baseUrl, int status, boolean keyGiven, Throwable cause) {
    String what = keyGiven ? "refused the API key" : "needs an API key";
    return new BadApiKeyException("The caption server at " + baseUrl + " " + what + " (HTTP " + status + "). "
        + (keyGiven ? "Check" : "Set") + " captions.apiKey in the library's settings.json or the OPENAI_API_KEY "
        + "environment variable, then resume the import.", cause);
  }
}
