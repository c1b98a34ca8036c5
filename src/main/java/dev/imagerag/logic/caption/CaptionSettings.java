package dev.imagerag.logic.caption;

import dev.imagerag.support.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * Captions from a vision model behind an OpenAI-compatible API (OpenAI, Ollama, vLLM, LM Studio).
 * Off until the user turns it on: no image leaves the machine otherwise.
 *
 * @param enabled whether the caption stage runs
 * @param baseUrl the API's base URL, e.g. {@code https://api.openai.com/v1} or
 *     {@code http://localhost:11434/v1} for Ollama
 * @param model the vision model's name
 * @param apiKey the API key, or null to use the {@code OPENAI_API_KEY} environment variable (or
 *     none: local servers usually need none). Never logged, never printed.
 * @param maxConcurrency requests in flight at once
 * @param timeout for one request
 * @param maxRetries retries on 429 and 5xx, with exponential backoff
 * @param imageMaxSide images are downscaled so their long side is at most this many pixels
 * @param detail OpenAI's image detail hint: "low", "high" or "auto"
 * @param inputPricePerMillion price of a million prompt tokens in dollars (for the cost estimate)
 * @param outputPricePerMillion price of a million completion tokens in dollars
 */
public record CaptionSettings(
    boolean enabled,
    String baseUrl,
    String model,
    String apiKey,
    int maxConcurrency,
    Duration timeout,
    int maxRetries,
    int imageMaxSide,
    String detail,
    double inputPricePerMillion,
    double outputPricePerMillion) {

  public static final CaptionSettings DEFAULTS = new CaptionSettings(
      false, "https://api.openai.com/v1", "gpt-4o-mini", null, 2, Duration.ofSeconds(60), 3, 768, "low",
      0.15, 0.60);

  public CaptionSettings {
    Checks.requireNonBlank(baseUrl, "baseUrl");
    if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
      throw new IllegalArgumentException("baseUrl must start with http:// or https://, got '" + baseUrl + "'");
    }
    Checks.requireNonBlank(model, "model");
    apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    Checks.requireInRange(maxConcurrency, 1, 64, "maxConcurrency");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    Checks.requireInRange(maxRetries, 0, 10, "maxRetries");
    Checks.requireInRange(imageMaxSide, 64, 4096, "imageMaxSide");
    if (!detail.equals("low") && !detail.equals("high") && !detail.equals("auto")) {
      throw new IllegalArgumentException("detail must be low, high or auto, got '" + detail + "'");
    }
    if (inputPricePerMillion < 0 || outputPricePerMillion < 0) {
      throw new IllegalArgumentException("prices must not be negative");
    }
  }

  /** The key is masked: records print every field, and settings end up in logs and errors. */
  @Override
  public String toString() {
    return "CaptionSettings[enabled=" + enabled + ", baseUrl=" + baseUrl + ", model=" + model + ", apiKey="
        + (apiKey == null ? "none" : "****") + ", maxConcurrency=" + maxConcurrency + ", timeout=" + timeout
        + ", maxRetries=" + maxRetries + ", imageMaxSide=" + imageMaxSide + ", detail=" + detail + "]";
  }
}
