package dev.imagerag.logic.chat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the image numbers an answer cites. The prompt asks for {@code [Image n]}; models also
 * write {@code [Image 1, 3]}, {@code [Images 1 and 2]}, {@code [Image #2]}, {@code (Image 2)} or
 * ranges like {@code [Images 1-3]}, so all of those count. A bare "image 2" in a sentence does not:
 * only bracketed citations are the model's claims of support.
 */
final class Citations {
  private static final String NUMBER = "#?\\s*\\d{1,3}";
  private static final String JOIN = "\\s*(?:,|;|&|and|to|-|–)\\s*";
  private static final Pattern CITATION = Pattern.compile(
      "[\\[(]\\s*(?:images?|pictures?|img\\.?)\\s*(" + NUMBER + "(?:" + JOIN + NUMBER + ")*)\\s*[\\])]",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern RANGE = Pattern.compile("(\\d{1,3})\\s*(?:-|–|to)\\s*#?\\s*(\\d{1,3})");
  private static final Pattern DIGITS = Pattern.compile("\\d{1,3}");
  /** A range wider than this is a typo or an invention, not a citation of each image. */
  private static final int MAX_RANGE = ChatSettings.MAX_IMAGES;

  private Citations() {}

  /** The cited numbers, each once, in order of first citation. */
  static List<Integer> parse(String answer) {
    Set<Integer> numbers = new LinkedHashSet<>();
    Matcher citation = CITATION.matcher(answer);
    while (citation.find()) {
      String list = citation.group(1);
      Matcher range = RANGE.matcher(list);
      int consumed = 0;
      StringBuilder rest = new StringBuilder();
      while (range.find()) {
        rest.append(list, consumed, range.start());
        int from = Integer.parseInt(range.group(1));
        int to = Integer.parseInt(range.group(2));
        if (to >= from && to - from < MAX_RANGE) {
          for (int n = from; n <= to; n++) {
            numbers.add(n);
          }
        } else {
          numbers.add(from);
          numbers.add(to);
        }
        consumed = range.end();
      }
      rest.append(list.substring(consumed));
      Matcher digits = DIGITS.matcher(rest);
      while (digits.find()) {
        numbers.add(Integer.parseInt(digits.group()));
      }
    }
    return new ArrayList<>(numbers);
  }
}
