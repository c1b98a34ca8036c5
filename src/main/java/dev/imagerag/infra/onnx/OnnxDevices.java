package dev.imagerag.infra.onnx;

import dev.imagerag.logic.embed.Device;
import dev.imagerag.logic.embed.EmbeddingException;

/** Where ONNX Runtime will run models for a requested device, without loading any. */
public final class OnnxDevices {
  private OnnxDevices() {}

  /** "cpu", "gpu 0 (CUDA)", or why the GPU that was asked for cannot be used. */
  public static String describe(Device requested) {
    try {
      return OrtRuntime.describe(OrtRuntime.resolve(requested));
    } catch (EmbeddingException e) {
      return "unavailable: " + e.getMessage();
    }
  }

  /** True when this ONNX Runtime build can use a CUDA GPU. */
  public static boolean cudaAvailable() {
    return OrtRuntime.cudaAvailable();
  }
}
