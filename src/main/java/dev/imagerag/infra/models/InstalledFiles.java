package dev.imagerag.infra.models;

import dev.imagerag.logic.embed.InstallState;
import dev.imagerag.logic.embed.ModelManifest;
import dev.imagerag.logic.embed.ModelManifest.ModelFile;
import dev.imagerag.logic.embed.ModelState.FileState;
import dev.imagerag.support.ByteSizes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What one file of a model looks like on disk, judged from its size, its modification time and
 * the checksums recorded in the model's {@link VerifiedFiles} sidecar. Never reads a model file.
 */
final class InstalledFiles {
  static final String PART_SUFFIX = ".part";

  private InstalledFiles() {}

  static Path part(Path file) {
    return file.resolveSibling(file.getFileName() + PART_SUFFIX);
  }

  /** The size this file must have: from the manifest, else as recorded at its first download. */
  static long expectedSize(ModelFile file, VerifiedFiles sidecar) {
    if (file.size() >= 0) {
      return file.size();
    }
    return sidecar.trusted(file.name()).map(VerifiedFiles.Trusted::size).orElse(-1L);
  }

  /** The checksum this file must have: from the manifest, else as recorded at its first download. */
  static Optional<String> expectedSha256(ModelFile file, VerifiedFiles sidecar) {
    if (file.pinned()) {
      return Optional.of(file.sha256());
    }
    return sidecar.trusted(file.name()).map(VerifiedFiles.Trusted::sha256);
  }

  static FileState inspect(ModelManifest model, ModelFile file, Path folder, VerifiedFiles sidecar) {
    Path path = folder.resolve(file.name());
    long expected = expectedSize(file, sidecar);
    if (Files.isRegularFile(path)) {
      return inspectPresent(model, file, path, expected, sidecar);
    }
    Path part = part(path);
    long partSize = ResumableDownload.partLength(part);
    if (Files.isRegularFile(part)) {
      return new FileState(file.name(), path, InstallState.PARTIAL, partSize, expected, false,
          ByteSizes.format(partSize) + (expected >= 0 ? " of " + ByteSizes.format(expected) : "")
              + " downloaded; `image-rag models download " + model.id() + "` resumes");
    }
    return new FileState(file.name(), path, InstallState.MISSING, 0, expected, false, "not downloaded");
  }

  /** A file under its final name: right size? checksum recorded for this very version? */
  private static FileState inspectPresent(ModelManifest model, ModelFile file, Path path, long expected,
      VerifiedFiles sidecar) {
    String fix = "re-download it with `image-rag models download " + model.id() + "`";
    long size;
    long mtime;
    try {
      size = Files.size(path);
      mtime = Files.getLastModifiedTime(path).toMillis();
    } catch (IOException e) {
      return new FileState(file.name(), path, InstallState.CORRUPT, 0, expected, false,
          "cannot be read (" + e.getMessage() + "); " + fix);
    }
    if (expected >= 0 && size != expected) {
      return new FileState(file.name(), path, InstallState.CORRUPT, size, expected, false,
          String.format(Locale.ROOT, "is %,d bytes but must be %,d; ", size, expected) + fix);
    }
    Optional<String> observed = sidecar.observedSha256(file.name(), size, mtime);
    Optional<String> wanted = expectedSha256(file, sidecar);
    if (observed.isEmpty() || wanted.isEmpty()) {
      return new FileState(file.name(), path, InstallState.READY, size, expected, false, wanted.isPresent()
          ? "size matches; SHA-256 not checked yet (`image-rag models verify " + model.id() + "`)"
          : "not pinned and no checksum recorded yet (`image-rag models verify " + model.id() + "` records one)");
    }
    if (observed.get().equals(wanted.get())) {
      return new FileState(file.name(), path, InstallState.READY, size, expected, true,
          file.pinned() ? "SHA-256 verified" : "SHA-256 matches the one recorded at its first download");
    }
    return new FileState(file.name(), path, InstallState.CORRUPT, size, expected, false,
        "has SHA-256 " + observed.get() + " but must have " + wanted.get() + " (damaged or replaced); " + fix);
  }
}
