package dev.imagerag.infra.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.imagerag.domain.ImageFormat;
import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.ImageRagException;
import dev.imagerag.domain.ImageRecord;
import dev.imagerag.domain.Skip;
import dev.imagerag.domain.SkipReason;
import dev.imagerag.domain.StageState;
import dev.imagerag.domain.StageStatus;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.catalog.PathEntry;
import dev.imagerag.logic.catalog.SkippedFile;
import dev.imagerag.logic.catalog.StageResult;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite catalog against a real file. Paths are built with the platform separator, because
 * folder queries ({@code pathsUnder}, {@code removeRoots}) split on it.
 */
class SqliteCatalogTest {
  private static final String THUMB = "thumbnail";
  private static final String VISUAL = "visual";
  private static final String OCR = "ocr";
  private static final String INDEX = Catalog.INDEX_STAGE;
  private static final Instant FILE_TIME = Instant.ofEpochMilli(1_600_000_000_123L);
  private static final Instant CAPTURED = Instant.ofEpochMilli(1_500_000_000_456L);
  private static final Instant ADDED = Instant.ofEpochMilli(1_700_000_000_789L);

  @TempDir Path dir;
  private Path file;
  private SqliteCatalog catalog;

  @BeforeEach
  void openCatalog() {
    file = dir.resolve("library").resolve("catalog.db");
    catalog = SqliteCatalog.open(file);
  }

  @AfterEach
  void closeCatalog() {
    catalog.close();
  }

  // ---- schema ---------------------------------------------------------------------------

  @Test
  void aNewCatalogIsAtTheLatestSchemaVersion() throws SQLException {
    assertThat(catalog.schemaVersion()).isEqualTo(CatalogSchema.latestVersion());
    catalog.close();
    assertThat(userVersion(file)).isEqualTo(CatalogSchema.latestVersion());
  }

  @Test
  void reopeningKeepsTheData() {
    importImage(1, path("a", "one.jpg"), List.of(VISUAL), Map.of(THUMB, "t1"));
    catalog.putText(id(1), OCR, "tess", "hello");
    catalog.addRoot(path("a"));
    catalog.close();

    catalog = SqliteCatalog.open(file);

    assertThat(catalog.image(id(1))).contains(record(1));
    assertThat(catalog.paths(id(1))).containsExactly(path("a", "one.jpg"));
    assertThat(states(id(1))).containsOnly(entry(VISUAL, StageState.PENDING), entry(THUMB, StageState.DONE));
    assertThat(catalog.texts(id(1))).containsExactly(entry(OCR, "hello"));
    assertThat(catalog.roots()).containsExactly(path("a"));
    assertThat(catalog.schemaVersion()).isEqualTo(CatalogSchema.latestVersion());
  }

  @Test
  void aCatalogFromANewerVersionIsRefusedWithAdviceToUpdate() throws Exception {
    int newer = CatalogSchema.latestVersion() + 1;
    catalog.close();
    setUserVersion(file, newer);
    byte[] before = Files.readAllBytes(file);

    assertThatThrownBy(() -> SqliteCatalog.open(file))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("newer version of Image RAG")
        .hasMessageContaining("Update Image RAG");

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(userVersion(file)).isEqualTo(newer);
  }

  @Test
  void refusingANewerCatalogLeavesNoConnectionOpen() throws Exception {
    catalog.close();
    setUserVersion(file, CatalogSchema.latestVersion() + 1);

    assertThatThrownBy(() -> SqliteCatalog.open(file)).isInstanceOf(CatalogException.class);

    assertThat(nobodyElseHasItOpen(file)).isTrue();
  }

  @Test
  void openReadOnlyRefusesACatalogFromANewerVersionWithAdviceToUpdate() throws Exception {
    catalog.close();
    setUserVersion(file, CatalogSchema.latestVersion() + 1);

    assertThatThrownBy(() -> SqliteCatalog.openReadOnly(file))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("Update Image RAG");
    assertThat(nobodyElseHasItOpen(file)).isTrue();
  }

  // ---- importing images and paths --------------------------------------------------------

  @Test
  void recordImportOfANewImageStoresTheImageItsPathAndItsStageRows() {
    boolean added = importImage(1, path("a", "one.jpg"), List.of(VISUAL, OCR), Map.of(THUMB, "t1"));

    assertThat(added).isTrue();
    assertThat(catalog.hasImage(id(1))).isTrue();
    assertThat(catalog.findPath(path("a", "one.jpg"))).contains(pathEntry(1, path("a", "one.jpg")));
    assertThat(catalog.stages(id(1)))
        .extracting(StageStatus::stage, StageStatus::state, StageStatus::version, StageStatus::reason)
        .containsExactly(
            tuple(OCR, StageState.PENDING, null, null),
            tuple(THUMB, StageState.DONE, "t1", null),
            tuple(VISUAL, StageState.PENDING, null, null));
    assertThat(catalog.imageCount()).isEqualTo(1);
    assertThat(catalog.pathCount()).isEqualTo(1);
  }

  @Test
  void recordImportOfAKnownImageUnderTheSamePathReturnsFalseAndAddsNothing() {
    importImage(1, path("a", "one.jpg"), List.of(VISUAL), Map.of());
    List<StageStatus> before = catalog.stages(id(1));

    boolean added = importImage(1, path("a", "one.jpg"), List.of(VISUAL, OCR), Map.of(THUMB, "t1"));

    assertThat(added).isFalse();
    assertThat(catalog.imageCount()).isEqualTo(1);
    assertThat(catalog.pathCount()).isEqualTo(1);
    assertThat(catalog.stages(id(1))).isEqualTo(before);
  }

  @Test
  void theSameBytesUnderTwoPathsAreOneImageWithTwoPaths() {
    importImage(1, path("a", "one.jpg"), List.of(VISUAL), Map.of());

    boolean added = importImage(1, path("b", "copy.jpg"), List.of(VISUAL), Map.of());

    assertThat(added).isFalse();
    assertThat(catalog.imageCount()).isEqualTo(1);
    assertThat(catalog.paths(id(1))).containsExactlyInAnyOrder(path("a", "one.jpg"), path("b", "copy.jpg"));
    assertThat(catalog.findPath(path("b", "copy.jpg")).orElseThrow().imageId()).isEqualTo(id(1));
  }

