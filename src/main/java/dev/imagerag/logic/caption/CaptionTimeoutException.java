package dev.imagerag.logic.caption;

import java.time.Duration;

/**
 * The server did not answer in time. Concerns every image: images are downscaled before they are
 * sent, so a slow answer says more about the server than about the picture.
 */
public final class CaptionTimeoutException extends CaptionException {
  private static final long serialVersionUID = 1L;

  private CaptionTimeoutException(String userMessage, Throwable cause) {
    super(userMessage, cause);
  }

  public static CaptionTimeoutException of(String baseUrl, Duration timeout, Throwable cause) {
    String limit = timeout.toMillis() < 1000 ? timeout.toMillis() + " ms" : timeout.toSeconds() + " s";
    return new CaptionTimeoutException("The caption server at " + baseUrl + " did not answer within " + limit
        + ". Resume the import later, or raise captions.timeoutSeconds (local models on a CPU can take "
        + "minutes per image).", cause);
  }
}
