package dev.imagerag.logic.caption;

/** The server kept answering 429 after every retry. Concerns every image. */
public final class RateLimitedException extends CaptionException {
  private static final long serialVersionUID = 1L;

  private RateLimitedException(String userMessage, Throwable cause) {
    super(userMessage, cause);
  }

  public static RateLimitedException of(String baseUrl, int attempts, String detail, Throwable cause) {
    return new RateLimitedException("The caption server at " + baseUrl + " is still rate limiting after "
        + attempts + " attempts" + quoted(detail) + ". Resume the import later, lower captions.maxConcurrency, "
        + "or check the account's quota and billing.", cause);
  }
}
