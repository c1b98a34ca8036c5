package dev.imagerag.testing.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One request as {@link OpenAiTestServer} received it.
 *
 * @param headers by name, case-insensitive
 * @param body the parsed JSON body, or null when it was empty or not JSON
 * @param receivedNanos {@link System#nanoTime()} at arrival, to measure gaps between requests
 */
public record RecordedRequest(
    String method, String path, Map<String, List<String>> headers, JsonNode body, long receivedNanos) {

  /** The first value of a header, or null. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public String authorization() {
    return header("Authorization");
  }

  public String model() {
    return body == null || !body.hasNonNull("model") ? null : body.get("model").asText();
  }

  public boolean streamed() {
    return body != null && body.path("stream").asBoolean(false);
  }

  public List<JsonNode> messages() {
    List<JsonNode> messages = new ArrayList<>();
    body.path("messages").forEach(messages::add);
    return messages;
  }

  /** Every text of every message: plain string contents and {@code text} parts. */
  public List<String> texts() {
    List<String> texts = new ArrayList<>();
    for (JsonNode message : messages()) {
      JsonNode content = message.path("content");
      if (content.isTextual()) {
        texts.add(content.asText());
      }
      content.forEach(part -> {
        if (part.path("type").asText().equals("text")) {
          texts.add(part.path("text").asText());
        }
      });
    }
    return texts;
  }

  /** The {@code image_url} parts of every message, in order. */
  public List<JsonNode> imageParts() {
    List<JsonNode> images = new ArrayList<>();
    for (JsonNode message : messages()) {
      message.path("content").forEach(part -> {
        if (part.path("type").asText().equals("image_url")) {
          images.add(part.path("image_url"));
        }
      });
    }
    return images;
  }
}
