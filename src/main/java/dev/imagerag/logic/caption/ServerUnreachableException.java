package dev.imagerag.logic.caption;

/** No connection to the server (refused, unknown host, dropped). Concerns every image. */
public final class ServerUnreachableException extends CaptionException {
  private static final long serialVersionUID = 1L;

  private ServerUnreachableException(String userMessage, Throwable cause) {
    super(userMessage, cause);
  }

  /**
   * @param reason what went wrong in a few words, e.g. "connection refused"
   */
  public static ServerUnreachableException of(String baseUrl, String reason, Throwable cause) {
    return new ServerUnreachableException("Could not reach the caption server at " + baseUrl + " (" + reason
        + "). Check that it is running (for Ollama: `ollama serve`) and that captions.baseUrl is right, then "
        + "resume the import.", cause);
  }
}
