package dev.imagerag.logic.chat;

import java.util.Objects;

/** A piece of the new user message: text, or an image. */
public sealed interface ChatPart permits ChatPart.Text, ChatPart.Image {

  record Text(String text) implements ChatPart {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * @param detail the detail hint for the model: "low", "high" or "auto" (OpenAI's meaning; other
   *     servers ignore it)
   */
  record Image(EncodedImage image, String detail) implements ChatPart {
    public Image {
      Objects.requireNonNull(image, "image");
      Objects.requireNonNull(detail, "detail");
    }
  }

  static ChatPart text(String text) {
    return new Text(text);
  }
}