  @Test
  void recordImportRejectsAPathThatNamesAnotherImage() {
    ImageRecord image = record(1);
    PathEntry path = pathEntry(2, path("a", "one.jpg"));

    assertThatThrownBy(() -> catalog.recordImport(image, path, List.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(catalog.imageCount()).isZero();
  }

  @Test
  void imageRoundTripsEveryField() {
    ImageRecord image = new ImageRecord(id(1), 9_876_543_210L, 4032, 3024, ImageFormat.WEBP,
        FILE_TIME, CAPTURED, ADDED);
    catalog.recordImport(image, pathEntry(1, path("a", "one.webp")), List.of(), Map.of());

    assertThat(catalog.image(id(1))).contains(image);
  }

  @Test
  void imageRoundTripsAMissingCaptureTimeAsNull() {
    ImageRecord image = new ImageRecord(id(1), 10, 1, 2, ImageFormat.PNG, FILE_TIME, null, ADDED);
    catalog.recordImport(image, pathEntry(1, path("a", "one.png")), List.of(), Map.of());

    assertThat(catalog.image(id(1)).orElseThrow().capturedAt()).isNull();
    assertThat(catalog.image(id(1))).contains(image);
  }

  @Test
  void aCaptureTimeAtTheEpochIsNotMistakenForAMissingOne() {
    ImageRecord image = new ImageRecord(id(1), 10, 1, 2, ImageFormat.PNG, FILE_TIME, Instant.EPOCH, ADDED);
    catalog.recordImport(image, pathEntry(1, path("a", "one.png")), List.of(), Map.of());

    assertThat(catalog.image(id(1)).orElseThrow().capturedAt()).isEqualTo(Instant.EPOCH);
  }

  @Test
  void findPathRoundTripsSizeAndModificationTime() {
    PathEntry entry = new PathEntry(path("a", "one.jpg"), id(1), 123_456_789_012L, 1_650_000_000_999L);
    catalog.recordImport(record(1), entry, List.of(), Map.of());

    assertThat(catalog.findPath(path("a", "one.jpg"))).contains(entry);
  }

  @Test
  void unknownPathsAndImagesAreNotFound() {
    importImage(1, path("a", "one.jpg"), List.of(), Map.of());

    assertThat(catalog.findPath(path("a", "two.jpg"))).isEmpty();
    assertThat(catalog.hasImage(id(2))).isFalse();
    assertThat(catalog.image(id(2))).isEmpty();
    assertThat(catalog.paths(id(2))).isEmpty();
    assertThat(catalog.stages(id(2))).isEmpty();
    assertThat(catalog.vectors(id(2))).isEmpty();
    assertThat(catalog.texts(id(2))).isEmpty();
  }

  @Test
  void pathsListsTheMostRecentlySeenFirst() throws InterruptedException {
    importImage(1, path("a", "z-old.jpg"), List.of(), Map.of());
    Thread.sleep(5);
    catalog.linkPath(pathEntry(1, path("a", "a-new.jpg")));
    Thread.sleep(5);
    catalog.linkPath(pathEntry(1, path("a", "m-newest.jpg")));

    assertThat(catalog.paths(id(1)))
        .containsExactly(path("a", "m-newest.jpg"), path("a", "a-new.jpg"), path("a", "z-old.jpg"));
  }

  // ---- linking, moving and tombstones ----------------------------------------------------

  @Test
  void linkPathReturnsFalseForAnUnknownImageAndAddsNothing() {
    boolean linked = catalog.linkPath(pathEntry(1, path("a", "one.jpg")));

    assertThat(linked).isFalse();
    assertThat(catalog.pathCount()).isZero();
    assertThat(catalog.findPath(path("a", "one.jpg"))).isEmpty();
  }

  @Test
  void linkPathUpdatesSizeAndModificationTimeOfAKnownPath() {
    importImage(1, path("a", "one.jpg"), List.of(), Map.of());
    PathEntry touched = new PathEntry(path("a", "one.jpg"), id(1), 99, 42);

    assertThat(catalog.linkPath(touched)).isTrue();

    assertThat(catalog.findPath(path("a", "one.jpg"))).contains(touched);
    assertThat(catalog.pathCount()).isEqualTo(1);
  }

  @Test
  void movingTheOnlyPathOfAnImageToAnotherImageDeletesItWithATombstone() {
    importImage(1, path("a", "one.jpg"), List.of(VISUAL), Map.of());
    importImage(2, path("b", "two.jpg"), List.of(), Map.of());
    catalog.putText(id(1), OCR, "tess", "old text");

    assertThat(catalog.linkPath(pathEntry(2, path("a", "one.jpg")))).isTrue();

    assertThat(catalog.hasImage(id(1))).isFalse();
    assertThat(catalog.stages(id(1))).isEmpty();
    assertThat(catalog.texts(id(1))).isEmpty();
    assertThat(catalog.tombstones()).containsExactly(id(1));
    assertThat(catalog.findPath(path("a", "one.jpg")).orElseThrow().imageId()).isEqualTo(id(2));
  }

  @Test
  void recordImportOverAPathOfAnotherImageMovesThePathAndDeletesTheOrphan() {
    importImage(1, path("a", "one.jpg"), List.of(), Map.of());

    boolean added = importImage(2, path("a", "one.jpg"), List.of(), Map.of());

    assertThat(added).isTrue();
    assertThat(catalog.hasImage(id(1))).isFalse();
    assertThat(catalog.tombstones()).containsExactly(id(1));
    assertThat(catalog.paths(id(2))).containsExactly(path("a", "one.jpg"));
  }

  @Test
  void movingOnePathOfAnImageWithOtherPathsKeepsIt() {
    importImage(1, path("a", "one.jpg"), List.of(), Map.of());
    catalog.linkPath(pathEntry(1, path("a", "copy.jpg")));
    importImage(2, path("b", "two.jpg"), List.of(), Map.of());

    catalog.linkPath(pathEntry(2, path("a", "one.jpg")));

    assertThat(catalog.hasImage(id(1))).isTrue();
    assertThat(catalog.paths(id(1))).containsExactly(path("a", "copy.jpg"));
    assertThat(catalog.tombstones()).isEmpty();
  }

  @Test
  void reimportingATombstonedImageRemovesItsTombstone() {
    importImage(1, path("a", "one.jpg"), List.of(), Map.of());
    catalog.removePaths(List.of(path("a", "one.jpg")));
    assertThat(catalog.tombstones()).containsExactly(id(1));

    boolean added = importImage(1, path("a", "one.jpg"), List.of(VISUAL), Map.of());

    assertThat(added).isTrue();
    assertThat(catalog.tombstones()).isEmpty();
    assertThat(states(id(1))).containsOnly(entry(VISUAL, StageState.PENDING));
  }

  @Test
  void clearTombstonesForgetsOnlyTheGivenIds() {
    importImage(1, path("a", "one.jpg"), List.of(), Map.of());
    importImage(2, path("a", "two.jpg"), List.of(), Map.of());
    catalog.removePaths(List.of(path("a", "one.jpg"), path("a", "two.jpg")));

    catalog.clearTombstones(List.of(id(1)));

    assertThat(catalog.tombstones()).containsExactly(id(2));
  }

  // ---- the index stage follows path changes ----------------------------------------------

  @Test
  void linkingAnotherPathRequeuesTheDoneIndexStage() {
    importIndexed(1, path("a", "one.jpg"));

    catalog.linkPath(pathEntry(1, path("b", "copy.jpg")));

    assertThat(states(id(1))).containsEntry(INDEX, StageState.PENDING);
  }

  @Test
  void linkingAPathMovedFromAnotherImageRequeuesTheIndexOfItsNewImage() {
    importImage(1, path("a", "one.jpg"), List.of(), Map.of());
    importIndexed(2, path("b", "two.jpg"));

    catalog.linkPath(pathEntry(2, path("a", "one.jpg")));

    assertThat(states(id(2))).containsEntry(INDEX, StageState.PENDING);
  }

  @Test
  void touchingAKnownPathDoesNotRequeueTheIndex() {
    importIndexed(1, path("a", "one.jpg"));

    catalog.linkPath(new PathEntry(path("a", "one.jpg"), id(1), 5, 6));

    assertThat(states(id(1))).containsEntry(INDEX, StageState.DONE);
  }

  @Test
  void removingOneOfTwoPathsRequeuesTheDoneIndexStage() {
    importImage(1, path("a", "one.jpg"), List.of(INDEX), Map.of());
    catalog.linkPath(pathEntry(1, path("b", "copy.jpg")));
    finish(INDEX, id(1));

    catalog.removePaths(List.of(path("b", "copy.jpg")));

    assertThat(states(id(1))).containsEntry(INDEX, StageState.PENDING);
  }

  @Test
  void movingOneOfTwoPathsAwayRequeuesTheIndexOfTheImageLeftBehind() {
    importImage(1, path("a", "one.jpg"), List.of(INDEX), Map.of());
    catalog.linkPath(pathEntry(1, path("b", "copy.jpg")));
    finish(INDEX, id(1));
    importImage(2, path("c", "two.jpg"), List.of(), Map.of());

    catalog.linkPath(pathEntry(2, path("b", "copy.jpg")));

    assertThat(catalog.paths(id(1))).containsExactly(path("a", "one.jpg"));
    assertThat(states(id(1))).containsEntry(INDEX, StageState.PENDING);
  }

  @Test
  void skippingOneOfTwoPathsRequeuesTheDoneIndexStage() {
    importImage(1, path("a", "one.jpg"), List.of(INDEX), Map.of());
    catalog.linkPath(pathEntry(1, path("b", "copy.jpg")));
    finish(INDEX, id(1));

    catalog.recordSkipped(skipped(path("b", "copy.jpg"), SkipReason.CORRUPT));

    assertThat(states(id(1))).containsEntry(INDEX, StageState.PENDING);
  }

  // ---- skipped files ---------------------------------------------------------------------

  @Test
  void recordSkippedStoresReasonDetailSizeAndTime() {
    SkippedFile file = new SkippedFile(path("a", "broken.jpg"), 77, 1_650_000_000_001L,
        Skip.of(SkipReason.CORRUPT, "JPEG ends after 12 of 4096 bytes"), Instant.ofEpochMilli(1_700_000_000_002L));

    catalog.recordSkipped(file);

    assertThat(catalog.findSkipped(path("a", "broken.jpg"))).contains(file);
    assertThat(catalog.findSkipped(path("a", "other.jpg"))).isEmpty();
  }

  @Test
  void recordSkippedReplacesAnEarlierSkipOfThePath() {
    catalog.recordSkipped(skipped(path("a", "x.heic"), SkipReason.UNSUPPORTED_FORMAT));
    SkippedFile again = skipped(path("a", "x.heic"), SkipReason.EMPTY_FILE);

    catalog.recordSkipped(again);

    assertThat(catalog.findSkipped(path("a", "x.heic"))).contains(again);
    assertThat(catalog.skippedCounts()).containsExactly(entry(SkipReason.EMPTY_FILE, 1L));
  }

  @Test
  void skippingTheLastPathOfAnImageDropsTheImageWithATombstone() {
    importImage(1, path("a", "one.jpg"), List.of(VISUAL), Map.of());

    catalog.recordSkipped(skipped(path("a", "one.jpg"), SkipReason.CORRUPT));

    assertThat(catalog.findPath(path("a", "one.jpg"))).isEmpty();
    assertThat(catalog.hasImage(id(1))).isFalse();
    assertThat(catalog.stages(id(1))).isEmpty();
    assertThat(catalog.tombstones()).containsExactly(id(1));
  }

  @Test
  void skippingOneOfTwoPathsKeepsTheImage() {
    importImage(1, path("a", "one.jpg"), List.of(), Map.of());
    catalog.linkPath(pathEntry(1, path("b", "copy.jpg")));

    catalog.recordSkipped(skipped(path("a", "one.jpg"), SkipReason.UNREADABLE));

    assertThat(catalog.paths(id(1))).containsExactly(path("b", "copy.jpg"));
    assertThat(catalog.tombstones()).isEmpty();
  }

  @Test
  void importingAPathForgetsItsEarlierSkip() {
    catalog.recordSkipped(skipped(path("a", "one.jpg"), SkipReason.IO_ERROR));

    importImage(1, path("a", "one.jpg"), List.of(), Map.of());

    assertThat(catalog.findSkipped(path("a", "one.jpg"))).isEmpty();
    assertThat(catalog.skippedCounts()).isEmpty();
  }

  @Test
  void skippedCountsCountsFilesPerReason() {
    catalog.recordSkipped(skipped(path("a", "1.jpg"), SkipReason.CORRUPT));
    catalog.recordSkipped(skipped(path("a", "2.jpg"), SkipReason.CORRUPT));
    catalog.recordSkipped(skipped(path("a", "3.heic"), SkipReason.UNSUPPORTED_FORMAT));

    assertThat(catalog.skippedCounts())
        .containsOnly(entry(SkipReason.CORRUPT, 2L), entry(SkipReason.UNSUPPORTED_FORMAT, 1L));
  }

  @Test
  void skippedListsAtMostLimitFilesInPathOrder() {
    catalog.recordSkipped(skipped(path("a", "c.jpg"), SkipReason.CORRUPT));
    catalog.recordSkipped(skipped(path("a", "a.jpg"), SkipReason.CORRUPT));
    catalog.recordSkipped(skipped(path("a", "b.jpg"), SkipReason.EMPTY_FILE));

    assertThat(catalog.skipped(2)).extracting(SkippedFile::path)
        .containsExactly(path("a", "a.jpg"), path("a", "b.jpg"));
    assertThat(catalog.skipped(10)).hasSize(3);
  }

  // ---- folders ---------------------------------------------------------------------------

  @Test
  void pathsUnderListsTheFolderItselfAndEverythingBelowIt() {
    importImage(1, path("a", "photos"), List.of(), Map.of());
    importImage(2, path("a", "photos", "x.jpg"), List.of(), Map.of());
    importImage(3, path("a", "photos", "2020", "deep", "y.jpg"), List.of(), Map.of());

    assertThat(catalog.pathsUnder(path("a", "photos"))).containsExactlyInAnyOrder(
        path("a", "photos"), path("a", "photos", "x.jpg"), path("a", "photos", "2020", "deep", "y.jpg"));
  }

  @Test
  void pathsUnderDoesNotListSiblingsSharingThePrefix() {
    importImage(1, path("a", "photos", "x.jpg"), List.of(), Map.of());
    importImage(2, path("a", "photos2", "x.jpg"), List.of(), Map.of());
    importImage(3, path("a", "photos-old", "x.jpg"), List.of(), Map.of());
    importImage(4, path("a", "photos.jpg"), List.of(), Map.of());
    importImage(5, path("a", "photo"), List.of(), Map.of());
    importImage(6, path("a", "x.jpg"), List.of(), Map.of());

    assertThat(catalog.pathsUnder(path("a", "photos"))).containsExactly(path("a", "photos", "x.jpg"));
  }

  @Test
  void pathsUnderTheFileSystemRootListsEveryPath() {
    importImage(1, path("a", "x.jpg"), List.of(), Map.of());
    importImage(2, path("b", "c", "y.jpg"), List.of(), Map.of());

    assertThat(catalog.pathsUnder(File.separator))
        .containsExactlyInAnyOrder(path("a", "x.jpg"), path("b", "c", "y.jpg"));
  }

  @Test
  void pathsUnderAFolderGivenWithATrailingSeparatorListsItsChildren() {
    importImage(1, path("a", "photos", "x.jpg"), List.of(), Map.of());
    importImage(2, path("a", "photos2", "x.jpg"), List.of(), Map.of());

    assertThat(catalog.pathsUnder(path("a", "photos") + File.separator))
        .containsExactly(path("a", "photos", "x.jpg"));
  }

  @Test
  void skippedUnderListsTheFolderAndBelowButNotSiblingsSharingThePrefix() {
    catalog.recordSkipped(skipped(path("a", "photos"), SkipReason.NOT_A_REGULAR_FILE));
    catalog.recordSkipped(skipped(path("a", "photos", "x.heic"), SkipReason.UNSUPPORTED_FORMAT));
    catalog.recordSkipped(skipped(path("a", "photos", "sub", "y.jpg"), SkipReason.CORRUPT));
    catalog.recordSkipped(skipped(path("a", "photos2", "x.jpg"), SkipReason.CORRUPT));
    catalog.recordSkipped(skipped(path("a", "photos.txt"), SkipReason.NOT_AN_IMAGE));

    assertThat(catalog.skippedUnder(path("a", "photos"))).containsExactlyInAnyOrder(
        path("a", "photos"), path("a", "photos", "x.heic"), path("a", "photos", "sub", "y.jpg"));
  }

  // ---- removing paths --------------------------------------------------------------------

  @Test
  void removePathsReturnsTheIdsOfImagesLeftWithoutPaths() {
    importImage(1, path("a", "one.jpg"), List.of(), Map.of());
    importImage(2, path("a", "two.jpg"), List.of(), Map.of());
    importImage(3, path("a", "three.jpg"), List.of(), Map.of());

    List<ImageId> dropped = catalog.removePaths(List.of(path("a", "one.jpg"), path("a", "two.jpg")));

    assertThat(dropped).containsExactlyInAnyOrder(id(1), id(2));
    assertThat(catalog.hasImage(id(1))).isFalse();
    assertThat(catalog.hasImage(id(2))).isFalse();
    assertThat(catalog.hasImage(id(3))).isTrue();
    assertThat(catalog.tombstones()).containsExactlyInAnyOrder(id(1), id(2));
  }

  @Test
  void removePathsDeletesTheStagesVectorsAndTextsOfDroppedImages() throws SQLException {
    importImage(1, path("a", "one.jpg"), List.of(VISUAL, OCR), Map.of(THUMB, "t1"));
    catalog.putVector(id(1), VISUAL, "clip", new float[] {1, 2, 3});
    catalog.putText(id(1), OCR, "tess", "words");

    catalog.removePaths(List.of(path("a", "one.jpg")));

    catalog.close();
    for (String table : List.of("images", "paths", "stages", "vectors", "texts")) {
      assertThat(rowCount(file, table)).as(table).isZero();
    }
  }

  @Test
  void removePathsKeepsImagesThatHaveOtherPaths() {
    importImage(1, path("a", "one.jpg"), List.of(VISUAL), Map.of());
    catalog.linkPath(pathEntry(1, path("b", "copy.jpg")));
    catalog.putText(id(1), OCR, "tess", "words");

    List<ImageId> dropped = catalog.removePaths(List.of(path("a", "one.jpg")));

    assertThat(dropped).isEmpty();
    assertThat(catalog.paths(id(1))).containsExactly(path("b", "copy.jpg"));
    assertThat(catalog.texts(id(1))).containsExactly(entry(OCR, "words"));
    assertThat(catalog.tombstones()).isEmpty();
  }

  @Test
  void removePathsDropsAnImageWhenAllItsPathsGoAtOnce() {
    importImage(1, path("a", "one.jpg"), List.of(), Map.of());
    catalog.linkPath(pathEntry(1, path("b", "copy.jpg")));

    List<ImageId> dropped = catalog.removePaths(List.of(path("a", "one.jpg"), path("b", "copy.jpg")));

    assertThat(dropped).containsExactly(id(1));
    assertThat(catalog.hasImage(id(1))).isFalse();
  }

  @Test
  void removePathsForgetsSkipsOfThePaths() {
    catalog.recordSkipped(skipped(path("a", "bad.jpg"), SkipReason.CORRUPT));

    List<ImageId> dropped = catalog.removePaths(List.of(path("a", "bad.jpg")));

    assertThat(dropped).isEmpty();
    assertThat(catalog.findSkipped(path("a", "bad.jpg"))).isEmpty();
  }

  @Test
  void removePathsIgnoresUnknownPaths() {
    importImage(1, path("a", "one.jpg"), List.of(), Map.of());

    assertThat(catalog.removePaths(List.of(path("a", "nope.jpg")))).isEmpty();
    assertThat(catalog.pathCount()).isEqualTo(1);
  }

  // ---- stages ----------------------------------------------------------------------------

  @Test
  void registerStageAddsPendingRowsForImagesLackingTheStage() {
    importImage(1, path("a", "1.jpg"), List.of(), Map.of());
    importImage(2, path("a", "2.jpg"), List.of(), Map.of());
    importImage(3, path("a", "3.jpg"), List.of(), Map.of(OCR, "v1"));

    int pending = catalog.registerStage(OCR, "v1");

    assertThat(pending).isEqualTo(2);
    assertThat(states(id(1))).containsEntry(OCR, StageState.PENDING);
    assertThat(states(id(2))).containsEntry(OCR, StageState.PENDING);
    assertThat(states(id(3))).containsEntry(OCR, StageState.DONE);
  }

  @Test
  void registerStageRequeuesDoneFailedAndSkippedRowsOfAnotherVersion() {
    importImage(1, path("a", "1.jpg"), List.of(OCR), Map.of());
    importImage(2, path("a", "2.jpg"), List.of(OCR), Map.of());
    importImage(3, path("a", "3.jpg"), List.of(OCR), Map.of());
    claimAll(OCR);
    catalog.finishStage(OCR, "v1", List.of(StageResult.done(id(1)), StageResult.failed(id(2), "boom"),
        StageResult.skipped(id(3), "no text")), Set.of());

    int pending = catalog.registerStage(OCR, "v2");

    assertThat(pending).isEqualTo(3);
    for (int n = 1; n <= 3; n++) {
      StageStatus status = status(id(n), OCR);
      assertThat(status.state()).isEqualTo(StageState.PENDING);
      assertThat(status.reason()).isNull();
    }
  }

  @Test
  void registerStageLeavesRowsOfTheSameVersionAlone() {
    importImage(1, path("a", "1.jpg"), List.of(OCR), Map.of());
    importImage(2, path("a", "2.jpg"), List.of(OCR), Map.of());
    claimAll(OCR);
    catalog.finishStage(OCR, "v1", List.of(StageResult.done(id(1)), StageResult.failed(id(2), "boom")), Set.of());

    int pending = catalog.registerStage(OCR, "v1");

    assertThat(pending).isZero();
    assertThat(states(id(1))).containsEntry(OCR, StageState.DONE);
    assertThat(status(id(2), OCR).state()).isEqualTo(StageState.FAILED);
    assertThat(status(id(2), OCR).reason()).isEqualTo("boom");
  }

  @Test
  void registerStageLeavesRunningRowsAlone() {
    importImage(1, path("a", "1.jpg"), List.of(OCR), Map.of());
    claimAll(OCR);

    assertThat(catalog.registerStage(OCR, "v2")).isZero();
    assertThat(states(id(1))).containsEntry(OCR, StageState.RUNNING);
  }

  @Test
  void resetRunningTurnsRunningRowsOfEveryStageIntoPendingOnes() {
    importImage(1, path("a", "1.jpg"), List.of(OCR, VISUAL), Map.of(THUMB, "t1"));
    importImage(2, path("a", "2.jpg"), List.of(OCR), Map.of());
    claimAll(OCR);
    claimAll(VISUAL);

    int reset = catalog.resetRunning();

    assertThat(reset).isEqualTo(3);
    assertThat(states(id(1))).containsOnly(
        entry(OCR, StageState.PENDING), entry(VISUAL, StageState.PENDING), entry(THUMB, StageState.DONE));
    assertThat(catalog.count(OCR, StageState.RUNNING)).isZero();
  }

  @Test
  void requeueSetsRowsInTheGivenStatesBackToPendingAndClearsTheirReason() {
    importImage(1, path("a", "1.jpg"), List.of(OCR), Map.of());
    importImage(2, path("a", "2.jpg"), List.of(OCR), Map.of());
    importImage(3, path("a", "3.jpg"), List.of(OCR), Map.of());
    claimAll(OCR);
    catalog.finishStage(OCR, "v1", List.of(StageResult.done(id(1)), StageResult.failed(id(2), "boom"),
        StageResult.skipped(id(3), "blank")), Set.of());

    int requeued = catalog.requeue(OCR, Set.of(StageState.FAILED, StageState.SKIPPED));

    assertThat(requeued).isEqualTo(2);
    assertThat(states(id(1))).containsEntry(OCR, StageState.DONE);
    assertThat(status(id(2), OCR)).extracting(StageStatus::state, StageStatus::reason)
        .containsExactly(StageState.PENDING, null);
    assertThat(states(id(3))).containsEntry(OCR, StageState.PENDING);
  }

  @Test
  void requeueTouchesOnlyTheNamedStage() {
    importImage(1, path("a", "1.jpg"), List.of(OCR, VISUAL), Map.of());
    claimAll(OCR);
    claimAll(VISUAL);
    catalog.finishStage(OCR, "v1", List.of(StageResult.failed(id(1), "x")), Set.of());
    catalog.finishStage(VISUAL, "v1", List.of(StageResult.failed(id(1), "y")), Set.of());

    catalog.requeue(OCR, Set.of(StageState.FAILED));

    assertThat(states(id(1))).containsEntry(OCR, StageState.PENDING).containsEntry(VISUAL, StageState.FAILED);
  }

  @Test
  void requeueWithNoStatesChangesNothing() {
    importImage(1, path("a", "1.jpg"), List.of(), Map.of(OCR, "v1"));

    assertThat(catalog.requeue(OCR, Set.of())).isZero();
    assertThat(states(id(1))).containsEntry(OCR, StageState.DONE);
  }

  @Test
  void requeueImagesSetsTheStageOfTheGivenImagesBackToPending() {
    importImage(1, path("a", "1.jpg"), List.of(), Map.of(OCR, "v1"));
    importImage(2, path("a", "2.jpg"), List.of(), Map.of(OCR, "v1"));
    importImage(3, path("a", "3.jpg"), List.of(), Map.of(OCR, "v1"));
    importImage(4, path("a", "4.jpg"), List.of(), Map.of());

    int requeued = catalog.requeueImages(OCR, List.of(id(1), id(2), id(4), id(99)));

    assertThat(requeued).isEqualTo(2);
    assertThat(states(id(1))).containsEntry(OCR, StageState.PENDING);
    assertThat(states(id(2))).containsEntry(OCR, StageState.PENDING);
    assertThat(states(id(3))).containsEntry(OCR, StageState.DONE);
    assertThat(states(id(4))).doesNotContainKey(OCR);
  }

  @Test
  void claimPendingMarksTheClaimedRowsRunning() {
    importImage(1, path("a", "1.jpg"), List.of(OCR), Map.of());
    importImage(2, path("a", "2.jpg"), List.of(OCR), Map.of());

    List<ImageId> claimed = catalog.claimPending(OCR, Set.of(), 10);

    assertThat(claimed).containsExactlyInAnyOrder(id(1), id(2));
    assertThat(catalog.count(OCR, StageState.RUNNING)).isEqualTo(2);
    assertThat(catalog.count(OCR, StageState.PENDING)).isZero();
    assertThat(catalog.claimPending(OCR, Set.of(), 10)).isEmpty();
  }

  @Test
  void claimPendingClaimsAtMostTheLimit() {
    for (int n = 1; n <= 5; n++) {
      importImage(n, path("a", n + ".jpg"), List.of(OCR), Map.of());
    }

    List<ImageId> first = catalog.claimPending(OCR, Set.of(), 2);
    List<ImageId> second = catalog.claimPending(OCR, Set.of(), 2);

    assertThat(first).hasSize(2);
    assertThat(second).hasSize(2).doesNotContainAnyElementsOf(first);
    assertThat(catalog.count(OCR, StageState.RUNNING)).isEqualTo(4);
    assertThat(catalog.count(OCR, StageState.PENDING)).isEqualTo(1);
  }

  @Test
  void claimPendingSkipsImagesWhoseDependenciesArePendingOrRunning() {
    importImage(1, path("a", "1.jpg"), List.of(THUMB, INDEX), Map.of());
    importImage(2, path("a", "2.jpg"), List.of(THUMB, INDEX), Map.of());
    importImage(3, path("a", "3.jpg"), List.of(THUMB, OCR, INDEX), Map.of());
    catalog.claimPending(THUMB, Set.of(), 10);
    catalog.finishStage(THUMB, "t1", List.of(StageResult.done(id(2)), StageResult.done(id(3))), Set.of());
    // 1: thumbnail running; 2: thumbnail done; 3: thumbnail done, ocr pending.

    List<ImageId> claimed = catalog.claimPending(INDEX, Set.of(THUMB, OCR), 10);

    assertThat(claimed).containsExactly(id(2));
    assertThat(states(id(1))).containsEntry(INDEX, StageState.PENDING);
    assertThat(states(id(3))).containsEntry(INDEX, StageState.PENDING);
  }

  @Test
  void claimPendingTakesImagesWhoseDependenciesEndedOrAreAbsent() {
    importImage(1, path("a", "1.jpg"), List.of(OCR, INDEX), Map.of());
    importImage(2, path("a", "2.jpg"), List.of(OCR, INDEX), Map.of());
    importImage(3, path("a", "3.jpg"), List.of(INDEX), Map.of());
    claimAll(OCR);
    catalog.finishStage(OCR, "v1", List.of(StageResult.failed(id(1), "boom"), StageResult.skipped(id(2), "blank")),
        Set.of());

    List<ImageId> claimed = catalog.claimPending(INDEX, Set.of(OCR), 10);

    assertThat(claimed).containsExactlyInAnyOrder(id(1), id(2), id(3));
  }

  @Test
  void claimPendingFromManyThreadsHandsEachImageOutOnce() throws Exception {
    for (int n = 1; n <= 200; n++) {
      importImage(n, path("a", n + ".jpg"), List.of(OCR), Map.of());
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<List<ImageId>>> workers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        workers.add(() -> {
          List<ImageId> mine = new ArrayList<>();
          List<ImageId> batch;
          while (!(batch = catalog.claimPending(OCR, Set.of(), 7)).isEmpty()) {
            mine.addAll(batch);
          }
          return mine;
        });
      }
      List<ImageId> all = new ArrayList<>();
      for (Future<List<ImageId>> result : pool.invokeAll(workers)) {
        all.addAll(result.get());
      }

      assertThat(all).hasSize(200).doesNotHaveDuplicates();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void finishStageRecordsStateVersionAndReason() {
    importImage(1, path("a", "1.jpg"), List.of(OCR), Map.of());
    importImage(2, path("a", "2.jpg"), List.of(OCR), Map.of());
    importImage(3, path("a", "3.jpg"), List.of(OCR), Map.of());
    claimAll(OCR);

    catalog.finishStage(OCR, "tess-5", List.of(StageResult.done(id(1)),
        StageResult.failed(id(2), "Tesseract crashed"), StageResult.skipped(id(3), "too small")), Set.of());

    assertThat(status(id(1), OCR)).extracting(StageStatus::state, StageStatus::version, StageStatus::reason)
        .containsExactly(StageState.DONE, "tess-5", null);
    assertThat(status(id(2), OCR)).extracting(StageStatus::state, StageStatus::version, StageStatus::reason)
        .containsExactly(StageState.FAILED, "tess-5", "Tesseract crashed");
    assertThat(status(id(3), OCR)).extracting(StageStatus::state, StageStatus::version, StageStatus::reason)
        .containsExactly(StageState.SKIPPED, "tess-5", "too small");
  }

  @Test
  void finishStageLeavesARowRequeuedMeanwhilePending() {
    importImage(1, path("a", "1.jpg"), List.of(OCR, INDEX), Map.of());
    claimAll(OCR);
    catalog.requeueImages(OCR, List.of(id(1)));

    Map<String, Integer> requeued = catalog.finishStage(OCR, "v1", List.of(StageResult.done(id(1))), Set.of(INDEX));

    assertThat(status(id(1), OCR)).extracting(StageStatus::state, StageStatus::version)
        .containsExactly(StageState.PENDING, null);
    assertThat(requeued).isEmpty();
  }

  @Test
  void finishStageIgnoresRowsThatAreNotRunning() {
    importImage(1, path("a", "1.jpg"), List.of(OCR), Map.of());
    importImage(2, path("a", "2.jpg"), List.of(), Map.of(OCR, "v0"));

    catalog.finishStage(OCR, "v1", List.of(StageResult.failed(id(1), "x"), StageResult.failed(id(2), "y")),
        Set.of());

    assertThat(states(id(1))).containsEntry(OCR, StageState.PENDING);
    assertThat(status(id(2), OCR)).extracting(StageStatus::state, StageStatus::version)
        .containsExactly(StageState.DONE, "v0");
  }

  @Test
  void finishStageRequeuesTheDependentsOfDoneImagesAndCountsThem() {
    importImage(1, path("a", "1.jpg"), List.of(OCR, INDEX), Map.of("embed", "e1"));
    importImage(2, path("a", "2.jpg"), List.of(OCR, INDEX), Map.of("embed", "e1"));
    importImage(4, path("a", "4.jpg"), List.of(OCR, INDEX), Map.of("embed", "e1"));
    finish(INDEX, id(1), id(2), id(4));
    importImage(3, path("a", "3.jpg"), List.of(OCR, INDEX), Map.of("embed", "e1"));
    claimAll(OCR);

    Map<String, Integer> requeued = catalog.finishStage(OCR, "v1",
        List.of(StageResult.done(id(1)), StageResult.done(id(2)), StageResult.done(id(3)),
            StageResult.failed(id(4), "boom")),
        Set.of(INDEX, "embed"));

    assertThat(requeued).containsOnly(entry(INDEX, 2), entry("embed", 3));
    assertThat(states(id(1))).containsEntry(INDEX, StageState.PENDING).containsEntry("embed", StageState.PENDING);
    assertThat(states(id(4))).containsEntry(INDEX, StageState.DONE).containsEntry("embed", StageState.DONE);
  }

  @Test
  void stageCountsCountsImagesPerStageAndState() {
    importImage(1, path("a", "1.jpg"), List.of(OCR), Map.of(THUMB, "t1"));
    importImage(2, path("a", "2.jpg"), List.of(OCR), Map.of(THUMB, "t1"));
    importImage(3, path("a", "3.jpg"), List.of(OCR, THUMB), Map.of());
    catalog.claimPending(OCR, Set.of(), 1);

    assertThat(catalog.stageCounts()).containsOnly(
        entry(OCR, Map.of(StageState.PENDING, 2L, StageState.RUNNING, 1L)),
        entry(THUMB, Map.of(StageState.DONE, 2L, StageState.PENDING, 1L)));
  }

  @Test
  void countCountsOneStageInOneState() {
    importImage(1, path("a", "1.jpg"), List.of(OCR), Map.of(THUMB, "t1"));
    importImage(2, path("a", "2.jpg"), List.of(OCR), Map.of());

    assertThat(catalog.count(OCR, StageState.PENDING)).isEqualTo(2);
    assertThat(catalog.count(THUMB, StageState.DONE)).isEqualTo(1);
    assertThat(catalog.count(THUMB, StageState.FAILED)).isZero();
    assertThat(catalog.count("nope", StageState.PENDING)).isZero();
  }

  @Test
  void stagesOfAnImageListEveryStageByName() {
    long before = System.currentTimeMillis();
    importImage(1, path("a", "1.jpg"), List.of(VISUAL, OCR), Map.of(THUMB, "t1"));
    importImage(2, path("a", "2.jpg"), List.of("other"), Map.of());

    List<StageStatus> stages = catalog.stages(id(1));

    assertThat(stages).extracting(StageStatus::stage).containsExactly(OCR, THUMB, VISUAL);
    assertThat(stages).allSatisfy(s ->
        assertThat(s.updatedAt()).isBetween(Instant.ofEpochMilli(before), Instant.now()));
  }

  // ---- vectors and texts -----------------------------------------------------------------

  @Test
  void vectorsRoundTripBitForBit() {
    importImage(1, path("a", "1.jpg"), List.of(), Map.of());
    float[] vector = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-38f, -3.4e-39f, Float.MAX_VALUE,
        -1f, 0.1f, (float) Math.PI, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};

    catalog.putVector(id(1), VISUAL, "clip-b32", vector);

    float[] back = catalog.vectors(id(1)).get(VISUAL);
    assertThat(rawBits(back)).containsExactly(rawBits(vector));
  }

  @Test
  void vectorsAreKeptPerName() {
    importImage(1, path("a", "1.jpg"), List.of(), Map.of());
    catalog.putVector(id(1), VISUAL, "clip", new float[] {1f, 2f});
    catalog.putVector(id(1), "text", "minilm", new float[] {3f});

    Map<String, float[]> vectors = catalog.vectors(id(1));

    assertThat(vectors).containsOnlyKeys(VISUAL, "text");
    assertThat(vectors.get(VISUAL)).containsExactly(1f, 2f);
    assertThat(vectors.get("text")).containsExactly(3f);
  }

  @Test
  void putVectorReplacesTheOldVector() {
    importImage(1, path("a", "1.jpg"), List.of(), Map.of());
    catalog.putVector(id(1), VISUAL, "clip", new float[] {1f, 2f, 3f});

    catalog.putVector(id(1), VISUAL, "siglip", new float[] {-4f, 5f});

    assertThat(catalog.vectors(id(1)).get(VISUAL)).containsExactly(-4f, 5f);
  }

  @Test
  void removeVectorRemovesOnlyThatVector() {
    importImage(1, path("a", "1.jpg"), List.of(), Map.of());
    catalog.putVector(id(1), VISUAL, "clip", new float[] {1f, 2f});
    catalog.putVector(id(1), "visual_tiles", "clip", new float[] {3f, 4f, 5f, 6f});

    catalog.removeVector(id(1), "visual_tiles");
    catalog.removeVector(id(1), "never_stored");

    assertThat(catalog.vectors(id(1))).containsOnlyKeys(VISUAL);
  }

  @Test
  void putVectorOfAnUnknownImageFails() {
    float[] vector = {1f};

    assertThatThrownBy(() -> catalog.putVector(id(1), VISUAL, "clip", vector))
        .isInstanceOf(CatalogException.class)
        .hasMessageStartingWith("Could not store the visual vector");
  }

  @Test
  void textsRoundTripExactly() {
    importImage(1, path("a", "1.jpg"), List.of(), Map.of());
    String ocr = "Straße 12\n東京 — 🚀\ttab \"quoted\" 'single'";

    catalog.putText(id(1), OCR, "tess", ocr);
    catalog.putText(id(1), "caption", "llava", "");

    assertThat(catalog.texts(id(1))).containsOnly(entry(OCR, ocr), entry("caption", ""));
  }

  @Test
  void putTextReplacesTheOldText() {
    importImage(1, path("a", "1.jpg"), List.of(), Map.of());
    catalog.putText(id(1), OCR, "tess", "old");

    catalog.putText(id(1), OCR, "tess", "new");

    assertThat(catalog.texts(id(1))).containsExactly(entry(OCR, "new"));
  }

  // ---- counting and listing images -------------------------------------------------------

  @Test
  void imageCountAndPathCountCountDistinctImagesAndPaths() {
    importImage(1, path("a", "1.jpg"), List.of(), Map.of());
    importImage(1, path("b", "1.jpg"), List.of(), Map.of());
    importImage(2, path("a", "2.jpg"), List.of(), Map.of());

    assertThat(catalog.imageCount()).isEqualTo(2);
    assertThat(catalog.pathCount()).isEqualTo(3);
  }

  @Test
  void forEachImageIdVisitsEveryIdExactlyOnceAcrossPages() {
    int images = 10_050; // more than one page of 10,000
    for (int n = 1; n <= images; n++) {
      importImage(n, path("a", n + ".jpg"), List.of(), Map.of());
    }
    List<ImageId> visited = new ArrayList<>();

    catalog.forEachImageId(visited::add);

    assertThat(visited).hasSize(images).doesNotHaveDuplicates();
    assertThat(new HashSet<>(visited)).contains(id(1), id(10_000), id(10_001), id(images));
  }

  @Test
  void forEachImageIdMayReadTheCatalogFromTheCallback() {
    importImage(1, path("a", "1.jpg"), List.of(), Map.of());
    importImage(2, path("a", "2.jpg"), List.of(), Map.of());
    List<String> paths = new ArrayList<>();
    Consumer<ImageId> readsPaths = imageId -> paths.addAll(catalog.paths(imageId));

    catalog.forEachImageId(readsPaths);

    assertThat(paths).containsExactlyInAnyOrder(path("a", "1.jpg"), path("a", "2.jpg"));
  }

  @Test
  void findByIdPrefixFindsIdsStartingWithThePrefixInIdOrder() {
    importImage(id("abcd0001"), path("a", "1.jpg"));
    importImage(id("abcd0002"), path("a", "2.jpg"));
    importImage(id("abce0001"), path("a", "3.jpg"));
    importImage(id("abcc0001"), path("a", "4.jpg"));

    assertThat(catalog.findByIdPrefix("abcd", 10)).containsExactly(id("abcd0001"), id("abcd0002"));
    assertThat(catalog.findByIdPrefix("ABCD00", 10)).containsExactly(id("abcd0001"), id("abcd0002"));
    assertThat(catalog.findByIdPrefix(id("abce0001").hex(), 10)).containsExactly(id("abce0001"));
    assertThat(catalog.findByIdPrefix("ffff", 10)).isEmpty();
  }

  @Test
  void findByIdPrefixReturnsAtMostTheLimit() {
    importImage(id("abcd0001"), path("a", "1.jpg"));
    importImage(id("abcd0002"), path("a", "2.jpg"));
    importImage(id("abcd0003"), path("a", "3.jpg"));

    assertThat(catalog.findByIdPrefix("abcd", 2)).containsExactly(id("abcd0001"), id("abcd0002"));
  }

  // ---- roots -----------------------------------------------------------------------------

  @Test
  void addRootIsIdempotent() {
    catalog.addRoot(path("photos"));
    catalog.addRoot(path("photos"));

    assertThat(catalog.roots()).containsExactly(path("photos"));
  }

  @Test
  void rootsAreListedInPathOrder() {
    catalog.addRoot(path("b"));
    catalog.addRoot(path("a", "x.jpg"));
    catalog.addRoot(path("a"));

    assertThat(catalog.roots()).containsExactly(path("a"), path("a", "x.jpg"), path("b"));
  }

  @Test
  void removeRootsRemovesTheFolderAndItsSubFoldersOnly() {
    catalog.addRoot(path("a"));
    catalog.addRoot(path("a", "photos"));
    catalog.addRoot(path("a", "photos", "2020"));
    catalog.addRoot(path("a", "photos2"));
    catalog.addRoot(path("a", "photos.old"));

    catalog.removeRoots(path("a", "photos"));

    assertThat(catalog.roots()).containsExactly(path("a"), path("a", "photos.old"), path("a", "photos2"));
  }

  @Test
  void removeRootsOfTheFileSystemRootForgetsEveryRoot() {
    catalog.addRoot(path("a"));
    catalog.addRoot(path("b", "c"));

    catalog.removeRoots(File.separator);

    assertThat(catalog.roots()).isEmpty();
  }

  // ---- read-only access ------------------------------------------------------------------

  @Test
  void aReadOnlyCatalogReadsWhatAnOpenWriterCommitted() {
    importImage(1, path("a", "1.jpg"), List.of(OCR), Map.of());

    try (SqliteCatalog reader = SqliteCatalog.openReadOnly(file)) {
      assertThat(reader.image(id(1))).contains(record(1));

      importImage(2, path("a", "2.jpg"), List.of(OCR), Map.of());
      catalog.putText(id(2), OCR, "tess", "fresh");

      assertThat(reader.paths(id(2))).containsExactly(path("a", "2.jpg"));
      assertThat(reader.texts(id(2))).containsExactly(entry(OCR, "fresh"));
      assertThat(reader.count(OCR, StageState.PENDING)).isEqualTo(2);
      assertThat(reader.schemaVersion()).isEqualTo(CatalogSchema.latestVersion());
    }
  }

  @Test
  void aReadOnlyCatalogOpensACatalogNoWriterHasOpen() {
    importImage(1, path("a", "1.jpg"), List.of(), Map.of());
    catalog.close();

    try (SqliteCatalog reader = SqliteCatalog.openReadOnly(file)) {
      assertThat(reader.hasImage(id(1))).isTrue();
    }
  }

  @Test
  void aReadOnlyCatalogRefusesEveryWrite() {
    importImage(1, path("a", "1.jpg"), List.of(OCR, VISUAL), Map.of(THUMB, "t1"));
    catalog.putText(id(1), OCR, "tess", "kept");
    catalog.claimPending(VISUAL, Set.of(), 1);
    catalog.addRoot(path("a"));
    importImage(9, path("z", "9.jpg"), List.of(), Map.of());
    catalog.removePaths(List.of(path("z", "9.jpg")));

    try (SqliteCatalog reader = SqliteCatalog.openReadOnly(file)) {
      List<Runnable> writes = List.of(
          () -> reader.recordImport(record(2), pathEntry(2, path("a", "2.jpg")), List.of(), Map.of()),
          () -> reader.linkPath(pathEntry(1, path("b", "1.jpg"))),
          () -> reader.recordSkipped(skipped(path("a", "1.jpg"), SkipReason.CORRUPT)),
          () -> reader.removePaths(List.of(path("a", "1.jpg"))),
          () -> reader.registerStage("new", "v1"),
          () -> reader.requeue(THUMB, Set.of(StageState.DONE)),
          () -> reader.requeueImages(THUMB, List.of(id(1))),
          () -> reader.claimPending(OCR, Set.of(), 10),
          () -> reader.resetRunning(),
          () -> reader.finishStage(VISUAL, "v1", List.of(StageResult.done(id(1))), Set.of(INDEX)),
          () -> reader.clearTombstones(List.of(id(9))),
          () -> reader.removeRoots(path("a")),
          () -> reader.putVector(id(1), VISUAL, "clip", new float[] {1f}),
          () -> reader.putText(id(1), OCR, "tess", "overwritten"),
          () -> reader.addRoot(path("b")));
      for (Runnable write : writes) {
        assertThatThrownBy(write::run).isInstanceOf(ImageRagException.class);
      }

      assertThat(reader.paths(id(1))).containsExactly(path("a", "1.jpg"));
      assertThat(reader.imageCount()).isEqualTo(1);
      assertThat(reader.texts(id(1))).containsExactly(entry(OCR, "kept"));
      assertThat(reader.count(OCR, StageState.PENDING)).isEqualTo(1);
      assertThat(reader.count(THUMB, StageState.DONE)).isEqualTo(1);
      assertThat(reader.count(VISUAL, StageState.RUNNING)).isEqualTo(1);
      assertThat(reader.tombstones()).containsExactly(id(9));
      assertThat(reader.roots()).containsExactly(path("a"));
    }
  }

  @Test
  void openReadOnlyOfAMissingFileSaysThereIsNoCatalog() {
    Path missing = dir.resolve("nowhere").resolve("catalog.db");

    assertThatThrownBy(() -> SqliteCatalog.openReadOnly(missing))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("no catalog at " + missing);
    assertThat(missing).doesNotExist();
  }

  // ---- user-readable failures ------------------------------------------------------------

  @Test
  void openingACatalogWhoseFolderIsARegularFileExplainsTheProblem() throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("notes.txt"), "not a folder");
    Path target = notAFolder.resolve("catalog.db");

    assertThatThrownBy(() -> SqliteCatalog.open(target))
        .isInstanceOf(CatalogException.class)
        .hasMessageStartingWith("Could not create the library folder " + notAFolder)
        .hasMessageContaining("not a folder")
        .hasMessageNotContaining("SQL")
        .hasMessageNotContaining("Exception");
    assertThat(Files.readString(notAFolder)).isEqualTo("not a folder");
  }

