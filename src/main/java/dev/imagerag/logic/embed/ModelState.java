package dev.imagerag.logic.embed;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What of a model is on disk, file by file.
 *
 * @param modelId the model
 * @param folder the model's folder ({@code <models folder>/<id>}), whether or not it exists
 * @param state the model as a whole: {@link InstallState#CORRUPT} when any file is corrupt,
 *     {@link InstallState#READY} when every file is ready, {@link InstallState#MISSING} when no
 *     file has a byte on disk, else {@link InstallState#PARTIAL}
 * @param files one entry per file of the manifest, in manifest order
 */
public record ModelState(String modelId, Path folder, InstallState state, List<FileState> files) {

  public ModelState {
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(state, "state");
    files = List.copyOf(files);
  }

  /** The model's state derived from its files' states (see {@link #state()}). */
  public static ModelState of(String modelId, Path folder, List<FileState> files) {
    InstallState state;
    if (files.stream().anyMatch(f -> f.state() == InstallState.CORRUPT)) {
      state = InstallState.CORRUPT;
    } else if (files.stream().allMatch(f -> f.state() == InstallState.READY)) {
      state = InstallState.READY;
    } else if (files.stream().allMatch(f -> f.state() == InstallState.MISSING)) {
      state = InstallState.MISSING;
    } else {
      state = InstallState.PARTIAL;
    }
    return new ModelState(modelId, folder, state, files);
  }

  /** Bytes of this model on disk, partial downloads included. */
  public long bytesOnDisk() {
    return files.stream().mapToLong(FileState::bytesOnDisk).sum();
  }

  /** The full download size in bytes, or -1 when a file's size is not published. */
  public long totalBytes() {
    if (files.stream().anyMatch(f -> f.expectedBytes() < 0)) {
      return -1;
    }
    return files.stream().mapToLong(FileState::expectedBytes).sum();
  }

  /** Files that are not {@link InstallState#READY}. */
  public List<FileState> unreadyFiles() {
    return files.stream().filter(f -> f.state() != InstallState.READY).toList();
  }

  /**
   * One file of a model.
   *
   * @param name local file name
   * @param path where the file belongs ({@code <model folder>/<name>})
   * @param state {@link InstallState#PARTIAL} means only {@code <name>.part} exists
   * @param bytesOnDisk size of the file, or of its {@code .part}, or 0
   * @param expectedBytes size from the manifest (or recorded at first download), -1 when unknown
   * @param verified the file's SHA-256 was computed for its current size and modification time
   *     and matched
   * @param detail a sentence for the user: why it is corrupt and how to fix it, what is left to
   *     download, or how it was verified; never null
   */
  public record FileState(
      String name, Path path, InstallState state, long bytesOnDisk, long expectedBytes,
      boolean verified, String detail) {
    public FileState {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(state, "state");
      detail = detail == null ? "" : detail;
    }
  }
}
