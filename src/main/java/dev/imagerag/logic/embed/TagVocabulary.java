package dev.imagerag.logic.embed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The concepts zero-shot tagging scores images against, each with the prompt given to the text
 * tower. Read from {@code tags/vocabulary.txt}: one concept per line, {@code tag} (prompt "a photo
 * of a tag") or {@code tag = prompt}; {@code #} starts a comment.
 */
public record TagVocabulary(List<String> tags, List<String> prompts) {
  public static final String RESOURCE = "/tags/vocabulary.txt";

  public TagVocabulary {
    tags = List.copyOf(tags);
    prompts = List.copyOf(prompts);
    if (tags.size() != prompts.size() || tags.isEmpty()) {
      throw new IllegalArgumentException("a vocabulary needs one prompt per tag and at least one tag");
    }
  }

  /** The built-in vocabulary. */
  public static TagVocabulary builtIn() {
    try (InputStream in = TagVocabulary.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the tag vocabulary " + RESOURCE + " is missing from this build");
      }
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static TagVocabulary parse(InputStream in) throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int eq = line.indexOf('=');
        String tag = (eq < 0 ? line : line.substring(0, eq)).strip();
        String prompt = eq < 0 ? "a photo of a " + tag : line.substring(eq + 1).strip();
        if (!tag.isEmpty() && !prompt.isEmpty()) {
          entries.putIfAbsent(tag, prompt);
        }
      }
    }
    return new TagVocabulary(new ArrayList<>(entries.keySet()), new ArrayList<>(entries.values()));
  }

  /** A short fingerprint of the content, part of the tag stage's version. */
  public String fingerprint() {
    return Integer.toHexString((tags.hashCode() * 31) ^ prompts.hashCode());
  }
}
