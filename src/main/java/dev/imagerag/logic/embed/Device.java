package dev.imagerag.logic.embed;

import java.util.Locale;

/** Where inference runs. */
public enum Device {
  /** The GPU when ONNX Runtime's CUDA provider is available, else the CPU. */
  AUTO,
  CPU,
  GPU;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Device fromId(String id) {
    try {
      return valueOf(id.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("device must be auto, cpu or gpu, got '" + id + "'", e);
    }
  }
}
