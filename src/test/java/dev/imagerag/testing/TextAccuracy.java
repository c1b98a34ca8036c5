package dev.imagerag.testing;

/**
 * Character accuracy of recognised text: 1 − CER, where CER is the Levenshtein distance between the
 * expected and the recognised text divided by the expected length. Both texts are compared with
 * runs of whitespace (spaces, line breaks) collapsed to one space, because line breaking is layout,
 * not recognition.
 */
public final class TextAccuracy {
  private TextAccuracy() {}

  /** From 1 (identical) down; can go below 0 when the recognised text is mostly extra characters. */
  public static double of(String expected, String recognised) {
    String a = normalise(expected);
    String b = normalise(recognised);
    if (a.isEmpty()) {
      return b.isEmpty() ? 1 : 0;
    }
    return 1 - (double) levenshtein(a, b) / a.length();
  }

  public static String normalise(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  /** Edits (insert, delete, substitute one character) that turn {@code a} into {@code b}. */
  public static int levenshtein(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
