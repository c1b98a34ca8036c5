package dev.imagerag.logic.chat;

import java.time.Duration;

/** The chat server did not start answering in time, or stopped sending in the middle. */
public final class ChatTimeoutException extends ChatException {
  private static final long serialVersionUID = 1L;

  private ChatTimeoutException(String userMessage, String partialAnswer, Throwable cause) {
    super(userMessage, partialAnswer, cause);
  }

  public static ChatTimeoutException of(String baseUrl, Duration timeout, String partialAnswer, Throwable cause) {
    String limit = timeout.toMillis() < 1000 ? timeout.toMillis() + " ms" : timeout.toSeconds() + " s";
    String what = partialAnswer == null || partialAnswer.isEmpty()
        ? " did not answer within " + limit : " stopped sending the answer for " + limit;
    return new ChatTimeoutException("The chat server at " + baseUrl + what + "." + kept(partialAnswer)
        + " Ask again, or raise chat.timeoutSeconds (local models on a CPU can take minutes with images).",
        partialAnswer, cause);
  }
}
