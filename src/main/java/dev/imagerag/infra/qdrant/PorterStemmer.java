package dev.imagerag.infra.qdrant;

/**
 * Martin Porter's English stemmer (1980), as in his reference C implementation (including its two
 * departures: "bli" → "ble" and "logi" → "log"). "refused" and "refuse" both become "refus",
 * "connections" becomes "connect". Only lower-case ASCII words longer than two letters are
 * stemmed; anything else is returned unchanged. Not thread-safe per instance; {@link #stem} makes
 * its own.
 *
 * <p>The embedded index uses Lucene's KStem, which is lighter; both map inflections of a word to
 * one term at index and query time, which is what keyword search needs. Changing this class
 * changes the index format ({@link KeywordAnalyzer#VERSION}).
 */
final class PorterStemmer {
  private final char[] b;
  private int k;
  private int j;

  private PorterStemmer(String word) {
    b = word.toCharArray();
    k = b.length - 1;
  }

  static String stem(String word) {
    if (word.length() <= 2 || !isLowerAscii(word)) {
      return word;
    }
    PorterStemmer stemmer = new PorterStemmer(word);
    stemmer.run();
    return new String(stemmer.b, 0, stemmer.k + 1);
  }

  private static boolean isLowerAscii(String word) {
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c < 'a' || c > 'z') {
        return false;
      }
    }
    return true;
  }

  private void run() {
    step1ab();
    if (k > 0) {
      step1c();
      step2();
      step3();
      step4();
      step5();
    }
  }

  /** True when b[i] is a consonant ('y' is one at the start or after a vowel). */
  private boolean cons(int i) {
    switch (b[i]) {
      case 'a': case 'e': case 'i': case 'o': case 'u':
        return false;
      case 'y':
        return i == 0 || !cons(i - 1);
      default:
        return true;
    }
  }

  /** The number of vowel-consonant sequences in b[0..j]: [C](VC)^m[V]. */
  private int m() {
    int n = 0;
    int i = 0;
    while (true) {
      if (i > j) {
        return n;
      }
      if (!cons(i)) {
        break;
      }
      i++;
    }
    i++;
    while (true) {
      while (true) {
        if (i > j) {
          return n;
        }
        if (cons(i)) {
          break;
        }
        i++;
      }
      i++;
      n++;
      while (true) {
        if (i > j) {
          return n;
        }
        if (!cons(i)) {
          break;
        }
        i++;
      }
      i++;
    }
  }

  private boolean vowelInStem() {
    for (int i = 0; i <= j; i++) {
      if (!cons(i)) {
        return true;
      }
    }
    return false;
  }

  private boolean doubleConsonant(int at) {
    return at >= 1 && b[at] == b[at - 1] && cons(at);
  }

  /** Consonant-vowel-consonant ending at i, the last not w, x or y: "hop" but not "snow". */
  private boolean cvc(int i) {
    if (i < 2 || !cons(i) || cons(i - 1) || !cons(i - 2)) {
      return false;
    }
    char last = b[i];
    return last != 'w' && last != 'x' && last != 'y';
  }

  /** True when b[0..k] ends with {@code suffix}; then j is the end of the stem before it. */
  private boolean ends(String suffix) {
    int length = suffix.length();
    int offset = k - length + 1;
    if (offset < 0) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (b[offset + i] != suffix.charAt(i)) {
        return false;
      }
    }
    j = k - length;
    return true;
  }

  /** Replaces b[j+1..k] by {@code replacement}. Never longer than the word was: see step 1b. */
  private void setTo(String replacement) {
    for (int i = 0; i < replacement.length(); i++) {
      b[j + 1 + i] = replacement.charAt(i);
    }
    k = j + replacement.length();
  }

  private void replaceIfMeasured(String replacement) {
    if (m() > 0) {
      setTo(replacement);
    }
  }

  /** Plurals and -ed or -ing: caresses → caress, ponies → poni, agreed → agree, hopping → hop. */
  private void step1ab() {
    if (b[k] == 's') {
      if (ends("sses")) {
        k -= 2;
      } else if (ends("ies")) {
        setTo("i");
      } else if (b[k - 1] != 's') {
        k--;
      }
    }
    if (ends("eed")) {
      if (m() > 0) {
        k--;
      }
    } else if ((ends("ed") || ends("ing")) && vowelInStem()) {
      k = j;
      if (ends("at")) {
        setTo("ate");
      } else if (ends("bl")) {
        setTo("ble");
      } else if (ends("iz")) {
        setTo("ize");
      } else if (doubleConsonant(k)) {
        k--;
        char last = b[k];
        if (last == 'l' || last == 's' || last == 'z') {
          k++;
        }
      } else if (m() == 1 && cvc(k)) {
        setTo("e");
      }
    }
  }

  /** Terminal y → i when there is another vowel in the stem: happy → happi. */
  private void step1c() {
    if (ends("y") && vowelInStem()) {
      b[k] = 'i';
    }
  }

  /** Double suffixes to single ones: relational → relate, conditional → condition. */
  private void step2() {
    switch (b[k - 1]) {
      case 'a' -> suffixes("ational", "ate", "tional", "tion");
      case 'c' -> suffixes("enci", "ence", "anci", "ance");
      case 'e' -> suffixes("izer", "ize");
      case 'l' -> suffixes("bli", "ble", "alli", "al", "entli", "ent", "eli", "e", "ousli", "ous");
      case 'o' -> suffixes("ization", "ize", "ation", "ate", "ator", "ate");
      case 's' -> suffixes("alism", "al", "iveness", "ive", "fulness", "ful", "ousness", "ous");
      case 't' -> suffixes("aliti", "al", "iviti", "ive", "biliti", "ble");
      case 'g' -> suffixes("logi", "log");
      default -> { }
    }
  }

  /** -ic-, -full, -ness and the like: triplicate → triplic, hopeful → hope. */
  private void step3() {
    switch (b[k]) {
      case 'e' -> suffixes("icate", "ic", "ative", "", "alize", "al");
      case 'i' -> suffixes("iciti", "ic");
      case 'l' -> suffixes("ical", "ic", "ful", "");
      case 's' -> suffixes("ness", "");
      default -> { }
    }
  }

  /** The first matching pair (suffix, replacement) applies when the stem is measured (m > 0). */
  private void suffixes(String... pairs) {
    for (int i = 0; i < pairs.length; i += 2) {
      if (ends(pairs[i])) {
        replaceIfMeasured(pairs[i + 1]);
        return;
      }
    }
  }

  /** Removes -ant, -ence and the like when the stem stays long enough (m > 1). */
  private void step4() {
    boolean found;
    switch (b[k - 1]) {
      case 'a' -> found = ends("al");
      case 'c' -> found = ends("ance") || ends("ence");
      case 'e' -> found = ends("er");
      case 'i' -> found = ends("ic");
      case 'l' -> found = ends("able") || ends("ible");
      case 'n' -> found = ends("ant") || ends("ement") || ends("ment") || ends("ent");
      case 'o' -> found = (ends("ion") && j >= 0 && (b[j] == 's' || b[j] == 't')) || ends("ou");
      case 's' -> found = ends("ism");
      case 't' -> found = ends("ate") || ends("iti");
      case 'u' -> found = ends("ous");
      case 'v' -> found = ends("ive");
      case 'z' -> found = ends("ize");
      default -> found = false;
    }
    if (found && m() > 1) {
      k = j;
    }
  }

  /** A final -e, and -ll to -l, on long stems: probate → probat, controll → control. */
  private void step5() {
    j = k;
    if (b[k] == 'e') {
      int measure = m();
      if (measure > 1 || measure == 1 && !cvc(k - 1)) {
        k--;
      }
    }
    if (b[k] == 'l' && doubleConsonant(k) && m() > 1) {
      k--;
    }
  }
}
