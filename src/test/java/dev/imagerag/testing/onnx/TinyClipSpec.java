package dev.imagerag.testing.onnx;

/**
 * What {@link TinyClipModels#write} builds: sizes, output names, whether the text graph declares
 * {@code attention_mask}, and the seed of the random weights.
 *
 * <p>Size: the vision file holds 3·H·W·D floats (32×32, D = 16: 197 KB; 224×224, D = 16: 9.6 MB,
 * written in ~0.3 s) and writing it briefly needs about five times that on the heap, so under the
 * tests' {@code -Xmx1g} keep 224×224 models at D ≤ 64; D = 512 at 224×224 runs out of memory.
 *
 * @param imageSize H = W of {@code pixel_values} [N, 3, H, W]
 * @param embeddingDim D, the width of both outputs [N, D]
 * @param vocabSize V, rows of the token embedding table; ids must be in [0, V)
 * @param textHasAttentionMask whether the text graph declares {@code attention_mask} (masked mean)
 *     or only {@code input_ids} (plain mean over L)
 * @param visionBias whether the vision graph adds a bias after the projection
 * @param imageOutputName name of the vision output ({@code image_embeds} for CLIP)
 * @param textOutputName name of the text output ({@code text_embeds} for CLIP)
 * @param seed seed of the weights; equal specs give equal weights
 */
public record TinyClipSpec(
    int imageSize,
    int embeddingDim,
    int vocabSize,
    boolean textHasAttentionMask,
    boolean visionBias,
    String imageOutputName,
    String textOutputName,
    long seed) {

  public TinyClipSpec {
    positive("imageSize", imageSize);
    positive("embeddingDim", embeddingDim);
    if (vocabSize < TinyWordTokenizer.VOCABULARY.size()) {
      throw new IllegalArgumentException(
          "vocabSize must hold the tiny tokenizer's "
              + TinyWordTokenizer.VOCABULARY.size()
              + " tokens: "
              + vocabSize);
    }
    named("imageOutputName", imageOutputName);
    named("textOutputName", textOutputName);
  }

  /**
   * CLIP's Hugging Face export contract: 32×32 images, D = 16, the tiny tokenizer's vocabulary,
   * {@code attention_mask} declared, {@code image_embeds} / {@code text_embeds}.
   */
  public static TinyClipSpec clip() {
    return new TinyClipSpec(
        32, 16, TinyWordTokenizer.VOCABULARY.size(), true, true, "image_embeds", "text_embeds", 42);
  }

  /** Like a SigLIP export: no {@code attention_mask}, both outputs named {@code pooler_output}. */
  public static TinyClipSpec siglipLike() {
    return clip().withAttentionMask(false).withOutputNames("pooler_output", "pooler_output");
  }

  public TinyClipSpec withImageSize(int size) {
    return new TinyClipSpec(
        size,
        embeddingDim,
        vocabSize,
        textHasAttentionMask,
        visionBias,
        imageOutputName,
        textOutputName,
        seed);
  }

  public TinyClipSpec withEmbeddingDim(int dim) {
    return new TinyClipSpec(
        imageSize,
        dim,
        vocabSize,
        textHasAttentionMask,
        visionBias,
        imageOutputName,
        textOutputName,
        seed);
  }

  /** E.g. {@code 49408} to feed the tiny text model with the real CLIP tokenizer's ids. */
  public TinyClipSpec withVocabSize(int size) {
    return new TinyClipSpec(
        imageSize,
        embeddingDim,
        size,
        textHasAttentionMask,
        visionBias,
        imageOutputName,
        textOutputName,
        seed);
  }

  public TinyClipSpec withAttentionMask(boolean declared) {
    return new TinyClipSpec(
        imageSize,
        embeddingDim,
        vocabSize,
        declared,
        visionBias,
        imageOutputName,
        textOutputName,
        seed);
  }

  public TinyClipSpec withVisionBias(boolean bias) {
    return new TinyClipSpec(
        imageSize,
        embeddingDim,
        vocabSize,
        textHasAttentionMask,
        bias,
        imageOutputName,
        textOutputName,
        seed);
  }

  public TinyClipSpec withOutputNames(String image, String text) {
    return new TinyClipSpec(
        imageSize, embeddingDim, vocabSize, textHasAttentionMask, visionBias, image, text, seed);
  }

  public TinyClipSpec withSeed(long newSeed) {
    return new TinyClipSpec(
        imageSize,
        embeddingDim,
        vocabSize,
        textHasAttentionMask,
        visionBias,
        imageOutputName,
        textOutputName,
        newSeed);
  }

  /** Values per image: 3 · H · W. */
  public int pixelCount() {
    return 3 * imageSize * imageSize;
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1: " + value);
    }
  }

  private static void named(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank: " + value);
    }
  }
}
