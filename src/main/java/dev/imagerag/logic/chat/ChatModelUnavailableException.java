package dev.imagerag.logic.chat;

/** The configured chat model does not exist on the server, or cannot read images. */
public final class ChatModelUnavailableException extends ChatException {
  private static final long serialVersionUID = 1L;

  private ChatModelUnavailableException(String userMessage, Throwable cause) {
    super(userMessage, "", cause);
  }

  public static ChatModelUnavailableException notFound(String baseUrl, String model, String detail, Throwable cause) {
    return new ChatModelUnavailableException("The chat server at " + baseUrl + " has no model '" + model
        + "' (HTTP 404)" + quoted(detail) + ". Check chat.model (with Ollama, run `ollama pull " + model
        + "` first) and that chat.baseUrl ends in /v1.", cause);
  }

  public static ChatModelUnavailableException withoutVision(
      String baseUrl, String model, String detail, Throwable cause) {
    return new ChatModelUnavailableException("The model '" + model + "' at " + baseUrl + " does not accept images"
        + quoted(detail) + ". Set chat.model to a vision model (e.g. gpt-4o-mini, llava or qwen2.5vl), or set "
        + "chat.sendImages to false to send only the images' text.", cause);
  }
}
