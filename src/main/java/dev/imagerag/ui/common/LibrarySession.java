package dev.imagerag.ui.common;

import dev.imagerag.domain.LibraryInUseException;
import dev.imagerag.logic.embed.ModelInstaller;
import dev.imagerag.logic.ingest.ImageDecoder;
import dev.imagerag.logic.ingest.ThumbnailStore;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.library.LibraryOpener;
import dev.imagerag.logic.library.LibraryPaths;
import dev.imagerag.logic.settings.Settings;
import dev.imagerag.logic.settings.SettingsStore;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window's one open library and what the window needs beside it (its thumbnails, its
 * settings file, the models folder). The application wires the adapters in; view models only see
 * the ports. Opening and closing block (disk, index), so callers run them off the UI thread.
 * Thread-safe.
 */
public final class LibrarySession implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LibrarySession.class);

  /** Builds the per-library adapters that {@link Library} does not carry. */
  public interface Parts {
    SettingsStore settings(LibraryPaths paths);

    ThumbnailStore thumbnails(LibraryPaths paths, Settings settings);
  }

  /**
   * One opened library.
   *
   * @param readOnly true when another process writes the library and this window only reads it
   */
  public record Opened(Library library, ThumbnailStore thumbnails, SettingsStore settings, boolean readOnly) {
    public Opened {
      Objects.requireNonNull(library, "library");
      Objects.requireNonNull(thumbnails, "thumbnails");
      Objects.requireNonNull(settings, "settings");
    }
  }

  private final LibraryOpener opener;
  private final LibraryOpener.Options options;
  private final Parts parts;
  private final ModelInstaller installer;
  private final ImageDecoder decoder;
  private volatile Opened current;

  public LibrarySession(LibraryOpener opener, LibraryOpener.Options options, Parts parts, ModelInstaller installer,
      ImageDecoder decoder) {
    this.opener = Objects.requireNonNull(opener, "opener");
    this.options = Objects.requireNonNull(options, "options");
    this.parts = Objects.requireNonNull(parts, "parts");
    this.installer = Objects.requireNonNull(installer, "installer");
    this.decoder = Objects.requireNonNull(decoder, "decoder");
  }

  /**
   * Closes the open library, if any, and opens {@code paths} for writing; when another process
   * holds it, opens it read-only beside that process. Blocks.
   *
   * @throws dev.imagerag.domain.ImageRagException when the library cannot be opened
   */
  public synchronized Opened open(LibraryPaths paths) {
    close();
    Library library;
    try {
      library = opener.open(paths, LibraryOpener.Access.WRITE, options);
    } catch (LibraryInUseException inUse) {
      library = opener.open(paths, LibraryOpener.Access.READ, options);
    }
    try {
      SettingsStore settings = parts.settings(paths);
      ThumbnailStore thumbnails = parts.thumbnails(paths, settings.load());
      current = new Opened(library, thumbnails, settings, library.readOnly());
      return current;
    } catch (RuntimeException e) {
      library.close();
      throw e;
    }
  }

  /** Opens the same library again (after a settings change that needs it). Blocks. */
  public synchronized Opened reopen() {
    Opened open = current;
    if (open == null) {
      throw new IllegalStateException("no library is open");
    }
    return open(open.library().paths());
  }

  public Optional<Opened> current() {
    return Optional.ofNullable(current);
  }

  /** The open library; throws when none is open (callers run after the window's READY state). */
  public Opened require() {
    Opened open = current;
    if (open == null) {
      throw new IllegalStateException("no library is open");
    }
    return open;
  }

  public Library library() {
    return require().library();
  }

  public ModelInstaller installer() {
    return installer;
  }

  /** Decodes original image files (EXIF orientation applied, large files reduced while decoding). */
  public ImageDecoder decoder() {
    return decoder;
  }

  /** Closes the open library (releasing its lock); safe to call twice. Blocks. */
  @Override
  public synchronized void close() {
    Opened open = current;
    current = null;
    if (open != null) {
      try {
        open.library().close();
      } catch (RuntimeException e) {
        LOG.warn("Closing the library {} failed", open.library().paths().root(), e);
      }
    }
  }
}
