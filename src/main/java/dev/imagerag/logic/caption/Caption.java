package dev.imagerag.logic.caption;

import java.util.List;
import java.util.Objects;

/**
 * What a vision model said about one image. When the model did not answer in the requested JSON
 * shape, its whole answer is the {@code description} and the other fields are empty: an answer is
 * never dropped.
 *
 * @param description one or two sentences; never null, may be empty only when the model said nothing
 * @param elements key objects, people or UI parts, in the model's order
 * @param text visible text, verbatim; empty when none
 * @param tags lowercase keywords, each once
 * @param category one of {@link #CATEGORIES}, or "" when the model gave none
 * @param raw the model's answer as received
 * @param usage tokens the request consumed
 * @param model the model that answered, as the server named it
 */
public record Caption(
    String description, List<String> elements, String text, List<String> tags, String category, String raw,
    TokenUsage usage, String model) {

  /** The categories the prompt offers. */
  public static final List<String> CATEGORIES =
      List.of("photo", "screenshot", "chart", "diagram", "document", "receipt", "other");

  public Caption {
    Objects.requireNonNull(description, "description");
    elements = List.copyOf(elements);
    Objects.requireNonNull(text, "text");
    tags = List.copyOf(tags);
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(model, "model");
  }

  /** An answer that was not the requested JSON: kept whole as the description. */
  public static Caption plain(String answer, TokenUsage usage, String model) {
    return new Caption(answer.strip(), List.of(), "", List.of(), "", answer, usage, model);
  }
}
