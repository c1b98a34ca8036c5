package dev.imagerag.logic.library;

import static dev.imagerag.logic.store.StoreTestData.gaussian;
import static dev.imagerag.logic.store.StoreTestData.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagerag.domain.ImageFormat;
import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.ImageRecord;
import dev.imagerag.infra.catalog.SqliteCatalog;
import dev.imagerag.infra.lucene.LuceneVectorStore;
import dev.imagerag.logic.catalog.PathEntry;
import dev.imagerag.logic.ingest.IndexStage;
import dev.imagerag.logic.jobs.JobControl;
import dev.imagerag.logic.jobs.Progress;
import dev.imagerag.logic.store.IndexedImage;
import dev.imagerag.logic.store.SearchFilter;
import dev.imagerag.logic.store.StoreTestData;
import dev.imagerag.logic.store.StoreUnavailableException;
import dev.imagerag.logic.store.VectorNames;
import dev.imagerag.logic.store.VectorStore;
import dev.imagerag.testing.ForwardingVectorStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migration from a real SQLite catalog into a real Lucene index in a temporary folder. */
class IndexMigrationTest {
  private static final int IMAGES = 600;
  private static final Map<String, String> MODELS = Map.of(VectorNames.VISUAL, "clip-1", VectorNames.TEXTUAL, "bge");
  private static final String TARGET = "embedded /target";

  @TempDir Path dir;
  private SqliteCatalog catalog;
  private LuceneVectorStore target;

  @BeforeEach
  void fillCatalog() {
    catalog = SqliteCatalog.open(dir.resolve("catalog.db"));
    Random random = new Random(1);
    for (int n = 1; n <= IMAGES; n++) {
      ImageId id = id(n);
      String path = "/photos/" + (n % 3 == 0 ? "receipts" : "trips") + "/img_" + n + ".jpg";
      catalog.recordImport(new ImageRecord(id, 1000 + n, 640, 480, ImageFormat.JPEG, Instant.ofEpochSecond(n * 1000L),
          null, Instant.EPOCH), new PathEntry(path, id, 1000 + n, n), List.of(), Map.of());
      catalog.putVector(id, VectorNames.VISUAL, n == 5 ? "clip-0" : "clip-1", gaussian(random, 8));
      catalog.putVector(id, VectorNames.TEXTUAL, "bge", gaussian(random, 4));
      catalog.putText(id, IndexStage.OCR, "tesseract", n % 3 == 0 ? "total due " + n : "");
    }
    target = LuceneVectorStore.open(dir.resolve("target"));
  }

  @AfterEach
  void close() {
    target.close();
    catalog.close();
  }

  private IndexMigration migration() {
    return new IndexMigration(catalog, MODELS, dir);
  }

  @Test
  void copiesEveryImageExactlyAsTheIndexStageBuildsIt() throws Exception {
    Progress progress = new Progress(List.of(IndexMigration.STAGE));

    IndexMigration.Result result = migration().run(target, TARGET, new JobControl(), progress);

    assertThat(result.complete()).isTrue();
    assertThat(result.copied()).isEqualTo(IMAGES);
    assertThat(result.targetCount()).isEqualTo(IMAGES);
    assertThat(result.resumedAfter()).isNull();
    assertThat(progress.snapshot().stages().get(0).done()).isEqualTo(IMAGES);
    IndexStage stage = new IndexStage(catalog, target, Set.of(), MODELS);
    for (int n : new int[] {1, 5, 300, IMAGES}) {
      IndexedImage expected = stage.document(id(n)).orElseThrow();
      IndexedImage copied = target.get(id(n)).orElseThrow();
      assertThat(copied.payload()).isEqualTo(expected.payload());
      assertThat(copied.vectors()).containsOnlyKeys(expected.vectors().keySet());
    }
    assertThat(target.get(id(5)).orElseThrow().vectors()).as("a vector of another model stays out")
        .containsOnlyKeys(VectorNames.TEXTUAL);
    assertThat(target.keyword("total", 1000, SearchFilter.NONE)).hasSize(IMAGES / 3);
    assertThat(Files.exists(migration().checkpointFile())).isFalse();
  }

