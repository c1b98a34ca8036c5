package dev.imagerag.app;

import dev.imagerag.domain.ImageRagException;
import dev.imagerag.domain.LibraryInUseException;
import dev.imagerag.domain.StageState;
import dev.imagerag.infra.catalog.SqliteCatalog;
import dev.imagerag.infra.files.FileThumbnailStore;
import dev.imagerag.infra.files.ImageIoDecoder;
import dev.imagerag.infra.files.JsonSettingsStore;
import dev.imagerag.infra.lucene.LuceneVectorStore;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.ingest.IndexStage;
import dev.imagerag.logic.ingest.Pipeline;
import dev.imagerag.logic.ingest.Stage;
import dev.imagerag.logic.ingest.ThumbnailStage;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.library.LibraryLock;
import dev.imagerag.logic.library.LibraryOpener;
import dev.imagerag.logic.library.LibraryPaths;
import dev.imagerag.logic.search.SearchService;
import dev.imagerag.logic.settings.Settings;
import dev.imagerag.logic.settings.SettingsStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root for a library: opens the catalog, the index and the thumbnail folder,
 * builds the pipeline with its stages, and repairs what a crash may have left. All wiring of
 * adapters to ports happens here, by hand, in one readable place.
 */
public final class AppLibraryOpener implements LibraryOpener {
  private static final Logger LOG = LoggerFactory.getLogger(AppLibraryOpener.class);

  @Override
  public Library open(LibraryPaths paths, Access access) {
    LibraryLock lock;
    try {
      lock = LibraryLock.acquire(paths.lockFile());
    } catch (LibraryInUseException e) {
      if (access == Access.WRITE) {
        throw e;
      }
      return openReadOnly(paths);
    } catch (IOException e) {
      throw new ImageRagException("Could not open the library " + paths.root() + ": " + e.getMessage()
          + ". Check that the folder can be written, or choose another one with --library.", e);
    }
    try {
      return openWritable(paths, lock);
    } catch (RuntimeException e) {
      closeQuietly(lock, e);
      throw e;
    }
  }

  private Library openWritable(LibraryPaths paths, LibraryLock lock) {
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      createFolders(paths);
      LogSetup.toFolder(paths.logsDir());
      boolean crashed = Files.exists(paths.dirtyMarker());
      markOpen(paths.dirtyMarker());
      SettingsStore settingsStore = new JsonSettingsStore(paths.settingsFile());
      Settings settings = settingsStore.load();
      if (!Files.exists(paths.settingsFile())) {
        settingsStore.save(settings);
      }
      SqliteCatalog catalog = SqliteCatalog.open(paths.catalogFile());
      opened.add(catalog);
      LuceneVectorStore store = LuceneVectorStore.open(paths.indexDir());
      opened.add(store);
      FileThumbnailStore thumbnails = new FileThumbnailStore(paths.thumbnailsDir(), settings.imports().thumbnailSize());
      ImageIoDecoder decoder = new ImageIoDecoder();
      List<Stage> stages = List.of(
          new ThumbnailStage(catalog, decoder, thumbnails, settings.imports()),
          new IndexStage(catalog, store, Set.of()));
      Pipeline pipeline = new Pipeline(catalog, store, decoder, thumbnails, settings.imports(), stages, paths.root());
      recover(paths, catalog, store, pipeline, crashed);
      AutoCloseable unmark = () -> Files.deleteIfExists(paths.dirtyMarker());
      return new Library(paths, catalog, store, pipeline, new SearchService(catalog, store), List.of(unmark, lock));
    } catch (RuntimeException e) {
      for (AutoCloseable closeable : opened) {
        closeQuietly(closeable, e);
      }
      throw e;
    }
  }

  private static void recover(
      LibraryPaths paths, Catalog catalog, LuceneVectorStore store, Pipeline pipeline, boolean crashed) {
    int resumed = catalog.resetRunning();
    int swept = pipeline.sweepTombstones();
    boolean indexLost = store.count() < catalog.count(Catalog.INDEX_STAGE, StageState.DONE);
    if (crashed || indexLost) {
      Pipeline.RecoveryReport report = pipeline.reconcile();
      LOG.info("Recovered {} after {}: {} interrupted items resumed, {} removals finished, {}",
          paths.root(), crashed ? "an unclean shutdown" : "finding the index incomplete", resumed, swept, report);
    }
  }

  private static Library openReadOnly(LibraryPaths paths) {
    SqliteCatalog catalog = SqliteCatalog.openReadOnly(paths.catalogFile());
    try {
      LuceneVectorStore store = LuceneVectorStore.openReadOnly(paths.indexDir());
      return new Library(paths, catalog, store, null, new SearchService(catalog, store), List.of());
    } catch (RuntimeException e) {
      closeQuietly(catalog, e);
      throw e;
    }
  }

  private static void createFolders(LibraryPaths paths) {
    try {
      for (Path dir : List.of(paths.root(), paths.thumbnailsDir(), paths.indexDir(), paths.logsDir(), paths.tmpDir())) {
        Files.createDirectories(dir);
      }
    } catch (IOException e) {
      throw new ImageRagException("Could not create the library folder " + paths.root() + ": " + e.getMessage(), e);
    }
  }

  private static void markOpen(Path marker) {
    try {
      Files.writeString(marker, Long.toString(ProcessHandle.current().pid()));
    } catch (IOException e) {
      throw new ImageRagException("Could not write to the library folder " + marker.getParent() + ": "
          + e.getMessage(), e);
    }
  }

  private static void closeQuietly(AutoCloseable closeable, Exception cause) {
    try {
      closeable.close();
    } catch (Exception e) {
      cause.addSuppressed(e);
    }
  }
}
