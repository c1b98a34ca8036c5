package dev.imagerag.logic.embed;

import dev.imagerag.logic.jobs.JobContext;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Lists the known models and installs their files into one models folder: downloads with resume,
 * verifies SHA-256 checksums, reports what is on disk. Implementations are thread-safe; two
 * downloads of the same model (from two threads or two processes) are refused rather than
 * interleaved.
 */
public interface ModelInstaller {

  /** The models folder this installer works in (it may not exist yet). */
  Path folder();

  /**
   * Every known model: the manifests shipped with the application, plus the user's own
   * {@code <id>.json} files in the models folder root (which replace a shipped manifest with the
   * same id). Sorted by id; exactly one is the default.
   *
   * @throws ModelException when a manifest is invalid (the message names the file and the field)
   */
  List<ModelManifest> manifests();

  /**
   * The manifest of one model.
   *
   * @throws ModelException when no model has this id (the message lists the known ids)
   */
  ModelManifest manifest(String modelId);

  /** The folder the model's files go into: {@code <models folder>/<id>}. */
  default Path modelFolder(String modelId) {
    return folder().resolve(manifest(modelId).id());
  }

  /**
   * What of the model is on disk. Cheap: looks at file sizes and at checksums recorded by earlier
   * verifications, never reads a model file. Does not block on downloads.
   */
  ModelState state(String modelId);

  /**
   * Downloads whatever of the model is missing, resuming partial files, verifies every file's
   * SHA-256 and moves it into place. Files already present and verified are skipped; corrupt files
   * are replaced. Blocks until done.
   *
   * @return the state afterwards ({@link InstallState#READY} on success)
   * @throws ModelException when a file cannot be downloaded or verified; the message names each
   *     missing file, its URL and the folder to put it in by hand
   * @throws CancellationException when {@code context} is cancelled; partial files are kept so the
   *     next download resumes
   */
  ModelState download(String modelId, DownloadListener listener, JobContext context);

  /**
   * Computes the full SHA-256 of every present file of the model and compares it with the
   * manifest (or, for files without a published checksum, with the one recorded when they were
   * first downloaded). Mismatches make the model {@link InstallState#CORRUPT}. Blocks; reads the
   * whole model.
   *
   * @throws CancellationException when {@code context} is cancelled
   */
  ModelState verify(String modelId, JobContext context);

  /** Opens an installer on a models folder; the composition root supplies the implementation. */
  @FunctionalInterface
  interface Opener {
    ModelInstaller open(Path modelsFolder);
  }
}
