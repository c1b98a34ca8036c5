package dev.imagerag.logic.caption;

/**
 * Tokens a model request consumed, as the server reported them.
 *
 * @param promptTokens tokens of the input (text and image), ≥ 0
 * @param completionTokens tokens of the answer, ≥ 0
 */
public record TokenUsage(long promptTokens, long completionTokens) {
  /** For servers that report no usage (some local ones). */
  public static final TokenUsage NONE = new TokenUsage(0, 0);

  public TokenUsage {
    if (promptTokens < 0 || completionTokens < 0) {
      throw new IllegalArgumentException(
          "token counts must not be negative, got " + promptTokens + " and " + completionTokens);
    }
  }

  public long total() {
    return promptTokens + completionTokens;
  }
}
