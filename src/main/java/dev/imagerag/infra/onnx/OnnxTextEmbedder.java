package dev.imagerag.infra.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDList;
import dev.imagerag.logic.embed.EmbeddingException;
import dev.imagerag.logic.embed.EmbeddingSettings;
import dev.imagerag.logic.embed.IdleClosingLazy;
import dev.imagerag.logic.embed.ModelManifest;
import dev.imagerag.logic.embed.TextEmbedder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The text tower of a CLIP-family model ({@code text_model.onnx} + {@code tokenizer.json}):
 * tokenised with the model's own tokenizer, truncated to the manifest's window and padded as the
 * family expects; the attention mask is passed when the graph declares one.
 */
public final class OnnxTextEmbedder implements TextEmbedder, AutoCloseable {
  private final ModelManifest manifest;
  private final IdleClosingLazy<TextSession> session;

  public OnnxTextEmbedder(ModelManifest manifest, Path folder, EmbeddingSettings settings) {
    this.manifest = manifest;
    this.session = new IdleClosingLazy<>(() -> {
      HuggingFaceTokenizer tokenizer = tokenizer(folder, manifest.text().maxTokens());
      try {
        ai.djl.Model model = OrtRuntime.load(folder, ModelManifest.TEXT_FILE, settings.effectiveThreads(),
            OrtRuntime.resolve(settings.device()));
        return new TextSession(new Session(model), tokenizer);
      } catch (RuntimeException e) {
        tokenizer.close();
        throw e;
      }
    }, settings.idleUnload());
  }

  static HuggingFaceTokenizer tokenizer(Path folder, int maxTokens) {
    Path file = folder.resolve(ModelManifest.TOKENIZER_FILE);
    try {
      return HuggingFaceTokenizer.builder()
          .optTokenizerPath(file)
          .optMaxLength(maxTokens)
          .optTruncation(true)
          .optPadding(false)
          .build();
    } catch (IOException | RuntimeException e) {
      throw new EmbeddingException("Could not read the tokenizer " + file + ": " + e.getMessage()
          + ". Download the model again with `image-rag models download " + folder.getFileName() + "`.", e);
    }
  }

  @Override
  public String modelId() {
    return manifest.id();
  }

  @Override
  public int dimension() {
    return manifest.dimension();
  }

  @Override
  public List<float[]> embedTexts(List<String> texts) {
    if (texts.isEmpty()) {
      return List.of();
    }
    ModelManifest.TextSpec spec = manifest.text();
    float[] flat;
    try {
      flat = session.with(s -> {
        Encoding[] encodings = s.tokenizer().batchEncode(texts);
        int width = spec.padding() == ModelManifest.Padding.MAX_LENGTH ? spec.maxTokens() : 0;
        Tokens tokens = Tokens.pad(encodings, width, null);
        boolean withMask = s.session().inputNames().contains(spec.attentionMaskName());
        return s.session().run(
            manager -> {
              NDList in = new NDList(tokens.idsArray(manager, spec.inputIdsName()));
              if (withMask) {
                in.add(tokens.maskArray(manager, spec.attentionMaskName()));
              }
              return in;
            },
            out -> Outputs.named(out, spec.outputName(), manifest.id()).toFloatArray());
      });
    } catch (EmbeddingException e) {
      throw e;
    } catch (Exception e) {
      throw new EmbeddingException("The text encoder of " + manifest.id() + " failed: " + e.getMessage(), e);
    }
    return Outputs.unitRows(flat, texts.size(), manifest.dimension(), manifest.id());
  }

  @Override
  public void close() {
    session.close();
  }

  /** A loaded text tower and its tokenizer, unloaded together. */
  record TextSession(Session session, HuggingFaceTokenizer tokenizer) implements AutoCloseable {
    @Override
    public void close() {
      try {
        session.close();
      } finally {
        tokenizer.close();
      }
    }
  }
}
