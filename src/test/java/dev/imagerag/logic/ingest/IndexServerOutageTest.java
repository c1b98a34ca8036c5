package dev.imagerag.logic.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.domain.StageState;
import dev.imagerag.infra.catalog.SqliteCatalog;
import dev.imagerag.infra.files.FileThumbnailStore;
import dev.imagerag.infra.files.ImageIoDecoder;
import dev.imagerag.infra.lucene.LuceneVectorStore;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.jobs.JobControl;
import dev.imagerag.logic.library.LibraryPaths;
import dev.imagerag.logic.store.IndexedImage;
import dev.imagerag.logic.store.StoreUnavailableException;
import dev.imagerag.logic.store.VectorStore;
import dev.imagerag.testing.ForwardingVectorStore;
import dev.imagerag.testing.TestImages;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An index server that goes away for a while delays indexing; it neither stops it nor fails images. */
class IndexServerOutageTest {
  @TempDir Path dir;

  /** A real index behind a connection that is down for the first {@code outages} writes. */
  private static final class FlakyServer extends ForwardingVectorStore {
    private final AtomicInteger outagesLeft;
    final AtomicInteger refusedWrites = new AtomicInteger();

    FlakyServer(VectorStore real, int outages) {
      super(real);
      this.outagesLeft = new AtomicInteger(outages);
    }

    @Override
    public void upsert(List<IndexedImage> images) {
      if (outagesLeft.getAndDecrement() > 0) {
        refusedWrites.incrementAndGet();
        throw new StoreUnavailableException("Qdrant at http://localhost:6334 is unreachable (UNAVAILABLE)", null);
      }
      delegate.upsert(images);
    }
  }

  @Test
  void indexingWaitsForTheServerAndThenIndexesEverything() throws Exception {
    Path in = dir.resolve("in");
    for (int i = 0; i < 5; i++) {
      TestImages.png(in.resolve("p" + i + ".png"), 60, 40, i);
    }
    LibraryPaths paths = new LibraryPaths(dir.resolve("library"));
    try (SqliteCatalog catalog = SqliteCatalog.open(paths.catalogFile());
        FlakyServer store = new FlakyServer(LuceneVectorStore.open(paths.indexDir()), 1)) {
      ImageIoDecoder decoder = new ImageIoDecoder();
      FileThumbnailStore thumbnails = new FileThumbnailStore(paths.thumbnailsDir(), 64);
      Pipeline pipeline = new Pipeline(catalog, store, decoder, thumbnails, ImportSettings.DEFAULTS, List.of(
          new ThumbnailStage(catalog, decoder, thumbnails, ImportSettings.DEFAULTS),
          new IndexStage(catalog, store, Set.of())), paths.root());

      ImportSummary summary = pipeline.run(ImportRequest.of(List.of(in)), new JobControl(), pipeline.newProgress());

      assertThat(store.refusedWrites).hasValue(1);
      assertThat(summary.errors()).as("an outage is not an error of the run").isEmpty();
      assertThat(catalog.count(Catalog.INDEX_STAGE, StageState.DONE)).isEqualTo(5);
      assertThat(catalog.count(Catalog.INDEX_STAGE, StageState.FAILED)).isZero();
      assertThat(store.count()).isEqualTo(5);
    }
  }

  @Test
  void cancellingWhileWaitingLeavesTheImagesQueued() throws Exception {
    Path in = dir.resolve("in");
    for (int i = 0; i < 3; i++) {
      TestImages.png(in.resolve("p" + i + ".png"), 60, 40, i);
    }
    LibraryPaths paths = new LibraryPaths(dir.resolve("library"));
    try (SqliteCatalog catalog = SqliteCatalog.open(paths.catalogFile());
        FlakyServer store = new FlakyServer(LuceneVectorStore.open(paths.indexDir()), Integer.MAX_VALUE)) {
      ImageIoDecoder decoder = new ImageIoDecoder();
      FileThumbnailStore thumbnails = new FileThumbnailStore(paths.thumbnailsDir(), 64);
      Pipeline pipeline = new Pipeline(catalog, store, decoder, thumbnails, ImportSettings.DEFAULTS, List.of(
          new ThumbnailStage(catalog, decoder, thumbnails, ImportSettings.DEFAULTS),
          new IndexStage(catalog, store, Set.of())), paths.root());
      JobControl control = new JobControl();
      Thread canceller = new Thread(() -> {
        while (store.refusedWrites.get() == 0) {
          Thread.onSpinWait();
        }
        control.cancel();
      });
      canceller.start();

      ImportSummary summary = pipeline.run(ImportRequest.of(List.of(in)), control, pipeline.newProgress());
      canceller.join();

      assertThat(summary.cancelled()).isTrue();
      assertThat(catalog.count(Catalog.INDEX_STAGE, StageState.RUNNING)).isZero();
      assertThat(catalog.count(Catalog.INDEX_STAGE, StageState.FAILED)).isZero();
      // The scan may be cancelled before it reached every file; each image it did import is queued.
      assertThat(catalog.imageCount()).isBetween(1L, 3L);
      assertThat(catalog.count(Catalog.INDEX_STAGE, StageState.PENDING)).isEqualTo(catalog.imageCount());
      assertThat(catalog.count(Catalog.INDEX_STAGE, StageState.DONE)).isZero();
    }
  }
}
