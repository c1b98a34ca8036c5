package dev.imagerag.logic.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The answer when no model can be asked: the best-matching images, each with the sentences of
 * its OCR text and caption that share words with the question, under a label saying it was not
 * generated and why. Every image listed is cited, so the UI shows the same list either way.
 */
final class RetrievalOnlyAnswer {
  static final String LABEL = "Not a generated answer";
  private static final int SENTENCES_PER_IMAGE = 3;

  private RetrievalOnlyAnswer() {}

  /**
   * @param why the reason no model was asked, and what to do about it (one or two sentences)
   */
  static String of(String question, List<SourceImage> images, String why) {
    StringBuilder out = new StringBuilder();
    out.append(LABEL).append(": ").append(why).append("\n");
    if (images.isEmpty()) {
      out.append("\nNo image in the library matches this question.\n");
      return out.toString();
    }
    out.append("\nThe best-matching images and their text that matches the question:\n");
    Set<String> words = MatchingSentences.words(question);
    for (SourceImage image : images) {
      out.append("\n[Image ").append(image.number()).append("] ").append(image.fileName())
          .append(String.format(Locale.ROOT, " (score %.4f)", image.score())).append("\n");
      List<String> lines = new ArrayList<>();
      MatchingSentences.of(image.ocrText(), words, SENTENCES_PER_IMAGE)
          .forEach(s -> lines.add("text: \"" + s + "\""));
      MatchingSentences.of(image.caption(), words, SENTENCES_PER_IMAGE - lines.size())
          .forEach(s -> lines.add("caption: \"" + s + "\""));
      if (lines.isEmpty()) {
        lines.add(image.caption().isEmpty() ? "(no matching text)"
            : "caption: \"" + firstSentence(image.caption()) + "\"");
      }
      lines.forEach(line -> out.append("  ").append(line).append("\n"));
    }
    return out.toString();
  }

  private static String firstSentence(String text) {
    String first = text.strip().split("(?<=[.!?])\\s+", 2)[0];
    return first.length() <= 200 ? first : first.substring(0, 200) + "…";
  }
}
