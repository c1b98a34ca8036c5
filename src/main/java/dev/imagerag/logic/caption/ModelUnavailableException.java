package dev.imagerag.logic.caption;

/**
 * The configured model does not exist on the server, or cannot read images. Concerns every image.
 */
public final class ModelUnavailableException extends CaptionException {
  private static final long serialVersionUID = 1L;

  private ModelUnavailableException(String userMessage, Throwable cause) {
    super(userMessage, cause);
  }

  public static ModelUnavailableException notFound(String baseUrl, String model, String detail, Throwable cause) {
    return new ModelUnavailableException("The caption server at " + baseUrl + " has no model '" + model
        + "' (HTTP 404)" + quoted(detail) + ". Check captions.model (with Ollama, run `ollama pull " + model
        + "` first) and that captions.baseUrl ends in /v1.", cause);
  }

  public static ModelUnavailableException withoutVision(String baseUrl, String model, String detail, Throwable cause) {
    return new ModelUnavailableException("The model '" + model + "' at " + baseUrl + " does not accept images"
        + quoted(detail) + ". Set captions.model to a vision model, e.g. gpt-4o-mini, llava or qwen2.5vl.", cause);
  }
}
