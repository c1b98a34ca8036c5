package dev.imagerag.logic.chat;

import dev.imagerag.domain.SearchHit;
import dev.imagerag.domain.SignalScore;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides whether a follow-up question is about the images already on screen rather than new
 * ones. Heuristics, documented so they can be argued with:
 *
 * <ul>
 *   <li>an explicit reference always is: "image 2", "the second one", "these pictures", "the
 *       previous screenshot";
 *   <li>a short question (at most {@value #SHORT_WORDS} words) that leans on a pronoun or starts
 *       with "and"/"what about" is ("is it paid?", "and the total?");
 *   <li>so is any question whose own search found nothing convincing: no hit matched a keyword,
 *       none is close in meaning (text cosine ≥ {@value #TEXT_MATCH}) and none is close visually
 *       (CLIP cosine ≥ {@value #VISUAL_MATCH}). These floors suit the default models (bge-small,
 *       CLIP ViT-B/32): related text pairs score about 0.65–0.9 and unrelated ones 0.3–0.55; CLIP
 *       text-to-image matches about 0.25–0.35 and non-matches 0.1–0.2.
 * </ul>
 */
final class FollowUps {
  static final int SHORT_WORDS = 6;
  static final double TEXT_MATCH = 0.6;
  static final double VISUAL_MATCH = 0.25;

  private static final String THING = "(?:images?|pictures?|photos?|screenshots?|shots?|ones?|results?|files?)";
  private static final Pattern EXPLICIT = Pattern.compile(String.join("|",
      "\\b(?:image|picture|photo|screenshot|img)\\s*#?\\s*\\d+\\b",
      "\\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|last|other|1st|2nd|3rd|[4-8]th)\\s+" + THING + "\\b",
      "\\b(?:these|those|both|same|previous|above|earlier|last)\\s+" + THING + "\\b",
      "\\b(?:the\\s+)?(?:one|image|picture|photo|screenshot)\\s+(?:above|before)\\b"));
  private static final Pattern LEANING = Pattern.compile(
      "^(?:and|also|what about|how about|and what about)\\b|\\b(?:it|its|it's|they|them|their|this|that|these|"
          + "those|he|she|him|her)\\b");

  private FollowUps() {}

  /** The question names images already shown ("the second one", "image 3", "these photos"). */
  static boolean refersBack(String question) {
    return EXPLICIT.matcher(question.toLowerCase(Locale.ROOT)).find();
  }

  /** A short question leaning on what came before ("is it paid?", "and the total?"). */
  static boolean leansOnContext(String question) {
    String lower = question.toLowerCase(Locale.ROOT).strip();
    int words = lower.split("\\s+").length;
    return words <= SHORT_WORDS && LEANING.matcher(lower).find();
  }

  /** Nothing in {@code hits} matches the question convincingly (see the class comment). */
  static boolean weak(List<SearchHit> hits) {
    return hits.stream().noneMatch(FollowUps::convincing);
  }

  private static boolean convincing(SearchHit hit) {
    for (SignalScore signal : hit.signals()) {
      boolean matched = switch (signal.signal()) {
        case "keyword" -> signal.rank() > 0 && signal.score() > 0;
        case "text" -> signal.score() >= TEXT_MATCH;
        case "visual" -> signal.score() >= VISUAL_MATCH;
        default -> false;
      };
      if (matched) {
        return true;
      }
    }
    // A mode whose hits carry no signals (e.g. keyword-only results) found them by matching words.
    return hit.signals().isEmpty();
  }
}
