package dev.imagerag.infra.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.LogLevel;
import com.openai.core.Timeout;
import java.util.Map;

/**
 * The one way this package builds an openai-java client and finds its key, shared by captions and
 * chat so that both keep the same promises: no SDK retries (ours are explicit, see {@link
 * RetryPolicy}), no request logging (it would print the key), no telemetry headers, and no
 * Authorization header at all when no key is configured.
 */
final class OpenAiClients {
  /** Where the key comes from when the settings hold none. */
  static final String API_KEY_VARIABLE = "OPENAI_API_KEY";

  private OpenAiClients() {}

  /** {@code configured}, else the environment's {@value #API_KEY_VARIABLE}, else null. */
  static String apiKey(String configured, Map<String, String> environment) {
    if (configured != null && !configured.isBlank()) {
      return configured.strip();
    }
    String fromEnvironment = environment.get(API_KEY_VARIABLE);
    return fromEnvironment == null || fromEnvironment.isBlank() ? null : fromEnvironment.strip();
  }

  /** @param apiKey the key, or null for servers that need none */
  static OpenAIClient create(String baseUrl, String apiKey, Timeout timeout) {
    OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder()
        .baseUrl(baseUrl)
        .maxRetries(0)
        .timeout(timeout)
        .logLevel(LogLevel.OFF)
        // Without it the SDK sends the OS, architecture and Java version in X-Stainless-* headers.
        .disableTelemetry(true);
    if (apiKey != null) {
      builder.apiKey(apiKey);
    } else {
      // The SDK insists on a credential, local servers need none: a placeholder that is never sent.
      builder.apiKey("unused").removeHeaders("Authorization");
    }
    return builder.build();
  }
}
