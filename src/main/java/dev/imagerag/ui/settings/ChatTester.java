package dev.imagerag.ui.settings;

import dev.imagerag.logic.chat.ChatSettings;

/**
 * Asks one tiny question, with one small image, using chat settings that are not saved yet, to
 * check a chat endpoint (URL, model, key). Blocks for one request; the application implements it.
 */
@FunctionalInterface
public interface ChatTester {

  /**
   * @param settings resolved: the endpoint fields left blank are already the caption endpoint's
   * @return a short sentence saying what the model answered (never the key)
   * @throws Exception when the request failed; the message says why
   */
  String test(ChatSettings settings) throws Exception;
}