  @Test
  void openingAFileThatIsNotACatalogSaysItIsDamaged() throws Exception {
    Path garbage = dir.resolve("other").resolve("catalog.db");
    Files.createDirectories(garbage.getParent());
    byte[] junk = "this is not an SQLite database, just text padded out...".repeat(40)
        .getBytes(StandardCharsets.US_ASCII);
    Files.write(garbage, junk);

    assertThatThrownBy(() -> SqliteCatalog.open(garbage))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("damaged")
        .hasMessageContaining("backup");
    assertThat(Files.readAllBytes(garbage)).isEqualTo(junk);
  }

  @Test
  void usingAClosedCatalogFailsWithACatalogException() {
    catalog.close();

    assertThatThrownBy(() -> catalog.imageCount()).isInstanceOf(CatalogException.class);
  }

  // ---- helpers ---------------------------------------------------------------------------

  /** An absolute path from parts, with the platform separator. */
  private static String path(String... parts) {
    return File.separator + String.join(File.separator, parts);
  }

  /** A distinct id per number, written as 64 hex digits. */
  private static ImageId id(int n) {
    return new ImageId(String.format("%064x", n));
  }

  /** An id starting with {@code prefix}, padded with zeros. */
  private static ImageId id(String prefix) {
    return new ImageId(prefix + "0".repeat(64 - prefix.length()));
  }

