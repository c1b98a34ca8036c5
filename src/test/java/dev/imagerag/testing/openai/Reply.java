package dev.imagerag.testing.openai;

import java.time.Duration;

/**
 * What {@link OpenAiTestServer} answers to one request: a completion with some content, or an error in OpenAI's
 * shape, possibly late, cut off or malformed. Build one with the static factories and adjust it
 * with the {@code with…} methods.
 */
public record Reply(
    int status, String content, String errorType, String errorCode, String errorMessage, Duration retryAfter,
    Duration delay, long promptTokens, long completionTokens, boolean dropMidway, String rawBody,
    Duration pieceDelay) {

  /** A 200 answer whose message content is {@code text} (streamed word by word when asked). */
  public static Reply content(String text) {
    return new Reply(200, text, null, null, null, null, Duration.ZERO, 100, 20, false, null, Duration.ZERO);
  }

  /** An error with OpenAI's body shape. */
  public static Reply error(int status, String type, String code, String message) {
    return new Reply(status, null, type, code, message, null, Duration.ZERO, 0, 0, false, null, Duration.ZERO);
  }

  /** 401 as OpenAI sends it for a wrong key. */
  public static Reply unauthorized() {
    return error(401, "invalid_request_error", "invalid_api_key",
        "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.");
  }

  /** 404 as OpenAI sends it for an unknown model. */
  public static Reply modelNotFound(String model) {
    return error(404, "invalid_request_error", "model_not_found",
        "The model `" + model + "` does not exist or you do not have access to it.");
  }

  /** 429 with Retry-After (whole seconds, rounded up) and Retry-After-Ms headers. */
  public static Reply rateLimited(Duration retryAfter) {
    return error(429, "requests", "rate_limit_exceeded", "Rate limit reached for requests. Please try again in "
        + retryAfter.toMillis() + "ms.").withRetryAfter(retryAfter);
  }

  public static Reply serverError() {
    return error(500, "server_error", null,
        "The server had an error while processing your request. Sorry about that!");
  }

  public static Reply overloaded() {
    return error(503, "server_error", null, "The engine is currently overloaded, please try again later.");
  }

  /** A 200 whose body is not valid JSON (a broken proxy, a truncated answer). */
  public static Reply malformedJson() {
    return new Reply(200, null, null, null, null, null, Duration.ZERO, 0, 0, false,
        "{\"id\":\"chatcmpl-broken\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,",
        Duration.ZERO);
  }

  /** The same reply, sent only after {@code wait} (to provoke client timeouts). */
  public Reply withDelay(Duration wait) {
    return new Reply(status, content, errorType, errorCode, errorMessage, retryAfter, wait, promptTokens,
        completionTokens, dropMidway, rawBody, pieceDelay);
  }

  public Reply withUsage(long prompt, long completion) {
    return new Reply(status, content, errorType, errorCode, errorMessage, retryAfter, delay, prompt, completion,
        dropMidway, rawBody, pieceDelay);
  }

  public Reply withRetryAfter(Duration wait) {
    return new Reply(status, content, errorType, errorCode, errorMessage, wait, delay, promptTokens,
        completionTokens, dropMidway, rawBody, pieceDelay);
  }

  /** The connection closes halfway through the body (or through the event stream). */
  public Reply droppingConnectionMidway() {
    return new Reply(status, content, errorType, errorCode, errorMessage, retryAfter, delay, promptTokens,
        completionTokens, true, rawBody, pieceDelay);
  }

  /** Streamed, each piece of the answer follows the previous one after {@code wait} (a slow model). */
  public Reply withPieceDelay(Duration wait) {
    return new Reply(status, content, errorType, errorCode, errorMessage, retryAfter, delay, promptTokens,
        completionTokens, dropMidway, rawBody, wait);
  }

  @Override
  public String toString() {
    return status == 200 ? "Reply[200, " + (rawBody != null ? "malformed" : content) + "]"
        : "Reply[" + status + " " + errorType + "/" + errorCode + "]";
  }
}
