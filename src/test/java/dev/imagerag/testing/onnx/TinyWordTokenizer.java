package dev.imagerag.testing.onnx;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny word-level tokenizer in Hugging Face {@code tokenizers} JSON, shaped like CLIP's: lower
 * case, split on whitespace and punctuation, one id per known word ({@code [UNK]} otherwise),
 * wrapped in {@code <|startoftext|> … <|endoftext|>} by a TemplateProcessing post-processor.
 *
 * <p>Its ids fit the tiny text model of {@link TinyClipModels} (vocabulary {@link #VOCABULARY}).
 * Unlike the real CLIP tokenizer.json it carries a {@code padding} block with {@code <|endoftext|>}
 * as pad token, so DJL pads the way Hugging Face's CLIP tokenizer does (DJL keeps a
 * tokenizer.json's pad id and only changes the strategy; without the block it pads with id 0).
 */
public final class TinyWordTokenizer {

  public static final String UNKNOWN = "[UNK]";
  public static final String START = "<|startoftext|>";
  public static final String END = "<|endoftext|>";

  /**
   * All tokens, id = index: {@code [UNK]} first, then words, then start and end (last, as in CLIP).
   */
  public static final List<String> VOCABULARY =
      vocabulary(
          "a an the photo picture of on in with and at",
          "cat kitten dog car tree house beach mountain city street sunset night snow sofa couch",
          "red blue green black white person people child",
          "text screenshot receipt document sign food pizza");

  /** HF's Whitespace pre-tokenizer pattern (ASCII here: tests use ASCII text). */
  private static final Pattern WORDS = Pattern.compile("\\w+|[^\\w\\s]+");

  private TinyWordTokenizer() {}

  /** The id of {@code token}, or the id of {@code [UNK]} when it is not in the vocabulary. */
  public static long idOf(String token) {
    int id = VOCABULARY.indexOf(token);
    return id < 0 ? VOCABULARY.indexOf(UNKNOWN) : id;
  }

  private static List<String> vocabulary(String... wordLines) {
    List<String> tokens = new ArrayList<>();
    tokens.add(UNKNOWN);
    for (String line : wordLines) {
      tokens.addAll(Arrays.asList(line.split(" ")));
    }
    tokens.add(START);
    tokens.add(END);
    return List.copyOf(tokens);
  }

  /** What the tokenizer gives for {@code text} with special tokens and no padding, in pure Java. */
  public static long[] expectedIds(String text) {
    List<Long> ids = new ArrayList<>();
    ids.add(idOf(START));
    Matcher words = WORDS.matcher(text.toLowerCase(Locale.ROOT));
    while (words.find()) {
      ids.add(idOf(words.group()));
    }
    ids.add(idOf(END));
    return ids.stream().mapToLong(Long::longValue).toArray();
  }

  /** Writes the tokenizer.json to {@code file} and returns it. */
  public static Path write(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(build(json)));
    return file;
  }

  private static ObjectNode build(ObjectMapper json) {
    ObjectNode root = json.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.set("padding", padding(json));
    ArrayNode added = root.putArray("added_tokens");
    for (String special : List.of(UNKNOWN, START, END)) {
      added.add(addedToken(json, special));
    }
    root.putObject("normalizer").put("type", "Lowercase");
    root.putObject("pre_tokenizer").put("type", "Whitespace");
    root.set("post_processor", template(json));
    root.putNull("decoder");
    ObjectNode model = root.putObject("model");
    model.put("type", "WordLevel");
    ObjectNode vocab = model.putObject("vocab");
    for (int id = 0; id < VOCABULARY.size(); id++) {
      vocab.put(VOCABULARY.get(id), id);
    }
    model.put("unk_token", UNKNOWN);
    return root;
  }

  private static ObjectNode padding(ObjectMapper json) {
    ObjectNode padding = json.createObjectNode();
    padding.put("strategy", "BatchLongest");
    padding.put("direction", "Right");
    padding.putNull("pad_to_multiple_of");
    padding.put("pad_id", idOf(END));
    padding.put("pad_type_id", 0);
    padding.put("pad_token", END);
    return padding;
  }

  private static ObjectNode addedToken(ObjectMapper json, String content) {
    ObjectNode token = json.createObjectNode();
    token.put("id", idOf(content));
    token.put("content", content);
    token.put("single_word", false);
    token.put("lstrip", false);
    token.put("rstrip", false);
    token.put("normalized", false);
    token.put("special", true);
    return token;
  }

  /** single: START $A END; pair: START $A END $B:1 END:1. */
  private static ObjectNode template(ObjectMapper json) {
    ObjectNode processor = json.createObjectNode();
    processor.put("type", "TemplateProcessing");
    ArrayNode single = processor.putArray("single");
    single.add(piece(json, "SpecialToken", START, 0));
    single.add(piece(json, "Sequence", "A", 0));
    single.add(piece(json, "SpecialToken", END, 0));
    ArrayNode pair = processor.putArray("pair").addAll(single.deepCopy());
    pair.add(piece(json, "Sequence", "B", 1));
    pair.add(piece(json, "SpecialToken", END, 1));
    ObjectNode specials = processor.putObject("special_tokens");
    for (String special : List.of(START, END)) {
      ObjectNode entry = specials.putObject(special);
      entry.put("id", special);
      entry.putArray("ids").add(idOf(special));
      entry.putArray("tokens").add(special);
    }
    return processor;
  }

  private static ObjectNode piece(ObjectMapper json, String kind, String id, int typeId) {
    ObjectNode piece = json.createObjectNode();
    piece.putObject(kind).put("id", id).put("type_id", typeId);
    return piece;
  }
}
