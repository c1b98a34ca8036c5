package dev.imagerag.logic.library;

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
   * @throws dev.imagerag.domain.LibraryInUseException for {@link Access#WRITE} when another
   *     process holds the library
   */
  Library open(LibraryPaths paths, Access access);
}