  private static ImageRecord record(int n) {
    return record(id(n));
  }

  private static ImageRecord record(ImageId id) {
    return new ImageRecord(id, 1234, 640, 480, ImageFormat.JPEG, FILE_TIME, CAPTURED, ADDED);
  }

  private static PathEntry pathEntry(int n, String path) {
    return new PathEntry(path, id(n), 1234, FILE_TIME.toEpochMilli());
  }

  private static SkippedFile skipped(String path, SkipReason reason) {
    return new SkippedFile(path, 10, 20, Skip.of(reason, "detail for " + path), Instant.ofEpochMilli(30));
  }

  private boolean importImage(int n, String path, List<String> pending, Map<String, String> done) {
    return catalog.recordImport(record(n), pathEntry(n, path), pending, done);
  }

  private void importImage(ImageId id, String path) {
    catalog.recordImport(record(id), new PathEntry(path, id, 1, 2), List.of(), Map.of());
  }

  /** Imports an image whose index stage is done, as after a completed import. */
  private void importIndexed(int n, String path) {
    importImage(n, path, List.of(INDEX), Map.of());
    finish(INDEX, id(n));
    assertThat(states(id(n))).containsEntry(INDEX, StageState.DONE);
  }

  /** Claims and completes {@code stage} for the given images. */
  private void finish(String stage, ImageId... ids) {
    assertThat(catalog.claimPending(stage, Set.of(), Integer.MAX_VALUE)).contains(ids);
    List<StageResult> results = new ArrayList<>();
    for (ImageId id : ids) {
      results.add(StageResult.done(id));
    }
    catalog.finishStage(stage, "v1", results, Set.of());
  }

