package dev.imagerag.infra.qdrant;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text to keyword terms, the same way for stored text and queries, built to behave like the
 * embedded index's analyzer (Lucene's StandardTokenizer, lower case, ASCII folding, English
 * possessives, stemming) with the JDK alone, because each SDK stays in its own adapter:
 * file-name friendly splitting ({@code IMG_2031}, {@code ConnectionRefused}, {@code error404}
 * become separate words), words of letters and digits (each Chinese or Japanese character is a
 * word, as in Lucene), lower case, accents folded, "'s" dropped, Porter stemming. Nothing in the
 * text is an operator. Thread-safe.
 */
final class KeywordAnalyzer {
  /** Part of the index format: terms made by another version do not match. */
  static final int VERSION = 1;

  private static final int MAX_TERM_LENGTH = 255;
  private static final Pattern SPLIT =
      Pattern.compile("[_.]|(?<=\\p{Ll})(?=\\p{Lu})|(?<=\\p{L})(?=\\p{N})|(?<=\\p{N})(?=\\p{L})");
  private static final String CJK = "\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}";
  private static final String WORD_CHAR = "[\\p{L}\\p{N}\\p{M}&&[^" + CJK + "]]";
  private static final Pattern WORD =
      Pattern.compile("[" + CJK + "]|" + WORD_CHAR + "+(?:['\u2019]" + WORD_CHAR + "+)*");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  private KeywordAnalyzer() {}

  /** The terms of {@code text} in order, repeats kept (term frequencies count them). */
  static List<String> terms(String text) {
    List<String> terms = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return terms;
    }
    Matcher words = WORD.matcher(SPLIT.matcher(text).replaceAll(" "));
    while (words.find()) {
      String term = normalize(words.group());
      if (!term.isEmpty() && term.length() <= MAX_TERM_LENGTH) {
        terms.add(term);
      }
    }
    return terms;
  }

  private static String normalize(String word) {
    String lower = fold(word.toLowerCase(Locale.ROOT));
    if (lower.endsWith("'s") || lower.endsWith("\u2019s")) {
      lower = lower.substring(0, lower.length() - 2);
    }
    return PorterStemmer.stem(lower);
  }

  /** Accents and ligatures to ASCII where there is an obvious equivalent ("café" → "cafe"). */
  static String fold(String word) {
    boolean ascii = true;
    for (int i = 0; i < word.length() && ascii; i++) {
      ascii = word.charAt(i) < 0x80;
    }
    if (ascii) {
      return word;
    }
    String stripped = MARKS.matcher(Normalizer.normalize(word, Normalizer.Form.NFD)).replaceAll("");
    StringBuilder out = new StringBuilder(stripped.length());
    for (int i = 0; i < stripped.length(); i++) {
      char c = stripped.charAt(i);
      switch (c) {
        case 'ß' -> out.append("ss");
        case 'æ' -> out.append("ae");
        case 'œ' -> out.append("oe");
        case 'ø' -> out.append('o');
        case 'đ' -> out.append('d');
        case 'ł' -> out.append('l');
        case 'þ' -> out.append("th");
        case 'ı' -> out.append('i');
        default -> out.append(c);
      }
    }
    return Normalizer.normalize(out, Normalizer.Form.NFC);
  }
}
