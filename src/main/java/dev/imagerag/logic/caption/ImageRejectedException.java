package dev.imagerag.logic.caption;

/**
 * The server refused this one image (HTTP 400, 413, 415 or 422), or the model gave no answer for it.
 * Other images may still succeed, so only this image fails.
 */
public final class ImageRejectedException extends CaptionException {
  private static final long serialVersionUID = 1L;

  private ImageRejectedException(String userMessage, Throwable cause) {
    super(userMessage, cause);
  }

  public static ImageRejectedException byServer(int status, String detail, Throwable cause) {
    return new ImageRejectedException("The caption server rejected this image (HTTP " + status + ")"
        + quoted(detail) + ".", cause);
  }

  public static ImageRejectedException noAnswer(String why) {
    return new ImageRejectedException("The caption model gave no caption for this image (" + why
        + "). Retry failed images later, or try another model.", null);
  }
}
