package dev.imagerag.logic.chat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sentences (or lines, for OCR text, which has few full stops) of a text that share words
 * with a question, best first. Words match by prefix like {@code logic.search.Snippets} ("refuse"
 * matches "refused"); common question words ("what", "the", "does") do not count.
 */
final class MatchingSentences {
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\n+");
  private static final int MAX_SENTENCE = 300;
  private static final Set<String> STOP_WORDS = Set.of(
      "the", "and", "for", "are", "was", "were", "what", "which", "who", "whom", "whose", "when", "where", "why",
      "how", "does", "did", "can", "could", "would", "should", "will", "shall", "may", "might", "must", "has", "have",
      "had", "this", "that", "these", "those", "there", "their", "them", "they", "with", "from", "into", "about",
      "any", "all", "some", "show", "tell", "find", "give", "list", "image", "images", "picture", "pictures",
      "photo", "photos", "screenshot", "screenshots", "you", "your", "our", "not", "but", "its", "it's", "say",
      "says", "said", "see", "seen", "here", "been", "being", "get", "got", "many", "much", "please");

  private MatchingSentences() {}

  /** The question's words that matching looks for (stemmed by cutting long words). */
  static Set<String> words(String question) {
    Set<String> words = new LinkedHashSet<>();
    Matcher m = WORD.matcher(question.toLowerCase(Locale.ROOT));
    while (m.find()) {
      String w = m.group();
      boolean number = w.chars().allMatch(Character::isDigit);
      if ((w.length() >= 3 || number) && !STOP_WORDS.contains(w)) {
        words.add(w.length() > 5 && !number ? w.substring(0, w.length() - 2) : w);
      }
    }
    return words;
  }

  /** At most {@code max} sentences of {@code text} that contain one of {@code words}, best first. */
  static List<String> of(String text, Set<String> words, int max) {
    if (text == null || text.isBlank() || words.isEmpty()) {
      return List.of();
    }
    record Scored(String sentence, int matches, int position) { }
    List<Scored> scored = new ArrayList<>();
    String[] sentences = SENTENCE_END.split(text.strip());
    for (int i = 0; i < sentences.length; i++) {
      String sentence = sentences[i].replaceAll("\\s+", " ").strip();
      int matches = matches(sentence, words);
      if (matches > 0) {
        scored.add(new Scored(shorten(sentence), matches, i));
      }
    }
    return scored.stream()
        .sorted(Comparator.comparingInt(Scored::matches).reversed().thenComparingInt(Scored::position))
        .limit(max).map(Scored::sentence).toList();
  }

  private static int matches(String sentence, Set<String> words) {
    Set<String> found = new LinkedHashSet<>();
    Matcher m = WORD.matcher(sentence.toLowerCase(Locale.ROOT));
    while (m.find()) {
      for (String w : words) {
        if (m.group().startsWith(w)) {
          found.add(w);
        }
      }
    }
    return found.size();
  }

  private static String shorten(String sentence) {
    return sentence.length() <= MAX_SENTENCE ? sentence : sentence.substring(0, MAX_SENTENCE).stripTrailing() + "…";
  }
}