  @Test
  void aMigrationThatFailedPartWayContinuesAfterTheLastStoredBatch() throws Exception {
    FlakyStore flaky = new FlakyStore(target, 2);
    assertThatThrownBy(() -> migration().run(flaky, TARGET, new JobControl(), progress()))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(Files.exists(migration().checkpointFile())).isTrue();
    assertThat(target.count()).isEqualTo(IndexMigration.BATCH);

    RecordingStore recording = new RecordingStore(target);
    IndexMigration.Result result = migration().run(recording, TARGET, new JobControl(), progress());

    assertThat(result.resumedAfter()).isEqualTo(id(IndexMigration.BATCH));
    assertThat(result.copied()).isEqualTo(IMAGES - IndexMigration.BATCH);
    assertThat(recording.upserted).doesNotContain(id(1), id(IndexMigration.BATCH)).contains(id(IMAGES));
    assertThat(result.complete()).isTrue();
    assertThat(result.missingCopied()).isZero();
    assertThat(Files.exists(migration().checkpointFile())).isFalse();
  }

  @Test
  void theFinalCheckCopiesWhatIsMissingAndDeletesWhatTheCatalogLacks() throws Exception {
    FlakyStore flaky = new FlakyStore(target, 2);
    assertThatThrownBy(() -> migration().run(flaky, TARGET, new JobControl(), progress()));
    target.delete(List.of(id(7)));
    target.upsert(List.of(StoreTestData.visual(99_999, gaussian(new Random(2), 8))));

    IndexMigration.Result result = migration().run(target, TARGET, new JobControl(), progress());

    assertThat(result.missingCopied()).isEqualTo(1);
    assertThat(result.extraDeleted()).isEqualTo(1);
    assertThat(result.complete()).isTrue();
    assertThat(target.get(id(7))).isPresent();
    assertThat(target.get(id(99_999))).isEmpty();
  }

  @Test
  void aNewMigrationEmptiesTheTargetAndIgnoresACheckpointOfAnotherTarget() throws Exception {
    target.upsert(List.of(StoreTestData.visual(99_999, gaussian(new Random(3), 8))));
    assertThatThrownBy(() -> migration().run(new FlakyStore(target, 2), "qdrant http://elsewhere/x",
        new JobControl(), progress()));

    IndexMigration.Result result = migration().run(target, TARGET, new JobControl(), progress());

    assertThat(result.resumedAfter()).isNull();
    assertThat(result.copied()).isEqualTo(IMAGES);
    assertThat(result.extraDeleted()).isZero();
    assertThat(target.count()).isEqualTo(IMAGES);
  }

  @Test
  void aCancelledMigrationKeepsItsCheckpoint() {
    JobControl control = new JobControl();
    control.cancel();

    assertThatThrownBy(() -> migration().run(target, TARGET, control, progress()))
        .isInstanceOf(CancellationException.class);
    assertThat(Files.exists(migration().checkpointFile())).isTrue();
  }

  private static Progress progress() {
    return new Progress(List.of(IndexMigration.STAGE));
  }

  /** Passes calls to a store; its n-th upsert fails as if the server had gone away. */
  private static class FlakyStore extends RecordingStore {
    private final int failingUpsert;
    private int upserts;

    FlakyStore(VectorStore delegate, int failingUpsert) {
      super(delegate);
      this.failingUpsert = failingUpsert;
    }

    @Override
    public void upsert(List<IndexedImage> images) {
      if (++upserts == failingUpsert) {
        throw new StoreUnavailableException("Qdrant at http://test is unreachable", null);
      }
      super.upsert(images);
    }
  }

  /** Passes calls to a store and remembers the ids it upserted (closing it is the test's job). */
  private static class RecordingStore extends ForwardingVectorStore {
    final List<ImageId> upserted = new ArrayList<>();

    RecordingStore(VectorStore delegate) {
      super(delegate);
    }

    @Override
    public void upsert(List<IndexedImage> images) {
      images.forEach(i -> upserted.add(i.id()));
      delegate.upsert(images);
    }

    @Override
    public void close() {
      // the test closes the real store
    }
  }
}
