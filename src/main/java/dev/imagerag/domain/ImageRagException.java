package dev.imagerag.domain;

/**
 * An error with a message meant for the user (what happened, what to do); the technical cause
 * stays in {@link #getCause()} for logs and {@code --verbose}.
 */
public class ImageRagException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ImageRagException(String userMessage) {
    super(userMessage);
  }

  public ImageRagException(String userMessage, Throwable cause) {
    super(userMessage, cause);
  }
}