  private void claimAll(String stage) {
    catalog.claimPending(stage, Set.of(), Integer.MAX_VALUE);
  }

  private Map<String, StageState> states(ImageId id) {
    Map<String, StageState> states = new TreeMap<>();
    for (StageStatus status : catalog.stages(id)) {
      states.put(status.stage(), status.state());
    }
    return Collections.unmodifiableMap(states);
  }

  private StageStatus status(ImageId id, String stage) {
    return catalog.stages(id).stream().filter(s -> s.stage().equals(stage)).findFirst().orElseThrow();
  }

  private static int[] rawBits(float[] vector) {
    int[] bits = new int[vector.length];
    for (int i = 0; i < vector.length; i++) {
      bits[i] = Float.floatToRawIntBits(vector[i]);
    }
    return bits;
  }

  /**
   * Leaving WAL mode needs the only connection to the file. (The -wal file's absence would prove
   * nothing: a read-only connection leaves it behind on close.) Call last: it changes the file.
   */
  private static boolean nobodyElseHasItOpen(Path db) throws SQLException {
    try (Connection connection = connectPlain(db);
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("PRAGMA journal_mode = DELETE")) {
      return row.getString(1).equals("delete");
    } catch (SQLException e) {
      if (e.getMessage().contains("locked") || e.getMessage().contains("BUSY")) {
        return false;
      }
      throw e;
    }
  }

  private static Connection connectPlain(Path db) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
  }

  private static int userVersion(Path db) throws SQLException {
    try (Connection connection = connectPlain(db);
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("PRAGMA user_version")) {
      return row.getInt(1);
    }
  }

  private static void setUserVersion(Path db, int version) throws SQLException {
    try (Connection connection = connectPlain(db);
        Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA user_version = " + version);
    }
  }

  private static long rowCount(Path db, String table) throws SQLException {
    try (Connection connection = connectPlain(db);
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
      return row.getLong(1);
    }
  }
}
