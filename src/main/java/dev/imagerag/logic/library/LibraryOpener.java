package dev.imagerag.logic.library;

import dev.imagerag.logic.embed.Device;
import dev.imagerag.logic.store.StoreOverrides;
import java.nio.file.Path;

/** Opens libraries; the application implements it by wiring the real adapters. */
@FunctionalInterface
public interface LibraryOpener {

  /** How a caller intends to use the library. */
  enum Access {
    /** Import, remove, reindex: needs the library lock; fails when another process holds it. */
    WRITE,
    /** Status, search: takes the lock when free, else opens read-only beside the other process. */
    READ
  }

  /**
   * What the caller chose beyond the library folder; null fields fall back to the environment,
   * the library's settings and the defaults.
   *
   * @param modelsFolder where downloaded models live
   * @param device where inference runs (overrides the settings)
   * @param batchSize images per inference call in the visual stage (overrides the settings)
   * @param visualModel the visual model's id (overrides the settings)
   * @param store which index to use (over the settings' {@code remoteIndex}); null for the settings
   */
  record Options(Path modelsFolder, Device device, Integer batchSize, String visualModel, StoreOverrides store) {
    public static final Options DEFAULTS = new Options(null, null, null, null, null);

    public Options(Path modelsFolder, Device device, Integer batchSize, String visualModel) {
      this(modelsFolder, device, batchSize, visualModel, null);
    }
  }

  /**
   * @throws dev.imagerag.domain.LibraryInUseException for {@link Access#WRITE} when another
   *     process holds the library
   */
  Library open(LibraryPaths paths, Access access, Options options);

  default Library open(LibraryPaths paths, Access access) {
    return open(paths, access, Options.DEFAULTS);
  }
}
