package dev.imagerag.infra.onnx;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import dev.imagerag.logic.embed.EmbeddingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loading ONNX models through DJL's ONNX Runtime engine, with explicit thread counts (several
 * models share two cores) and the CUDA execution provider when it is available and wanted.
 */
final class OrtRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(OrtRuntime.class);
  private static final String ENGINE = "OnnxRuntime";

  private OrtRuntime() {}

  /**
   * True when this ONNX Runtime build has the CUDA execution provider (the -Pgpu build) and the
   * machine has an NVIDIA driver. The GPU build lists CUDA even on machines without a GPU, and a
   * CUDA session would only fail later (then the CPU takes over, see {@link #load}).
   */
  static boolean cudaAvailable() {
    try {
      return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA) && nvidiaDriverPresent();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static boolean nvidiaDriverPresent() {
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    if (os.contains("win")) {
      String root = System.getenv().getOrDefault("SystemRoot", "C:\\Windows");
      return Files.exists(Path.of(root, "System32", "nvcuda.dll"));
    }
    return Files.exists(Path.of("/proc/driver/nvidia/version")) || Files.exists(Path.of("/dev/nvidia0"));
  }

  /** The DJL device for a requested one: AUTO takes the GPU only when CUDA is available. */
  static Device resolve(dev.imagerag.logic.embed.Device requested) {
    switch (requested) {
      case CPU:
        return Device.cpu();
      case GPU:
        if (!cudaAvailable()) {
          throw new EmbeddingException("GPU inference was asked for, but this build of ONNX Runtime has no CUDA "
              + "support (build with -Pgpu and install CUDA 12 + cuDNN 9), or use --device cpu.");
        }
        return Device.gpu(0);
      default:
        return cudaAvailable() ? Device.gpu(0) : Device.cpu();
    }
  }

  static String describe(Device device) {
    return device.isGpu() ? "gpu " + device.getDeviceId() + " (CUDA)" : "cpu";
  }

  /**
   * Loads {@code folder/fileName} on {@code device}, falling back to the CPU when the GPU session
   * cannot be created.
   */
  static Model load(Path folder, String fileName, int threads, Device device) {
    Path file = folder.resolve(fileName);
    if (!Files.isRegularFile(file)) {
      throw new EmbeddingException("The model file " + file + " is missing. Download the model with "
          + "`image-rag models download " + folder.getFileName() + "` or place the file there by hand.");
    }
    try {
      return loadOn(folder, fileName, threads, device);
    } catch (EmbeddingException e) {
      if (!device.isGpu()) {
        throw e;
      }
      LOG.warn("Could not create a CUDA session for {}; falling back to the CPU: {}", file, e.getMessage());
      return loadOn(folder, fileName, threads, Device.cpu());
    }
  }

  private static Model loadOn(Path folder, String fileName, int threads, Device device) {
    Model model = Model.newInstance(fileName, device, ENGINE);
    try {
      model.load(folder, stripExtension(fileName), options(threads));
      return model;
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new EmbeddingException("Could not load the model file " + folder.resolve(fileName) + ": "
          + e.getMessage() + ". If the file is damaged, run `image-rag models verify` and download it again.", e);
    }
  }

  /** Loads a model from a stream (a model shipped inside a jar). */
  static Model load(InputStream in, String name, int threads) {
    Model model = Model.newInstance(name, Device.cpu(), ENGINE);
    try {
      model.load(in, options(threads));
      return model;
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new EmbeddingException("Could not load the built-in model " + name + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> options(int threads) {
    Map<String, Object> options = new HashMap<>();
    options.put("intraOpNumThreads", Integer.toString(threads));
    options.put("interOpNumThreads", "1");
    options.put("optLevel", "ALL_OPT");
    return options;
  }

  private static String stripExtension(String fileName) {
    return fileName.endsWith(".onnx") ? fileName.substring(0, fileName.length() - 5) : fileName;
  }
}
