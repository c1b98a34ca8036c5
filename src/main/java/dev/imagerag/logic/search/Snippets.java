package dev.imagerag.logic.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passages of an image's text around the query's words, the words marked {@code **so**}. Matching
 * is by word prefix (so "refuse" marks "refused"), case-insensitive.
 */
public final class Snippets {
  static final int WIDTH = 160;
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

  private Snippets() {}

  /** At most {@code max} snippets from {@code text} for the words of {@code query}. */
  public static List<String> of(String text, String query, int max) {
    if (text == null || text.isBlank() || query == null) {
      return List.of();
    }
    Set<String> words = new LinkedHashSet<>();
    Matcher q = WORD.matcher(query.toLowerCase(Locale.ROOT));
    while (q.find()) {
      String w = q.group();
      if (w.length() >= 3 || w.chars().allMatch(Character::isDigit)) {
        words.add(w.length() > 5 ? w.substring(0, w.length() - 2) : w);
      }
    }
    if (words.isEmpty()) {
      return List.of();
    }
    List<int[]> hits = new ArrayList<>();
    Matcher t = WORD.matcher(text);
    while (t.find()) {
      String lower = t.group().toLowerCase(Locale.ROOT);
      for (String w : words) {
        if (lower.startsWith(w)) {
          hits.add(new int[] {t.start(), t.end()});
          break;
        }
      }
    }
    List<String> snippets = new ArrayList<>();
    int coveredUntil = -1;
    for (int[] hit : hits) {
      if (snippets.size() >= max) {
        break;
      }
      if (hit[0] < coveredUntil) {
        continue;
      }
      int start = Math.max(0, hit[0] - WIDTH / 3);
      int end = Math.min(text.length(), start + WIDTH);
      snippets.add(mark(text, start, end, hits));
      coveredUntil = end;
    }
    return snippets;
  }

  private static String mark(String text, int start, int end, List<int[]> hits) {
    StringBuilder out = new StringBuilder();
    if (start > 0) {
      out.append('…');
    }
    int pos = start;
    for (int[] hit : hits) {
      if (hit[0] >= start && hit[1] <= end) {
        out.append(text, pos, hit[0]).append("**").append(text, hit[0], hit[1]).append("**");
        pos = hit[1];
      }
    }
    out.append(text, pos, end);
    if (end < text.length()) {
      out.append('…');
    }
    return out.toString().replaceAll("\\s+", " ").strip();
  }
}
