package dev.imagerag.ui.settings;

import dev.imagerag.logic.caption.CaptionSettings;

/**
 * Sends one tiny captioning request with settings that are not saved yet, to check a caption
 * endpoint (URL, model, key). Blocks for one request; the application implements it.
 */
@FunctionalInterface
public interface CaptionTester {

  /**
   * @return a short sentence saying what the endpoint answered (never the key)
   * @throws Exception when the request failed; the message says why
   */
  String test(CaptionSettings settings) throws Exception;
}
