package dev.imagerag.app;

import dev.imagerag.logic.embed.DownloadListener;
import dev.imagerag.logic.embed.ModelInstaller;
import dev.imagerag.logic.embed.ModelManifest;
import dev.imagerag.logic.embed.ModelState;
import dev.imagerag.logic.jobs.JobContext;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * A {@link ModelInstaller} made at its first use: building one parses the bundled model manifests
 * (a JSON library's first start), which the window's start does not need. Thread-safe.
 */
final class LazyModelInstaller implements ModelInstaller {
  private final Path folder;
  private final Supplier<ModelInstaller> factory;
  private ModelInstaller installer;

  LazyModelInstaller(Path folder, Supplier<ModelInstaller> factory) {
    this.folder = folder;
    this.factory = factory;
  }

  private synchronized ModelInstaller installer() {
    if (installer == null) {
      installer = factory.get();
    }
    return installer;
  }

  @Override
  public Path folder() {
    return folder;
  }

  @Override
  public List<ModelManifest> manifests() {
    return installer().manifests();
  }

  @Override
  public ModelManifest manifest(String modelId) {
    return installer().manifest(modelId);
  }

  @Override
  public Path modelFolder(String modelId) {
    return installer().modelFolder(modelId);
  }

  @Override
  public ModelState state(String modelId) {
    return installer().state(modelId);
  }

  @Override
  public ModelState download(String modelId, DownloadListener listener, JobContext context) {
    return installer().download(modelId, listener, context);
  }

  @Override
  public ModelState verify(String modelId, JobContext context) {
    return installer().verify(modelId, context);
  }
}
