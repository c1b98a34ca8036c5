package dev.imagerag.logic.chat;

import dev.imagerag.logic.caption.TokenUsage;
import java.util.Objects;

/**
 * What the model answered.
 *
 * @param text the whole answer as streamed (possibly cut short, see {@code finish})
 * @param usage tokens consumed, as the server reported them ({@link TokenUsage#NONE} when it did not)
 * @param model the model that answered, as the server named it
 */
public record ChatReply(String text, TokenUsage usage, String model, Finish finish) {
  /** Why the answer ended. */
  public enum Finish {
    /** The model finished its answer. */
    COMPLETE,
    /** The answer reached the token limit. */
    LENGTH,
    /** The server's content filter cut the answer. */
    FILTERED,
    /** The user stopped it; the text is what had arrived. */
    STOPPED
  }

  public ChatReply {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(finish, "finish");
  }
}
