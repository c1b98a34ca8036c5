package dev.imagerag.logic.embed;

import dev.imagerag.support.Checks;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A downloadable image/text encoder pair in a shared embedding space (CLIP family), as described by
 * {@code models/<id>.json}. Preprocessing numbers are data here, never constants in code.
 *
 * @param id stable identifier, also the folder name under the models folder
 * @param family "clip" or "siglip": decides the default preprocessing and text padding
 * @param dimension length of the embeddings both towers produce
 * @param revision the upstream revision the files are pinned to (e.g. a Hugging Face commit)
 * @param isDefault whether this is the model a new library uses
 */
public record ModelManifest(
    String id,
    String name,
    String family,
    int dimension,
    String revision,
    ImageSpec image,
    TextSpec text,
    List<ModelFile> files,
    String license,
    String description,
    boolean isDefault) {

  public static final String VISION_FILE = "vision_model.onnx";
  public static final String TEXT_FILE = "text_model.onnx";
  public static final String TOKENIZER_FILE = "tokenizer.json";

  public ModelManifest {
    Checks.requireNonBlank(id, "id");
    if (!id.matches("[a-z0-9][a-z0-9._-]*")) {
      throw new IllegalArgumentException("model id must be lower-case letters, digits, '.', '_' or '-': " + id);
    }
    Checks.requireNonBlank(family, "family");
    Checks.requirePositive(dimension, "dimension");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(text, "text");
    files = List.copyOf(files);
    for (String required : List.of(VISION_FILE, TEXT_FILE, TOKENIZER_FILE)) {
      if (files.stream().noneMatch(f -> f.name().equals(required))) {
        throw new IllegalArgumentException("model " + id + " lists no " + required);
      }
    }
  }

  public Optional<ModelFile> file(String name) {
    return files.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** How images are turned into the vision tower's input tensor. */
  public record ImageSpec(
      int size,
      ResizeRule resize,
      float[] mean,
      float[] std,
      String inputName,
      String outputName) {
    public ImageSpec {
      Checks.requireInRange(size, 8, 4096, "image size");
      Objects.requireNonNull(resize, "resize");
      if (mean.length != 3 || std.length != 3) {
        throw new IllegalArgumentException("mean and std need 3 values (R, G, B)");
      }
      for (float s : std) {
        if (!(s > 0)) {
          throw new IllegalArgumentException("std values must be positive, got " + s);
        }
      }
      mean = mean.clone();
      std = std.clone();
      Checks.requireNonBlank(inputName, "image input name");
      Checks.requireNonBlank(outputName, "image output name");
    }
  }

  /**
   * How images are brought to {@code size × size}, both with Pillow-style bicubic resampling
   * (antialiased when downscaling), as the reference processors do.
   */
  public enum ResizeRule {
    /** CLIP: shortest side to {@code size}, then a centred {@code size × size} crop. */
    SHORTEST_SIDE_THEN_CENTER_CROP,
    /** SigLIP: both sides to {@code size}, ignoring the aspect ratio. */
    SQUASH
  }

  /** How text is turned into the text tower's input. */
  public record TextSpec(
      int maxTokens,
      Padding padding,
      String inputIdsName,
      String attentionMaskName,
      String outputName) {
    public TextSpec {
      Checks.requireInRange(maxTokens, 2, 8192, "maxTokens");
      Objects.requireNonNull(padding, "padding");
      Checks.requireNonBlank(inputIdsName, "input ids name");
      Checks.requireNonBlank(attentionMaskName, "attention mask name");
      Checks.requireNonBlank(outputName, "text output name");
    }
  }

  /** Token padding before the text tower. */
  public enum Padding {
    /** Pad every text to {@code maxTokens} (CLIP exports use 77, SigLIP 64). */
    MAX_LENGTH,
    /** Pad to the longest text in the batch. */
    LONGEST
  }

  /**
   * One file of the model.
   *
   * @param name local file name inside the model folder ({@code vision_model.onnx}, ...)
   * @param url where to download it, pinned to a revision
   * @param size exact size in bytes, or -1 when not published
   * @param sha256 lower-case hex digest, or null when not published (checked on first download
   *     and recorded then)
   */
  public record ModelFile(String name, String url, long size, String sha256) {
    public ModelFile {
      Checks.requireNonBlank(name, "file name");
      if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
        throw new IllegalArgumentException("file name must be a plain name: " + name);
      }
      Checks.requireNonBlank(url, "url");
      if (sha256 != null && !sha256.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("sha256 of " + name + " is not 64 lower-case hex digits: " + sha256);
      }
    }

    public boolean pinned() {
      return sha256 != null;
    }
  }
}
