package dev.imagerag.infra.openai;

import dev.imagerag.logic.chat.ChatBadApiKeyException;
import dev.imagerag.logic.chat.ChatException;
import dev.imagerag.logic.chat.ChatModelUnavailableException;
import dev.imagerag.logic.chat.ChatRateLimitedException;
import dev.imagerag.logic.chat.ChatServerException;
import dev.imagerag.logic.chat.ChatTimeoutException;
import dev.imagerag.logic.chat.ChatUnreachableException;

/** Turns a classified request failure ({@link OpenAiFailures}) into the chat error a user can act on. */
final class ChatFailures {
  private final OpenAiFailures failures;

  ChatFailures(OpenAiFailures failures) {
    this.failures = failures;
  }

  /**
   * @param attempts requests made so far
   * @param partialAnswer the text that streamed before the failure ("" when none)
   */
  ChatException toChatException(Throwable failure, int attempts, String partialAnswer) {
    OpenAiFailure f = failures.classify(failure, attempts);
    String url = failures.baseUrl();
    return switch (f.kind()) {
      case BAD_KEY -> ChatBadApiKeyException.of(url, f.status(), failures.keyGiven(), f.cause());
      case MODEL_NOT_FOUND -> ChatModelUnavailableException.notFound(url, failures.model(), f.detail(), f.cause());
      case NO_VISION -> ChatModelUnavailableException.withoutVision(url, failures.model(), f.detail(), f.cause());
      case RATE_LIMITED -> ChatRateLimitedException.of(url, f.attempts(), f.detail(), f.cause());
      case TIMEOUT -> ChatTimeoutException.of(url, failures.timeout(), partialAnswer, f.cause());
      case REJECTED -> ChatServerException.rejected(url, f.status(), f.detail(), f.cause());
      case SERVER_FAILING ->
          ChatServerException.failing(url, f.status(), f.attempts(), f.detail(), partialAnswer, f.cause());
      case UNREACHABLE -> ChatUnreachableException.of(url, f.detail(), partialAnswer, f.cause());
      case INVALID_ANSWER -> ChatServerException.invalidAnswer(url, f.detail(), partialAnswer, f.cause());
      case UNEXPECTED -> ChatServerException.unexpected(url, f.detail(), partialAnswer, f.cause());
    };
  }
}
