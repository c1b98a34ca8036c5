package dev.imagerag.logic.caption;

/**
 * The server kept failing (HTTP 5xx after every retry), answered with a status the API does not
 * use, or sent something that is not a chat completion. Concerns every image.
 */
public final class CaptionServerException extends CaptionException {
  private static final long serialVersionUID = 1L;

  private CaptionServerException(String userMessage, Throwable cause) {
    super(userMessage, cause);
  }

  public static CaptionServerException failing(
      String baseUrl, int status, int attempts, String detail, Throwable cause) {
    return new CaptionServerException("The caption server at " + baseUrl + " failed with HTTP " + status
        + (attempts > 1 ? " on all " + attempts + " attempts" : "") + quoted(detail)
        + ". Resume the import later; if it persists, check the server's own log.", cause);
  }

  public static CaptionServerException invalidAnswer(String baseUrl, String detail, Throwable cause) {
    return new CaptionServerException("The server at " + baseUrl + " did not answer like an OpenAI-compatible "
        + "API" + quoted(detail) + ". Check captions.baseUrl: it usually ends in /v1.", cause);
  }

  public static CaptionServerException unexpected(String baseUrl, String detail, Throwable cause) {
    return new CaptionServerException("The request to the caption server at " + baseUrl + " failed"
        + quoted(detail) + ". Check the caption settings; the log has the details.", cause);
  }
}
