package dev.imagerag.testing;

import dev.imagerag.infra.catalog.SqliteCatalog;
import dev.imagerag.infra.files.FileThumbnailStore;
import dev.imagerag.infra.files.ImageIoDecoder;
import dev.imagerag.infra.lucene.LuceneVectorStore;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.ingest.ImportRequest;
import dev.imagerag.logic.ingest.ImportSettings;
import dev.imagerag.logic.ingest.ImportSummary;
import dev.imagerag.logic.ingest.IndexStage;
import dev.imagerag.logic.ingest.Pipeline;
import dev.imagerag.logic.ingest.Stage;
import dev.imagerag.logic.ingest.ThumbnailStage;
import dev.imagerag.logic.ingest.ThumbnailStore;
import dev.imagerag.logic.jobs.JobControl;
import dev.imagerag.logic.library.LibraryPaths;
import dev.imagerag.logic.search.SearchService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A real library in a folder (SQLite catalog, Lucene index, thumbnails on disk) with a pipeline
 * whose extra stages a test chooses. Close it at the end of the test.
 */
public final class TestLibrary implements AutoCloseable {
  public final LibraryPaths paths;
  public final SqliteCatalog catalog;
  public final LuceneVectorStore store;
  public final ThumbnailStore thumbnails;
  public final ImageIoDecoder decoder = new ImageIoDecoder();
  public final Pipeline pipeline;
  public final SearchService search;

  private TestLibrary(
      Path root, ImportSettings settings, Function<TestLibrary, List<Stage>> contentStages,
      Map<String, String> vectorModels) {
    this(root, settings, contentStages, vectorModels, real -> real);
  }

  private TestLibrary(
      Path root, ImportSettings settings, Function<TestLibrary, List<Stage>> contentStages,
      Map<String, String> vectorModels, Function<ThumbnailStore, ThumbnailStore> thumbnailWrapper) {
    this.paths = new LibraryPaths(root);
    this.catalog = SqliteCatalog.open(paths.catalogFile());
    this.store = LuceneVectorStore.open(paths.indexDir());
    this.thumbnails = thumbnailWrapper.apply(new FileThumbnailStore(paths.thumbnailsDir(), settings.thumbnailSize()));
    List<Stage> content = contentStages.apply(this);
    List<Stage> stages = new ArrayList<>();
    stages.add(new ThumbnailStage(catalog, decoder, thumbnails, settings));
    stages.addAll(content);
    Set<String> inputs = Set.copyOf(content.stream().map(Stage::name).toList());
    stages.add(new IndexStage(catalog, store, inputs, vectorModels));
    this.pipeline = new Pipeline(catalog, store, decoder, thumbnails, settings, stages, root);
    this.search = new SearchService(catalog, store);
  }

  public static TestLibrary open(Path root) {
    return new TestLibrary(root, ImportSettings.DEFAULTS, lib -> List.of(), Map.of());
  }

  public static TestLibrary open(Path root, ImportSettings settings) {
    return new TestLibrary(root, settings, lib -> List.of(), Map.of());
  }

  /** With content stages (built from the library's catalog) feeding the index. */
  public static TestLibrary open(Path root, ImportSettings settings, Function<TestLibrary, List<Stage>> stages) {
    return new TestLibrary(root, settings, stages, Map.of());
  }

  /** With the thumbnail store wrapped (e.g. to simulate a full disk). */
  public static TestLibrary openWithThumbnails(
      Path root, ImportSettings settings, Function<ThumbnailStore, ThumbnailStore> wrapper) {
    return new TestLibrary(root, settings, lib -> List.of(), Map.of(), wrapper);
  }

  /** With content stages, indexing only the vectors of the given models per vector name. */
  public static TestLibrary open(
      Path root, ImportSettings settings, Function<TestLibrary, List<Stage>> stages, Map<String, String> vectorModels) {
    return new TestLibrary(root, settings, stages, vectorModels);
  }

  public Catalog catalog() {
    return catalog;
  }

  public ImportSummary importFrom(Path... roots) throws InterruptedException {
    return run(ImportRequest.of(List.of(roots)));
  }

  public ImportSummary run(ImportRequest request) throws InterruptedException {
    return pipeline.run(request, new JobControl(), pipeline.newProgress());
  }

  @Override
  public void close() {
    store.close();
    catalog.close();
  }
}
