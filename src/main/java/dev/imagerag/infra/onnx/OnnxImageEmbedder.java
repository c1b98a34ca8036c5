package dev.imagerag.infra.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import dev.imagerag.logic.embed.EmbeddingException;
import dev.imagerag.logic.embed.EmbeddingSettings;
import dev.imagerag.logic.embed.IdleClosingLazy;
import dev.imagerag.logic.embed.ImageEmbedder;
import dev.imagerag.logic.embed.ImagePreprocessor;
import dev.imagerag.logic.embed.ModelManifest;
import dev.imagerag.logic.embed.RawInference;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * The vision tower of a CLIP-family model ({@code vision_model.onnx}): preprocessing as the
 * manifest says, one batched run, L2-normalised rows. Callers may run concurrently (the visual
 * stage uses two workers). Loads lazily and unloads when idle.
 */
public final class OnnxImageEmbedder implements ImageEmbedder, RawInference, AutoCloseable {
  /** Concurrent callers this embedder is tuned for (the visual stage's workers). */
  public static final int WORKERS = 2;

  private final ModelManifest manifest;
  private final IdleClosingLazy<Session> session;
  private volatile String device = "not loaded";

  public OnnxImageEmbedder(ModelManifest manifest, Path folder, EmbeddingSettings settings) {
    this.manifest = manifest;
    this.session = new IdleClosingLazy<>(() -> {
      ai.djl.Device target = OrtRuntime.resolve(settings.device());
      // The visual stage runs two workers that infer concurrently: each session run gets half
      // the cores, so one worker's decoding never waits for the other's inference.
      int threads = Math.max(1, settings.effectiveThreads() / WORKERS);
      ai.djl.Model model = OrtRuntime.load(folder, ModelManifest.VISION_FILE, threads, target);
      device = OrtRuntime.describe(model.getNDManager().getDevice())
          + (target.isGpu() && !model.getNDManager().getDevice().isGpu() ? " (the GPU could not be used)" : "");
      return new Session(model);
    }, settings.idleUnload());
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
  public int inputSize() {
    return manifest.image().size();
  }

  /** Where the model runs once loaded ("cpu", "gpu 0 (CUDA)"), or "not loaded". */
  public String device() {
    return device;
  }

  /** Whether the model is in memory right now. */
  public boolean isLoaded() {
    return session.isLoaded();
  }

  /** Loads the model now (in the caller's thread) instead of at the first image. */
  public void warmUp() {
    call(s -> null);
  }

  @Override
  public List<float[]> embedImages(List<BufferedImage> images) {
    if (images.isEmpty()) {
      return List.of();
    }
    ModelManifest.ImageSpec spec = manifest.image();
    int size = spec.size();
    int perImage = 3 * size * size;
    float[] batch = new float[images.size() * perImage];
    for (int i = 0; i < images.size(); i++) {
      float[] tensor = ImagePreprocessor.toTensor(images.get(i), spec);
      System.arraycopy(tensor, 0, batch, i * perImage, perImage);
    }
    int rows = images.size();
    float[] flat = call(s -> s.run(
        manager -> {
          NDArray pixels = manager.create(batch, new Shape(rows, 3, size, size));
          pixels.setName(spec.inputName());
          return new NDList(pixels);
        },
        out -> Outputs.named(out, spec.outputName(), manifest.id()).toFloatArray()));
    return Outputs.unitRows(flat, rows, manifest.dimension(), manifest.id());
  }

  @Override
  public double rawImagesPerSecond(int batchSize, int iterations) {
    ModelManifest.ImageSpec spec = manifest.image();
    int size = spec.size();
    float[] batch = new float[batchSize * 3 * size * size];
    java.util.Random random = new java.util.Random(1);
    for (int i = 0; i < batch.length; i++) {
      batch[i] = (float) random.nextGaussian();
    }
    return call(s -> {
      Runnable once = () -> s.run(manager -> {
        NDArray pixels = manager.create(batch, new Shape(batchSize, 3, size, size));
        pixels.setName(spec.inputName());
        return new NDList(pixels);
      }, out -> out.get(0).toFloatArray());
      once.run();
      // As many concurrent loops as the visual stage has workers, so both use the machine alike.
      int loops = WORKERS;
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(loops);
      try {
        long start = System.nanoTime();
        java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (int t = 0; t < loops; t++) {
          done.add(pool.submit(() -> {
            for (int i = 0; i < iterations; i++) {
              once.run();
            }
          }));
        }
        for (java.util.concurrent.Future<?> f : done) {
          f.get();
        }
        return (double) loops * batchSize * iterations / ((System.nanoTime() - start) / 1e9);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EmbeddingException("interrupted", e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new EmbeddingException("The model failed while being measured: " + e.getCause().getMessage(), e);
      } finally {
        pool.shutdownNow();
      }
    });
  }

  private <R> R call(java.util.function.Function<Session, R> work) {
    try {
      return session.with(work);
    } catch (EmbeddingException e) {
      throw e;
    } catch (Exception e) {
      throw new EmbeddingException("The visual model " + manifest.id() + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    session.close();
  }
}
