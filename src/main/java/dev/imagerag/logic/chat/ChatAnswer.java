package dev.imagerag.logic.chat;

import dev.imagerag.logic.caption.TokenUsage;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one question: the turn as the conversation keeps it, plus what only matters now.
 *
 * @param conversationId the conversation the turn belongs to (0 when it could not be saved and
 *     none was given)
 * @param saved whether the turn was stored in the library
 * @param images the images shown with the question, with their text
 * @param unknownCitations numbers the answer cites as {@code [Image n]} although no image had
 *     them (the model made them up): flagged, not dropped
 * @param notices things the user should know that are not errors (not saved, images unreadable,
 *     answer cut short), one sentence each
 */
public record ChatAnswer(
    long conversationId, boolean saved, ChatTurn turn, List<SourceImage> images, ImageChoice imagesFrom,
    List<Integer> unknownCitations, List<String> notices, ChatTimings timings) {

  public ChatAnswer {
    Objects.requireNonNull(turn, "turn");
    images = List.copyOf(images);
    Objects.requireNonNull(imagesFrom, "imagesFrom");
    unknownCitations = List.copyOf(unknownCitations);
    notices = List.copyOf(notices);
    Objects.requireNonNull(timings, "timings");
  }

  public String text() {
    return turn.answer();
  }

  public boolean generated() {
    return turn.generated();
  }

  public AnswerStatus status() {
    return turn.status();
  }

  public List<Citation> citations() {
    return turn.citations();
  }

  public TokenUsage usage() {
    return turn.usage();
  }

  /** The error's message when the answer failed, else null. */
  public String error() {
    return turn.error();
  }
}
