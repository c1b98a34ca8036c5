package dev.imagerag.logic.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.SearchMode;
import dev.imagerag.domain.SkipReason;
import dev.imagerag.domain.StageState;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.catalog.StageResult;
import dev.imagerag.logic.search.SearchRequest;
import dev.imagerag.testing.MixedFolder;
import dev.imagerag.testing.RecordingStage;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.TestLibrary;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineTest {
  @TempDir Path dir;

  private Path library() {
    return dir.resolve("library");
  }

  @Test
  void importsAMixedFolderWithExactCounts() throws Exception {
    Path folder = MixedFolder.create(dir.resolve("in"));
    try (TestLibrary lib = TestLibrary.open(library())) {
      ImportSummary summary = lib.importFrom(folder);

      assertThat(summary.added()).isEqualTo(MixedFolder.IMAGES);
      assertThat(summary.duplicates()).isEqualTo(MixedFolder.DUPLICATES);
      assertThat(summary.skipped()).hasSize(MixedFolder.BROKEN);
      assertThat(summary.ignored()).isEqualTo(MixedFolder.OTHER);
      assertThat(summary.skippedByReason()).containsOnlyKeys(SkipReason.EMPTY_FILE, SkipReason.NOT_AN_IMAGE,
          SkipReason.CORRUPT, SkipReason.TOO_MANY_PIXELS, SkipReason.UNSUPPORTED_FORMAT);
      assertThat(summary.errors()).isEmpty();
      assertThat(lib.catalog.imageCount()).isEqualTo(MixedFolder.IMAGES);
      assertThat(lib.catalog.pathCount()).isEqualTo(MixedFolder.IMAGES + MixedFolder.DUPLICATES);
      assertThat(lib.store.count()).isEqualTo(MixedFolder.IMAGES);
      lib.catalog.forEachImageId(id -> assertThat(lib.thumbnails.exists(id)).as("thumbnail of %s", id).isTrue());
      assertThat(lib.catalog.count(Catalog.INDEX_STAGE, StageState.DONE)).isEqualTo(MixedFolder.IMAGES);
    }
  }

  @Test
  void aSecondRunAddsNothingAndRedoesNoWork() throws Exception {
    Path folder = MixedFolder.create(dir.resolve("in"));
    try (TestLibrary lib = TestLibrary.open(library())) {
      lib.importFrom(folder);
      Map<Path, FileTime> thumbnailTimes = thumbnailTimes(lib);

      ImportSummary second = lib.importFrom(folder);

      assertThat(second.added()).isZero();
      assertThat(second.duplicates()).isZero();
      assertThat(second.unchanged()).isEqualTo(MixedFolder.IMAGES + MixedFolder.DUPLICATES);
      assertThat(second.skipped()).hasSize(MixedFolder.BROKEN);
      assertThat(second.stages().values()).allSatisfy(c -> assertThat(c.done()).isZero());
      assertThat(lib.catalog.imageCount()).isEqualTo(MixedFolder.IMAGES);
      assertThat(thumbnailTimes(lib)).isEqualTo(thumbnailTimes);
    }
  }

  @Test
  void theSameBytesUnderTwoNamesAreOneImageWithTwoPaths() throws Exception {
    Path a = TestImages.jpeg(dir.resolve("in/a.jpg"), 200, 100, 7);
    Path b = Files.copy(a, dir.resolve("in/b.jpg"));
    try (TestLibrary lib = TestLibrary.open(library())) {
      ImportSummary summary = lib.importFrom(dir.resolve("in"));

      assertThat(summary.added()).isEqualTo(1);
      assertThat(summary.duplicates()).isEqualTo(1);
      ImageId id = lib.catalog.findPath(a.toString()).orElseThrow().imageId();
      assertThat(lib.catalog.paths(id)).containsExactlyInAnyOrder(a.toString(), b.toString());
      assertThat(lib.store.get(id).orElseThrow().payload().paths())
          .containsExactlyInAnyOrder(a.toString(), b.toString());
    }
  }

  @Test
  void recordsDimensionsFormatAndExifCaptureTimeUpright() throws Exception {
    Path file = TestImages.jpegWithExif(dir.resolve("in/rotated.jpg"), TestImages.picture(300, 100, 1), 6,
        "2021:07:14 09:30:00");
    try (TestLibrary lib = TestLibrary.open(library())) {
      lib.importFrom(file);

      ImageId id = lib.catalog.findPath(file.toString()).orElseThrow().imageId();
      var image = lib.catalog.image(id).orElseThrow();
      assertThat(image.width()).isEqualTo(100);
      assertThat(image.height()).isEqualTo(300);
      assertThat(image.format().id()).isEqualTo("jpeg");
      assertThat(image.sizeBytes()).isEqualTo(Files.size(file));
      assertThat(image.capturedAt()).isEqualTo(
          java.time.LocalDateTime.of(2021, 7, 14, 9, 30).atZone(java.time.ZoneId.systemDefault()).toInstant());
    }
  }

  @Test
  void aMovedFileKeepsItsIdentityAndIsFoundUnderItsNewName() throws Exception {
    Path in = dir.resolve("in");
    Path original = TestImages.jpeg(in.resolve("holiday.jpg"), 200, 100, 1);
    try (TestLibrary lib = TestLibrary.open(library())) {
      lib.importFrom(in);
      ImageId id = lib.catalog.findPath(original.toString()).orElseThrow().imageId();
      Path moved = Files.move(original, Files.createDirectories(in.resolve("kept")).resolve("sunset.jpg"));

      ImportSummary again = lib.importFrom(in);

      assertThat(again.added()).isZero();
      assertThat(again.removed()).isEqualTo(1);
      assertThat(lib.catalog.paths(id)).containsExactly(moved.toString());
      assertThat(lib.catalog.imageCount()).isEqualTo(1);
      assertThat(keyword(lib, "sunset")).containsExactly(id);
      assertThat(keyword(lib, "holiday")).isEmpty();
    }
  }

  @Test
  void aDeletedFileLeavesTheLibraryWithItsIndexEntryAndThumbnail() throws Exception {
    Path in = dir.resolve("in");
    Path keep = TestImages.jpeg(in.resolve("keep.jpg"), 200, 100, 1);
    Path gone = TestImages.png(in.resolve("gone.png"), 200, 100, 2);
    try (TestLibrary lib = TestLibrary.open(library())) {
      lib.importFrom(in);
      ImageId goneId = lib.catalog.findPath(gone.toString()).orElseThrow().imageId();
      Files.delete(gone);

      ImportSummary again = lib.importFrom(in);

      assertThat(again.removed()).isEqualTo(1);
      assertThat(lib.catalog.hasImage(goneId)).isFalse();
      assertThat(lib.store.get(goneId)).isEmpty();
      assertThat(lib.thumbnails.exists(goneId)).isFalse();
      assertThat(lib.catalog.tombstones()).isEmpty();
      assertThat(lib.catalog.findPath(keep.toString())).isPresent();
    }
  }

  @Test
  void changedContentAtTheSamePathReplacesTheImage() throws Exception {
    Path file = TestImages.jpeg(dir.resolve("in/photo.jpg"), 200, 100, 1);
    try (TestLibrary lib = TestLibrary.open(library())) {
      lib.importFrom(file);
      ImageId before = lib.catalog.findPath(file.toString()).orElseThrow().imageId();
      TestImages.jpeg(file, 300, 200, 2);
      Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

      ImportSummary again = lib.importFrom(file);

      ImageId after = lib.catalog.findPath(file.toString()).orElseThrow().imageId();
      assertThat(again.changed()).isEqualTo(1);
      assertThat(after).isNotEqualTo(before);
      assertThat(lib.catalog.hasImage(before)).isFalse();
      assertThat(lib.store.get(before)).isEmpty();
      assertThat(lib.thumbnails.exists(before)).isFalse();
      assertThat(lib.store.get(after)).isPresent();
    }
  }

  @Test
  void aSymbolicLinkLoopIsSkippedWithItsReason() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in/a/b"));
    TestImages.png(in.resolve("x.png"), 50, 50, 1);
    Files.createSymbolicLink(in.resolve("loop"), dir.resolve("in/a"));
    try (TestLibrary lib = TestLibrary.open(library())) {
      ImportSummary summary = lib.importFrom(dir.resolve("in"));

      assertThat(summary.added()).isEqualTo(1);
      assertThat(summary.skipped()).singleElement()
          .satisfies(o -> assertThat(o.skip().reason()).isEqualTo(SkipReason.SYMLINK_LOOP));
    }
  }

  @Test
  void aMultiGigabyteFileNamedJpgIsRefusedWithoutReadingIt() throws Exception {
    Path big = dir.resolve("in/huge.jpg");
    Files.createDirectories(big.getParent());
    try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
      file.setLength(3L << 30); // sparse: takes no disk space
    }
    try (TestLibrary lib = TestLibrary.open(library())) {
      long start = System.nanoTime();
      ImportSummary summary = lib.importFrom(big);

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(summary.skipped()).singleElement()
          .satisfies(o -> assertThat(o.skip().reason()).isEqualTo(SkipReason.FILE_TOO_LARGE));
    }
  }

  @Test
  void aSparseFileUnderTheSizeLimitIsNotAnImage() throws Exception {
    Path zeros = dir.resolve("in/zeros.png");
    Files.createDirectories(zeros.getParent());
    try (RandomAccessFile file = new RandomAccessFile(zeros.toFile(), "rw")) {
      file.setLength(100L << 20);
    }
    try (TestLibrary lib = TestLibrary.open(library())) {
      ImportSummary summary = lib.importFrom(zeros);

      assertThat(summary.skipped()).singleElement().satisfies(o -> {
        assertThat(o.skip().reason()).isEqualTo(SkipReason.NOT_AN_IMAGE);
        assertThat(o.skip().detail()).contains("zero bytes");
      });
    }
  }

  @Test
  void aNamedPipeIsSkippedInsteadOfBlockingTheImport() throws Exception {
    Path fifo = dir.resolve("in/pipe.jpg");
    Files.createDirectories(fifo.getParent());
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor()).isZero();
    try (TestLibrary lib = TestLibrary.open(library())) {
      ImportSummary summary = lib.importFrom(dir.resolve("in"));

      assertThat(summary.skipped()).singleElement()
          .satisfies(o -> assertThat(o.skip().reason()).isEqualTo(SkipReason.NOT_A_REGULAR_FILE));
    }
  }

  @Test
  void anUnreadableFileIsSkippedUnlessThePermissionsDoNotApply() throws Exception {
    Path file = TestImages.png(dir.resolve("in/secret.png"), 50, 50, 1);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    try (TestLibrary lib = TestLibrary.open(library())) {
      ImportSummary summary = lib.importFrom(file);

      if (Files.isReadable(file)) {
        // Running as root: permissions do not stop reading, so the file is simply imported.
        assertThat(summary.added()).isEqualTo(1);
      } else {
        assertThat(summary.skipped()).singleElement()
            .satisfies(o -> assertThat(o.skip().reason()).isEqualTo(SkipReason.UNREADABLE));
      }
    }
  }

  @Test
  void theLibraryFolderAndHiddenFoldersAreNotImported() throws Exception {
    Path in = dir.resolve("in");
    TestImages.png(in.resolve("visible.png"), 50, 50, 1);
    TestImages.png(in.resolve(".cache/hidden.png"), 50, 50, 2);
    try (TestLibrary lib = TestLibrary.open(in.resolve("my-library"))) {
      lib.importFrom(in);
      ImportSummary again = lib.importFrom(in);

      assertThat(lib.catalog.imageCount()).isEqualTo(1);
      assertThat(again.added()).isZero();
    }
  }

  @Test
  void aFileOverThePixelLimitIsRefusedBeforeDecoding() throws Exception {
    Path bomb = TestImages.pngClaiming(dir.resolve("in/bomb.png"), 60000, 60000);
    try (TestLibrary lib = TestLibrary.open(library())) {
      ImportSummary summary = lib.importFrom(bomb);

      assertThat(summary.skipped()).singleElement().satisfies(o -> {
        assertThat(o.skip().reason()).isEqualTo(SkipReason.TOO_MANY_PIXELS);
        assertThat(o.skip().detail()).contains("60000×60000");
      });
    }
  }

  @Test
  void aFileThatTakesTooLongIsSkippedAndRetriedOnTheNextScan() throws Exception {
    Path file = TestImages.png(dir.resolve("in/big.png"), 3000, 3000, 1);
    ImportSettings impatient = ImportSettings.DEFAULTS.withPerFileTimeout(Duration.ofMillis(1));
    try (TestLibrary lib = TestLibrary.open(library(), impatient)) {
      ImportSummary summary = lib.importFrom(file);
      assertThat(summary.skipped()).singleElement()
          .satisfies(o -> assertThat(o.skip().reason()).isEqualTo(SkipReason.TIMED_OUT));
    }
    try (TestLibrary lib = TestLibrary.open(library())) {
      assertThat(lib.importFrom(file).added()).isEqualTo(1);
    }
  }

  @Test
  void aChangedStageVersionRerunsOnlyThatStage() throws Exception {
    Path in = dir.resolve("in");
    for (int i = 0; i < 5; i++) {
      TestImages.png(in.resolve("p" + i + ".png"), 60, 40, i);
    }
    try (TestLibrary lib = TestLibrary.open(library(), ImportSettings.DEFAULTS,
        l -> List.of(RecordingStage.writingText("ocr", "v1", l.catalog)))) {
      lib.importFrom(in);
    }
    Map<Path, FileTime> thumbnailTimes;
    RecordingStage[] v2 = new RecordingStage[1];
    try (TestLibrary lib = TestLibrary.open(library(), ImportSettings.DEFAULTS,
        l -> List.of(v2[0] = RecordingStage.writingText("ocr", "v2", l.catalog)))) {
      thumbnailTimes = thumbnailTimes(lib);

      ImportSummary rerun = lib.run(ImportRequest.resume());

      assertThat(v2[0].seen).hasSize(5);
      assertThat(rerun.stages().get("ocr").done()).isEqualTo(5);
      assertThat(rerun.stages().get(ThumbnailStage.NAME).done()).isZero();
      assertThat(thumbnailTimes(lib)).isEqualTo(thumbnailTimes);
      // The index depends on the OCR stage, so it was refreshed with the new text.
      assertThat(rerun.stages().get(Catalog.INDEX_STAGE).done()).isEqualTo(5);
      assertThat(keyword(lib, "v2")).hasSize(5);
    }
  }

  @Test
  void theIndexWaitsForItsInputsAndCarriesTheirText() throws Exception {
    Path in = dir.resolve("in");
    for (int i = 0; i < 6; i++) {
      TestImages.png(in.resolve("p" + i + ".png"), 60, 40, i);
    }
    try (TestLibrary lib = TestLibrary.open(library(), ImportSettings.DEFAULTS, l -> {
      RecordingStage slow = RecordingStage.writingText("ocr", "v1", l.catalog);
      slow.delayMillis = 50;
      return List.of(slow);
    })) {
      ImportSummary summary = lib.importFrom(in);

      assertThat(summary.stages().get("ocr").done()).isEqualTo(6);
      assertThat(keyword(lib, "recognised")).hasSize(6);
      assertThat(lib.catalog.count(Catalog.INDEX_STAGE, StageState.DONE)).isEqualTo(6);
    }
  }

  @Test
  void failedItemsKeepTheirReasonAndCanBeRetried() throws Exception {
    Path in = dir.resolve("in");
    for (int i = 0; i < 4; i++) {
      TestImages.png(in.resolve("p" + i + ".png"), 60, 40, i);
    }
    try (TestLibrary lib = TestLibrary.open(library(), ImportSettings.DEFAULTS,
        l -> List.of(new RecordingStage("ocr", "v1", l.catalog, id -> StageResult.failed(id, "engine said no"))))) {
      ImportSummary summary = lib.importFrom(in);

      assertThat(summary.stages().get("ocr").failed()).isEqualTo(4);
      assertThat(lib.catalog.count("ocr", StageState.FAILED)).isEqualTo(4);
      ImageId any = lib.catalog.findPath(in.resolve("p0.png").toString()).orElseThrow().imageId();
      assertThat(lib.catalog.stages(any)).anySatisfy(s -> {
        assertThat(s.stage()).isEqualTo("ocr");
        assertThat(s.reason()).isEqualTo("engine said no");
      });
      // The index does not wait for a failed input forever.
      assertThat(lib.catalog.count(Catalog.INDEX_STAGE, StageState.DONE)).isEqualTo(4);
    }
    RecordingStage[] working = new RecordingStage[1];
    try (TestLibrary lib = TestLibrary.open(library(), ImportSettings.DEFAULTS,
        l -> List.of(working[0] = RecordingStage.writingText("ocr", "v1", l.catalog)))) {
      assertThat(lib.run(ImportRequest.resume()).stages().get("ocr").done()).isZero();

      ImportSummary retried = lib.run(new ImportRequest(List.of(), true, true, Set.of()));

      assertThat(retried.stages().get("ocr").done()).isEqualTo(4);
      assertThat(lib.catalog.count("ocr", StageState.DONE)).isEqualTo(4);
    }
  }

  @Test
  void aBatchThatThrowsStopsItsStageAndLeavesTheWorkPending() throws Exception {
    Path in = dir.resolve("in");
    for (int i = 0; i < 3; i++) {
      TestImages.png(in.resolve("p" + i + ".png"), 60, 40, i);
    }
    try (TestLibrary lib = TestLibrary.open(library(), ImportSettings.DEFAULTS, l -> {
      RecordingStage broken = RecordingStage.writingText("ocr", "v1", l.catalog);
      broken.throwOnBatch = new IllegalStateException("the OCR engine is gone");
      return List.of(broken);
    })) {
      ImportSummary summary = lib.importFrom(in);

      assertThat(summary.errors()).anySatisfy(e -> assertThat(e).contains("ocr").contains("the OCR engine is gone"));
      assertThat(lib.catalog.count("ocr", StageState.FAILED)).isZero();
      assertThat(lib.catalog.count("ocr", StageState.PENDING)).isEqualTo(3);
      assertThat(lib.catalog.count("ocr", StageState.RUNNING)).isZero();
    }
    try (TestLibrary lib = TestLibrary.open(library(), ImportSettings.DEFAULTS,
        l -> List.of(RecordingStage.writingText("ocr", "v1", l.catalog)))) {
      ImportSummary resumed = lib.run(ImportRequest.resume());

      assertThat(resumed.errors()).isEmpty();
      assertThat(lib.catalog.count("ocr", StageState.DONE)).isEqualTo(3);
      assertThat(keyword(lib, "recognised")).hasSize(3);
    }
  }

  @Test
  void runningStagesNameTheFileTheyWorkOnNotItsHash() throws Exception {
    Path in = dir.resolve("in");
    for (String name : List.of("beach.png", "harbour.png", "receipt.png")) {
      TestImages.png(in.resolve(name), 60, 40, name.length());
    }
    try (TestLibrary lib = TestLibrary.open(library(), ImportSettings.DEFAULTS,
        l -> List.of(RecordingStage.writingText("ocr", "v1", l.catalog)))) {
      dev.imagerag.logic.jobs.Progress progress = lib.pipeline.newProgress();
      List<String> shown = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
      progress.addListener(() -> progress.snapshot().stages().stream()
          .filter(s -> s.stage().equals("ocr") || s.stage().equals(Catalog.INDEX_STAGE))
          .map(dev.imagerag.logic.jobs.StageProgress::current).filter(c -> !c.isEmpty()).forEach(shown::add));

      lib.pipeline.run(ImportRequest.of(List.of(in)), new dev.imagerag.logic.jobs.JobControl(), progress);

      assertThat(shown).isNotEmpty()
          .allSatisfy(current -> assertThat(current).matches("(beach|harbour|receipt)\\.png( \\+\\d+)?"));
    }
  }

  @Test
  void aCancelledRunResumesWhereItStopped() throws Exception {
    Path in = dir.resolve("in");
    for (int i = 0; i < 12; i++) {
      TestImages.png(in.resolve("p" + i + ".png"), 60, 40, i);
    }
    RecordingStage[] slow = new RecordingStage[1];
    try (TestLibrary lib = TestLibrary.open(library(), ImportSettings.DEFAULTS, l -> {
      slow[0] = RecordingStage.writingText("ocr", "v1", l.catalog);
      slow[0].delayMillis = 100;
      return List.of(slow[0]);
    })) {
      dev.imagerag.logic.jobs.JobControl control = new dev.imagerag.logic.jobs.JobControl();
      Thread canceller = new Thread(() -> {
        while (slow[0].seen.size() < 3) {
          Thread.onSpinWait();
        }
        control.cancel();
      });
      canceller.start();
      ImportSummary cancelled = lib.pipeline.run(ImportRequest.of(List.of(in)), control, lib.pipeline.newProgress());
      canceller.join();

      assertThat(cancelled.cancelled()).isTrue();
      assertThat(lib.catalog.count("ocr", StageState.RUNNING)).isZero();
      assertThat(lib.catalog.count("ocr", StageState.DONE)).isLessThan(12);
    }
    try (TestLibrary lib = TestLibrary.open(library(), ImportSettings.DEFAULTS,
        l -> List.of(RecordingStage.writingText("ocr", "v1", l.catalog)))) {
      lib.importFrom(in);

      assertThat(lib.catalog.imageCount()).isEqualTo(12);
      assertThat(lib.catalog.count("ocr", StageState.DONE)).isEqualTo(12);
      assertThat(lib.catalog.count(Catalog.INDEX_STAGE, StageState.DONE)).isEqualTo(12);
      assertThat(lib.store.count()).isEqualTo(12);
    }
  }

  @Test
  void noWaitImportsAndQueuesTheStagesWithoutRunningThem() throws Exception {
    Path in = dir.resolve("in");
    TestImages.png(in.resolve("a.png"), 60, 40, 1);
    TestImages.png(in.resolve("b.png"), 60, 40, 2);
    try (TestLibrary lib = TestLibrary.open(library())) {
      ImportSummary queued = lib.run(new ImportRequest(List.of(in), false, false, Set.of()));

      assertThat(queued.added()).isEqualTo(2);
      assertThat(lib.catalog.count(Catalog.INDEX_STAGE, StageState.PENDING)).isEqualTo(2);
      assertThat(lib.store.count()).isZero();
      assertThat(lib.catalog.count(ThumbnailStage.NAME, StageState.DONE)).isEqualTo(2);

      lib.run(ImportRequest.resume());

      assertThat(lib.store.count()).isEqualTo(2);
    }
  }

  @Test
  void aMissingRootIsReportedAndItsRememberedFilesLeave() throws Exception {
    Path in = dir.resolve("in");
    Path file = TestImages.png(in.resolve("a.png"), 60, 40, 1);
    try (TestLibrary lib = TestLibrary.open(library())) {
      lib.importFrom(file);
      Files.delete(file);

      ImportSummary summary = lib.importFrom(file);

      assertThat(summary.errors()).singleElement().asString().contains("No such file or folder");
      assertThat(lib.catalog.imageCount()).isZero();
      assertThat(lib.store.count()).isZero();
    }
  }

  @Test
  void reconcileRepairsAnIndexThatLostEntriesOrKeptStrayOnes() throws Exception {
    Path in = dir.resolve("in");
    for (int i = 0; i < 3; i++) {
      TestImages.png(in.resolve("p" + i + ".png"), 60, 40, i);
    }
    try (TestLibrary lib = TestLibrary.open(library())) {
      lib.importFrom(in);
      ImageId lost = lib.catalog.findPath(in.resolve("p0.png").toString()).orElseThrow().imageId();
      lib.store.delete(List.of(lost));
      var stray = lib.store.get(lib.catalog.findPath(in.resolve("p1.png").toString()).orElseThrow().imageId())
          .orElseThrow();
      ImageId strayId = ImageId.fromDigest(dev.imagerag.support.Sha256.of(new byte[] {1, 2, 3}));
      lib.store.upsert(List.of(new dev.imagerag.logic.store.IndexedImage(strayId, stray.payload(), Map.of())));
      Files.createDirectories(lib.thumbnails.path(strayId).getParent());
      Files.writeString(lib.thumbnails.path(strayId), "orphan");

      Pipeline.RecoveryReport report = lib.pipeline.reconcile();
      lib.run(ImportRequest.resume());

      assertThat(report.extraEntriesDeleted()).isEqualTo(1);
      assertThat(report.missingRequeued()).isEqualTo(1);
      assertThat(report.orphanFilesDeleted()).isEqualTo(1);
      Set<ImageId> inStore = new java.util.HashSet<>();
      lib.store.forEachId(inStore::add);
      Set<ImageId> inCatalog = new java.util.HashSet<>();
      lib.catalog.forEachImageId(inCatalog::add);
      assertThat(inStore).isEqualTo(inCatalog);
    }
  }

  private static List<ImageId> keyword(TestLibrary lib, String text) {
    return lib.search.search(SearchRequest.text(text, SearchMode.KEYWORD, 50)).stream()
        .map(dev.imagerag.domain.SearchHit::id).toList();
  }

  private static Map<Path, FileTime> thumbnailTimes(TestLibrary lib) throws IOException {
    try (Stream<Path> files = Files.walk(lib.paths.thumbnailsDir())) {
      return files.filter(Files::isRegularFile).collect(Collectors.toMap(p -> p, p -> {
        try {
          return Files.getLastModifiedTime(p);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }));
    }
  }
}
