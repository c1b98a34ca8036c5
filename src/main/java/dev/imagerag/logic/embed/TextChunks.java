package dev.imagerag.logic.embed;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits long text into overlapping word windows that fit a text embedder's window (bge: 512
 * tokens; about 200 English words stay well inside it, OCR noise included).
 */
public final class TextChunks {
  public static final int WORDS = 200;
  public static final int OVERLAP = 30;

  private TextChunks() {}

  /** The chunks of {@code text}; one chunk when it is short; none when it is blank. */
  public static List<String> of(String text) {
    return of(text, WORDS, OVERLAP);
  }

  static List<String> of(String text, int words, int overlap) {
    if (overlap >= words) {
      throw new IllegalArgumentException("overlap " + overlap + " must be below the window of " + words);
    }
    String[] tokens = text == null ? new String[0] : text.strip().split("\\s+");
    if (tokens.length == 0 || tokens[0].isEmpty()) {
      return List.of();
    }
    List<String> chunks = new ArrayList<>();
    for (int start = 0; ; start += words - overlap) {
      int end = Math.min(tokens.length, start + words);
      chunks.add(String.join(" ", java.util.Arrays.copyOfRange(tokens, start, end)));
      if (end == tokens.length) {
        return chunks;
      }
    }
  }
}
