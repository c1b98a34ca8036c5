package dev.imagerag.ui.common;

import dev.imagerag.app.AppLibraryOpener;
import dev.imagerag.infra.files.FileThumbnailStore;
import dev.imagerag.infra.files.ImageIoDecoder;
import dev.imagerag.infra.files.JsonSettingsStore;
import dev.imagerag.infra.models.HttpModelInstaller;
import dev.imagerag.logic.ingest.ImportRequest;
import dev.imagerag.logic.ingest.ImportSummary;
import dev.imagerag.logic.ingest.ThumbnailStore;
import dev.imagerag.logic.jobs.JobControl;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.library.LibraryOpener;
import dev.imagerag.logic.library.LibraryPaths;
import dev.imagerag.logic.settings.Settings;
import dev.imagerag.logic.settings.SettingsStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real library (the application's own composition root, SQLite, Lucene, thumbnails on disk)
 * opened through a {@link LibrarySession}, as the window opens it; for view-model tests.
 */
public final class UiTestLibrary implements AutoCloseable {
  public final Path root;
  public final Path models;
  public final LibrarySession session;
  /** The application's opener, also its {@link dev.imagerag.logic.store.StoreFactory}. */
  public final AppLibraryOpener opener;

  private UiTestLibrary(Path dir) {
    this.root = dir.resolve("library");
    this.models = dir.resolve("models");
    this.opener = new AppLibraryOpener(Map.of(), "Linux", dir.resolve("home"));
    this.session = new LibrarySession(opener, new LibraryOpener.Options(models, null, null, null), parts(),
        new HttpModelInstaller(models), new ImageIoDecoder());
  }

  /** Creates the session without opening the library. */
  public static UiTestLibrary unopened(Path dir) {
    return new UiTestLibrary(dir);
  }

  public static UiTestLibrary open(Path dir) {
    UiTestLibrary lib = new UiTestLibrary(dir);
    lib.session.open(new LibraryPaths(lib.root));
    return lib;
  }

  public static LibrarySession.Parts parts() {
    return new LibrarySession.Parts() {
      @Override
      public SettingsStore settings(LibraryPaths paths) {
        return new JsonSettingsStore(paths.settingsFile());
      }

      @Override
      public ThumbnailStore thumbnails(LibraryPaths paths, Settings settings) {
        return new FileThumbnailStore(paths.thumbnailsDir(), settings.imports().thumbnailSize());
      }
    };
  }

  public Library library() {
    return session.library();
  }

  /** Imports synchronously, as the CLI would. */
  public ImportSummary importFrom(Path... roots) throws InterruptedException {
    Library lib = library();
    return lib.pipeline().run(ImportRequest.of(List.of(roots)), new JobControl(), lib.pipeline().newProgress());
  }

  @Override
  public void close() {
    session.close();
  }
}
