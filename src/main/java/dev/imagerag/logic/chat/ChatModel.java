package dev.imagerag.logic.chat;

import java.awt.image.BufferedImage;
import java.util.function.Consumer;

/**
 * A chat model that reads images: the answer streams back piece by piece. Implementations are
 * thread-safe; each {@link #stream} call is one conversation turn (plus retries before the first
 * token) and sends the prompt, images included, off the machine when the model is remote.
 */
public interface ChatModel {

  /** The configured model's name, e.g. "gpt-4o-mini" or "qwen2.5vl:7b". */
  String model();

  /** Where requests go (a base URL, never a key), for messages. */
  String endpoint();

  /**
   * Encodes pixels the way this model receives them, downscaled (never enlarged) so that the
   * longer side is at most {@code maxSide}. CPU only, no I/O; safe to call from several threads.
   */
  EncodedImage encode(BufferedImage pixels, int maxSide);

  /**
   * Sends the prompt and streams the answer. Blocks until the answer is complete, the request
   * fails, or {@code stop} is signalled.
   *
   * @param tokens receives each piece of the answer as it arrives, in order, on the calling
   *     thread; the pieces concatenated are the answer's text
   * @param stop when signalled, the request is abandoned at once and the text received so far is
   *     returned with {@link ChatReply.Finish#STOPPED}
   * @throws ChatException when no complete answer came; {@link ChatException#partialAnswer()}
   *     holds whatever had already streamed
   */
  ChatReply stream(ChatPrompt prompt, Consumer<String> tokens, StopSignal stop);
}
