package dev.imagerag.infra.openai;

/**
 * What went wrong with one request to an OpenAI-compatible server, independent of the feature
 * that sent it: {@link OpenAiFailures} classifies the SDK's exceptions once, and each feature turns
 * the classification into its own user-facing error (captions into {@code CaptionException}s, chat
 * into {@code ChatException}s), with its own advice.
 *
 * @param status the HTTP status, or 0 when there was no answer
 * @param attempts how many requests were made (for "on all 3 attempts")
 * @param detail the server's words or the connection problem, redacted and shortened; may be ""
 * @param cause the SDK exception with the API key removed from every message
 */
record OpenAiFailure(Kind kind, int status, int attempts, String detail, Throwable cause) {

  enum Kind {
    /** HTTP 401 or 403. */
    BAD_KEY,
    /** HTTP 404: no such model (or path). */
    MODEL_NOT_FOUND,
    /** The model cannot read images (recognised from the server's message). */
    NO_VISION,
    /** HTTP 429. */
    RATE_LIMITED,
    /** No answer within the timeout, or HTTP 408. */
    TIMEOUT,
    /** HTTP 400, 413, 415 or 422: the server refused this request's content. */
    REJECTED,
    /** HTTP 5xx, or a status the API does not use. */
    SERVER_FAILING,
    /** Connection refused, unknown host, or the connection broke; {@code detail} says which. */
    UNREACHABLE,
    /** The body was not a chat completion (not JSON, or missing fields). */
    INVALID_ANSWER,
    /** Anything else. */
    UNEXPECTED
  }
}
