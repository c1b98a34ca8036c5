package dev.imagerag.logic.chat;

import java.util.List;

/**
 * Follows one answer as it is made. Called on the thread that asked, in this order: {@link
 * #onImages} once, then {@link #onToken} for each piece. Implementations must return quickly (a UI
 * hands the work to its own thread).
 */
public interface ChatListener {
  ChatListener NONE = new ChatListener() { };

  /** The images chosen for the question, before the model is asked (a UI can show them at once). */
  default void onImages(List<SourceImage> images, ImageChoice choice) { }

  /** The next piece of the answer. */
  default void onToken(String text) { }
}
