package dev.imagerag.infra.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.errors.UnprocessableEntityException;
import dev.imagerag.infra.openai.OpenAiFailure.Kind;
import dev.imagerag.logic.caption.BadApiKeyException;
import dev.imagerag.logic.caption.CaptionException;
import dev.imagerag.logic.caption.CaptionServerException;
import dev.imagerag.logic.caption.CaptionTimeoutException;
import dev.imagerag.logic.caption.ImageRejectedException;
import dev.imagerag.logic.caption.ModelUnavailableException;
import dev.imagerag.logic.caption.RateLimitedException;
import dev.imagerag.logic.caption.ServerUnreachableException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Classifies openai-java's exceptions ({@link OpenAiFailure}), turns them into the caption errors
 * a user can act on, and says which ones are worth retrying. Every message and cause passes
 * through the {@link Redactor} first. Chat maps the same classification in {@link ChatFailures}.
 *
 * <p>SDK quirks: the exception message is "STATUS: server message"; timeouts and refused
 * connections arrive as {@code OpenAIIoException} with the {@code IOException} as cause; a body
 * that is not JSON, and one cut off mid-way, both arrive as {@code OpenAIInvalidDataException}
 * ("Error reading response"), told apart only by their cause (Jackson's or an IO exception).
 */
final class OpenAiFailures {
  private static final int MAX_DETAIL = 300;
  /** Statuses by which a server refuses one request's content rather than the service. */
  private static final Set<Integer> IMAGE_STATUSES = Set.of(400, 413, 415, 422);
  /**
   * How servers say a model cannot read images (OpenAI: "image_url is only supported by certain
   * models", vLLM: "not a multimodal model", llama.cpp: "image input is not supported … mmproj",
   * LM Studio: "Model does not support images"). A heuristic: a miss only makes each image fail
   * alone instead of stopping the stage.
   */
  private static final List<String> NO_VISION_PHRASES = List.of(
      "only supported by", "not support", "n't support", "not a multimodal", "mmproj", "at most 0 image",
      "no vision", "not a vision");

  private final String baseUrl;
  private final String model;
  private final boolean keyGiven;
  private final Duration timeout;
  private final Redactor redactor;

  OpenAiFailures(String baseUrl, String model, boolean keyGiven, Duration timeout, Redactor redactor) {
    this.baseUrl = baseUrl;
    this.model = model;
    this.keyGiven = keyGiven;
    this.timeout = timeout;
    this.redactor = redactor;
  }

  String baseUrl() {
    return baseUrl;
  }

  String model() {
    return model;
  }

  boolean keyGiven() {
    return keyGiven;
  }

  Duration timeout() {
    return timeout;
  }

  /** HTTP 429 and 5xx, except a 5xx that says the model cannot read images. */
  boolean retryable(Throwable failure) {
    if (failure instanceof RateLimitException) {
      return true;
    }
    return failure instanceof OpenAIServiceException service && service.statusCode() >= 500
        && !saysNoVision(service);
  }

  /** The HTTP status of a failed answer, or 0 when there was none. */
  int status(Throwable failure) {
    return failure instanceof OpenAIServiceException service ? service.statusCode() : 0;
  }

  /** The server's Retry-After-Ms or Retry-After (seconds), or null. */
  Duration retryAfter(Throwable failure) {
    if (!(failure instanceof OpenAIServiceException service)) {
      return null;
    }
    try {
      List<String> millis = service.headers().values("retry-after-ms");
      if (!millis.isEmpty()) {
        return Duration.ofMillis((long) Double.parseDouble(millis.get(0).strip()));
      }
      List<String> seconds = service.headers().values("retry-after");
      if (!seconds.isEmpty()) {
        return Duration.ofMillis((long) (Double.parseDouble(seconds.get(0).strip()) * 1000));
      }
    } catch (NumberFormatException e) {
      // an HTTP date or garbage: fall back to exponential backoff
    }
    return null;
  }

  /** The user-facing caption error for {@code failure} after {@code attempts} requests. */
  CaptionException toCaptionException(RuntimeException failure, int attempts) {
    OpenAiFailure f = classify(failure, attempts);
    return switch (f.kind()) {
      case BAD_KEY -> BadApiKeyException.of(baseUrl, f.status(), keyGiven, f.cause());
      case MODEL_NOT_FOUND -> ModelUnavailableException.notFound(baseUrl, model, f.detail(), f.cause());
      case NO_VISION -> ModelUnavailableException.withoutVision(baseUrl, model, f.detail(), f.cause());
      case RATE_LIMITED -> RateLimitedException.of(baseUrl, f.attempts(), f.detail(), f.cause());
      case TIMEOUT -> CaptionTimeoutException.of(baseUrl, timeout, f.cause());
      case REJECTED -> ImageRejectedException.byServer(f.status(), f.detail(), f.cause());
      case SERVER_FAILING -> CaptionServerException.failing(baseUrl, f.status(), f.attempts(), f.detail(), f.cause());
      case UNREACHABLE -> ServerUnreachableException.of(baseUrl, f.detail(), f.cause());
      case INVALID_ANSWER -> CaptionServerException.invalidAnswer(baseUrl, f.detail(), f.cause());
      case UNEXPECTED -> CaptionServerException.unexpected(baseUrl, f.detail(), f.cause());
    };
  }

  /** What {@code failure} (after {@code attempts} requests) means, with the key redacted. */
  OpenAiFailure classify(Throwable failure, int attempts) {
    Throwable cause = redactor.redact(failure);
    if (failure instanceof OpenAIServiceException service) {
      return fromStatus(service, attempts, cause);
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
        return new OpenAiFailure(Kind.UNREACHABLE, 0, attempts, "connection refused", cause);
      }
      if (t instanceof UnknownHostException) {
        return new OpenAiFailure(Kind.UNREACHABLE, 0, attempts, "unknown host", cause);
      }
      if (t instanceof InterruptedIOException) {
        return new OpenAiFailure(Kind.TIMEOUT, 0, attempts, "", cause);
      }
      if (t instanceof JsonProcessingException) {
        return new OpenAiFailure(Kind.INVALID_ANSWER, 0, attempts, detail(t.getMessage()), cause);
      }
      if (t instanceof IOException) {
        return new OpenAiFailure(Kind.UNREACHABLE, 0, attempts, "the connection broke: " + detail(t.getMessage()),
            cause);
      }
    }
    if (failure instanceof OpenAIInvalidDataException) {
      return new OpenAiFailure(Kind.INVALID_ANSWER, 0, attempts, detail(failure.getMessage()), cause);
    }
    return new OpenAiFailure(Kind.UNEXPECTED, 0, attempts, detail(failure.getMessage()), cause);
  }

  private OpenAiFailure fromStatus(OpenAIServiceException service, int attempts, Throwable cause) {
    int status = service.statusCode();
    String detail = detail(service.getMessage());
    Kind kind;
    if (service instanceof UnauthorizedException || service instanceof PermissionDeniedException) {
      kind = Kind.BAD_KEY;
    } else if (service instanceof NotFoundException) {
      kind = Kind.MODEL_NOT_FOUND;
    } else if (saysNoVision(service)) {
      kind = Kind.NO_VISION;
    } else if (service instanceof RateLimitException) {
      kind = Kind.RATE_LIMITED;
    } else if (status == 408) {
      kind = Kind.TIMEOUT;
    } else if (service instanceof BadRequestException || service instanceof UnprocessableEntityException
        || IMAGE_STATUSES.contains(status)) {
      kind = Kind.REJECTED;
    } else {
      kind = Kind.SERVER_FAILING;
      attempts = service instanceof InternalServerException || status >= 500 ? attempts : 1;
    }
    return new OpenAiFailure(kind, status, attempts, detail, cause);
  }

  private static boolean saysNoVision(OpenAIServiceException service) {
    String message = String.valueOf(service.getMessage()).toLowerCase(Locale.ROOT);
    boolean aboutImages = message.contains("image") || message.contains("vision")
        || message.contains("multimodal") || message.contains("mmproj");
    return aboutImages && NO_VISION_PHRASES.stream().anyMatch(message::contains);
  }

  /** The server's words without the SDK's "STATUS: " prefix, redacted and shortened. */
  private String detail(String message) {
    if (message == null) {
      return "";
    }
    String text = redactor.redact(message.replaceFirst("^\\d{3}: ", "").strip());
    if ("Unknown".equals(text)) {
      return "";
    }
    return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "…";
  }
}
