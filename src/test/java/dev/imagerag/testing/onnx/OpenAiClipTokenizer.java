package dev.imagerag.testing.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;

/**
 * OpenAI CLIP's real text tokenizer (openai/clip-vit-base-patch32, vocabulary 49,408) as a Hugging
 * Face tokenizer.json, kept gzipped in the test resources ({@code clip-tokenizer/}, see its
 * README.md for source and license).
 *
 * <p>The file has no {@code padding} block, exactly as generated; DJL then pads with id 0 (see
 * {@code OpenAiClipTokenizerTest}).
 *
 * <pre>{@code
 * Path folder = OpenAiClipTokenizer.unpackInto(tempDir);
 * HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(folder)
 *     .optMaxLength(77).optPadToMaxLength().optTruncation(true).build();
 * }</pre>
 */
public final class OpenAiClipTokenizer {

  public static final int VOCAB_SIZE = 49_408;
  public static final long START_ID = 49_406;
  public static final long END_ID = 49_407;
  public static final int CONTEXT_LENGTH = 77;

  static final String RESOURCE = "/clip-tokenizer/tokenizer.json.gz";

  private OpenAiClipTokenizer() {}

  /**
   * Gunzips the tokenizer into {@code dir/tokenizer.json} (creating {@code dir}, replacing the
   * file) and returns {@code dir}, which DJL's tokenizer builder and {@code newInstance} accept.
   */
  public static Path unpackInto(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (InputStream gz = OpenAiClipTokenizer.class.getResourceAsStream(RESOURCE)) {
      if (gz == null) {
        throw new IOException("test resource missing: " + RESOURCE);
      }
      try (InputStream json = new GZIPInputStream(gz)) {
        Files.copy(
            json, dir.resolve(TinyClipModels.TOKENIZER_FILE), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return dir;
  }

  /** {@link #unpackInto} for static initialisers and lambdas. */
  public static Path unpackIntoUnchecked(Path dir) {
    try {
      return unpackInto(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
