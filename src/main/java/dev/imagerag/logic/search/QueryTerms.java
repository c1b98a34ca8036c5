package dev.imagerag.logic.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Query arithmetic in the spirit of rclip: {@code "2:red car" + photo.jpg - night} combines
 * weighted text and image terms. Terms are separated by {@code +} or {@code -} with spaces around
 * them (so "well-known" stays one word); a term may be quoted; {@code N:} in front sets its weight;
 * a term that names an existing image file is an image term. A plain query is one text term.
 */
public final class QueryTerms {
  /** "2:red car": the term must follow the colon directly, so "404: not found" and "10:30" stay text. */
  private static final Pattern WEIGHT = Pattern.compile("^(\\d+(?:\\.\\d+)?):(?=[^\\s\\d])(.+)$", Pattern.DOTALL);
  private static final List<String> IMAGE_EXTENSIONS =
      List.of(".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", ".tif", ".tiff");

  private QueryTerms() {}

  /**
   * One term of a query.
   *
   * @param weight positive adds the term, negative subtracts it
   * @param text the words, or null for an image term
   * @param image the image file, or null for a text term
   */
  public record Term(double weight, String text, Path image) {
    public boolean isImage() {
      return image != null;
    }
  }

  public static List<Term> parse(String query) {
    List<Term> terms = new ArrayList<>();
    double sign = 1;
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (c == '"') {
        quoted = !quoted;
        current.append(c);
      } else if (!quoted && (c == '+' || c == '-') && isOperator(query, i)) {
        add(terms, current.toString(), sign);
        current.setLength(0);
        sign = c == '+' ? 1 : -1;
      } else {
        current.append(c);
      }
    }
    add(terms, current.toString(), sign);
    return terms;
  }

  /** An operator stands alone: whitespace (or the start) before it and whitespace after it. */
  private static boolean isOperator(String query, int i) {
    boolean before = i == 0 || Character.isWhitespace(query.charAt(i - 1));
    boolean after = i + 1 < query.length() && Character.isWhitespace(query.charAt(i + 1));
    return before && after && i > 0;
  }

  private static void add(List<Term> terms, String raw, double sign) {
    String term = raw.strip();
    if (term.isEmpty()) {
      return;
    }
    double weight = 1;
    Matcher weighted = WEIGHT.matcher(unquote(term));
    if (weighted.matches()) {
      weight = Double.parseDouble(weighted.group(1));
      term = weighted.group(2).strip();
    }
    term = unquote(term);
    if (looksLikeImage(term)) {
      terms.add(new Term(sign * weight, null, Path.of(term)));
    } else {
      terms.add(new Term(sign * weight, term, null));
    }
  }

  private static String unquote(String term) {
    String t = term.strip();
    return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1).strip() : t;
  }

  private static boolean looksLikeImage(String term) {
    String lower = term.toLowerCase(Locale.ROOT);
    if (IMAGE_EXTENSIONS.stream().noneMatch(lower::endsWith)) {
      return false;
    }
    try {
      return Files.isRegularFile(Path.of(term));
    } catch (RuntimeException invalidPath) {
      return false;
    }
  }
}
