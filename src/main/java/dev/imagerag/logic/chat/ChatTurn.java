package dev.imagerag.logic.chat;

import dev.imagerag.logic.caption.TokenUsage;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One question and its answer, as a conversation keeps it.
 *
 * @param seq 1-based position in the conversation (assigned by the store)
 * @param answer the answer's text: whole, or what had arrived when it was stopped or failed
 * @param generated whether a model wrote the answer (false for retrieval-only answers)
 * @param images the images shown with the question, by number
 * @param usage tokens the model request consumed
 * @param model the model that answered, or null when none was asked
 * @param error the error's message when the answer failed, else null
 */
public record ChatTurn(
    int seq, String question, String answer, boolean generated, AnswerStatus status, List<TurnImage> images,
    TokenUsage usage, String model, String error, Instant at) {

  public ChatTurn {
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(status, "status");
    images = List.copyOf(images);
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(at, "at");
  }

  /** The same turn at another position. */
  public ChatTurn withSeq(int value) {
    return new ChatTurn(value, question, answer, generated, status, images, usage, model, error, at);
  }

  /** The images the answer cites, by number. */
  public List<Citation> citations() {
    return images.stream().filter(TurnImage::cited)
        .map(i -> new Citation(i.number(), i.id(), i.path(), i.score())).toList();
  }
}
