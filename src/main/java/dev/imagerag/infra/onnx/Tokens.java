package dev.imagerag.infra.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * A batch of token ids padded into a rectangle, with its attention mask. Padding uses each text's
 * own last token (the end-of-text token after truncation), which is the pad token of the CLIP and
 * SigLIP exports; the attention mask marks it as padding either way.
 */
record Tokens(long[] ids, long[] mask, int rows, int length) {

  /** Pads to {@code length}, or to the longest encoding when {@code length} is 0. */
  static Tokens pad(Encoding[] encodings, int length, Long padId) {
    int longest = 0;
    for (Encoding e : encodings) {
      longest = Math.max(longest, e.getIds().length);
    }
    int width = length > 0 ? length : Math.max(1, longest);
    long[] ids = new long[encodings.length * width];
    long[] mask = new long[encodings.length * width];
    for (int row = 0; row < encodings.length; row++) {
      long[] own = encodings[row].getIds();
      int n = Math.min(own.length, width);
      long pad = padId != null ? padId : (own.length > 0 ? own[n - 1] : 0);
      for (int i = 0; i < width; i++) {
        ids[row * width + i] = i < n ? own[i] : pad;
        mask[row * width + i] = i < n ? 1 : 0;
      }
    }
    return new Tokens(ids, mask, encodings.length, width);
  }

  NDArray idsArray(NDManager manager, String name) {
    NDArray array = manager.create(ids, new Shape(rows, length));
    array.setName(name);
    return array;
  }

  NDArray maskArray(NDManager manager, String name) {
    NDArray array = manager.create(mask, new Shape(rows, length));
    array.setName(name);
    return array;
  }

  NDArray zerosArray(NDManager manager, String name) {
    NDArray array = manager.create(new long[rows * length], new Shape(rows, length));
    array.setName(name);
    return array;
  }
}
