package dev.imagerag.logic.caption;

/**
 * Running totals of the tokens caption requests consumed and what they probably cost, at the
 * prices of {@link CaptionSettings}. Thread-safe; the estimate is only as good as the prices the
 * user entered (local servers cost nothing: set both prices to 0).
 */
public final class CostMeter {
  private static final double PER_MILLION = 1_000_000.0;

  private final double inputPricePerMillion;
  private final double outputPricePerMillion;
  private long requests;
  private long promptTokens;
  private long completionTokens;

  /**
   * @param inputPricePerMillion dollars per million prompt tokens, ≥ 0
   * @param outputPricePerMillion dollars per million completion tokens, ≥ 0
   */
  public CostMeter(double inputPricePerMillion, double outputPricePerMillion) {
    if (!(inputPricePerMillion >= 0) || !(outputPricePerMillion >= 0)) {
      throw new IllegalArgumentException("prices must be ≥ 0, got " + inputPricePerMillion + " and "
          + outputPricePerMillion);
    }
    this.inputPricePerMillion = inputPricePerMillion;
    this.outputPricePerMillion = outputPricePerMillion;
  }

  public static CostMeter of(CaptionSettings settings) {
    return new CostMeter(settings.inputPricePerMillion(), settings.outputPricePerMillion());
  }

  /** Adds one answered request. */
  public synchronized void add(TokenUsage usage) {
    requests++;
    promptTokens += usage.promptTokens();
    completionTokens += usage.completionTokens();
  }

  /** The totals so far, taken together (never a mix of two moments). */
  public synchronized Totals totals() {
    double dollars = promptTokens / PER_MILLION * inputPricePerMillion
        + completionTokens / PER_MILLION * outputPricePerMillion;
    return new Totals(requests, promptTokens, completionTokens, dollars);
  }

  /**
   * @param requests answered requests counted
   * @param estimatedDollars cost estimate in US dollars
   */
  public record Totals(long requests, long promptTokens, long completionTokens, double estimatedDollars) { }
}
