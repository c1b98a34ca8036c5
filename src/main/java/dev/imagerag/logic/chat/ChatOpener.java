package dev.imagerag.logic.chat;

import dev.imagerag.logic.library.Library;

/**
 * Builds the chat of an open library from its settings; the application implements it by wiring
 * the chat model and the conversation store. The GUI and the CLI's {@code ask} use it alike.
 */
@FunctionalInterface
public interface ChatOpener {

  /**
   * The chat of {@code library}: answers are generated when a chat model is configured (its own
   * endpoint, or the caption one) and retrieval-only otherwise, without opening any connection.
   * The caller closes the service before the library. Does not block on the network.
   */
  ChatService open(Library library);
}
