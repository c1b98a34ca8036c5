package dev.imagerag.ui.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.StageState;
import dev.imagerag.logic.store.SearchFilter;
import dev.imagerag.testing.TestImages;
import dev.imagerag.ui.common.ImmediateUiTasks;
import dev.imagerag.ui.common.NotificationsViewModel;
import dev.imagerag.ui.common.RecordingDesktop;
import dev.imagerag.ui.common.UiTestLibrary;
import dev.imagerag.ui.jobs.JobsViewModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GalleryViewModelTest {
  @TempDir Path dir;
  private UiTestLibrary lib;
  private final ImmediateUiTasks tasks = new ImmediateUiTasks();
  private final RecordingDesktop desktop = new RecordingDesktop();
  private NotificationsViewModel notices;
  private JobsViewModel jobs;
  private GalleryViewModel gallery;
  private final long[] now = {1_000_000};

  @BeforeEach
  void open() {
    lib = UiTestLibrary.open(dir);
    notices = new NotificationsViewModel(tasks);
    jobs = new JobsViewModel(lib.session, tasks, notices);
    gallery = new GalleryViewModel(lib.session, tasks, jobs, notices, desktop, () -> now[0]);
  }

  @AfterEach
  void close() {
    lib.close();
  }

  private void importThree() throws InterruptedException {
    TestImages.jpeg(dir.resolve("in/beach/sunset.jpg"), 80, 60, 1);
    TestImages.png(dir.resolve("in/beach/alpha.png"), 60, 60, 2);
    TestImages.jpeg(dir.resolve("in/city/zebra.jpg"), 70, 50, 3);
    lib.importFrom(dir.resolve("in"));
  }

  @Test
  void anEmptyLibrarySaysHowToStart() {
    gallery.browse(SearchFilter.NONE);

    assertThat(gallery.stateProperty().get()).isEqualTo(GalleryViewModel.State.EMPTY_LIBRARY);
    assertThat(gallery.emptyTitleProperty().get()).isEqualTo("Drop folders here to start");
    assertThat(gallery.emptyHintProperty().get()).contains("Ctrl+O");
  }

  @Test
  void importedImagesAreListedAndSortedByName() throws InterruptedException {
    importThree();

    gallery.browse(SearchFilter.NONE);
    gallery.sortBy(GalleryViewModel.Sort.NAME);

    assertThat(gallery.stateProperty().get()).isEqualTo(GalleryViewModel.State.BROWSING);
    assertThat(gallery.items()).extracting(GalleryItem::fileName).containsExactly("alpha.png", "sunset.jpg", "zebra.jpg");
    assertThat(gallery.countTextProperty().get()).isEqualTo("3 images");
    assertThat(gallery.sortChoices()).doesNotContain(GalleryViewModel.Sort.RELEVANCE);
  }

  @Test
  void filtersNarrowTheLibraryByFolderAndFormat() throws InterruptedException {
    importThree();

    gallery.browse(SearchFilter.NONE.withPathPrefixes(List.of(dir.resolve("in/beach").toString())));
    List<String> beach = gallery.items().stream().map(GalleryItem::fileName).sorted().toList();
    gallery.browse(SearchFilter.NONE.withFormats(Set.of("png")));
    List<String> pngs = gallery.items().stream().map(GalleryItem::fileName).toList();
    gallery.browse(SearchFilter.NONE.withTags(Set.of("no-such-tag")));

    assertThat(beach).containsExactly("alpha.png", "sunset.jpg");
    assertThat(pngs).containsExactly("alpha.png");
    assertThat(gallery.stateProperty().get()).isEqualTo(GalleryViewModel.State.NO_MATCHES);
    assertThat(gallery.emptyTitleProperty().get()).contains("No images match");
  }

  @Test
  void resultsOfferRelevanceAndGoingBackRestoresTheLibraryOrder() throws InterruptedException {
    importThree();
    gallery.browse(SearchFilter.NONE);
    gallery.sortBy(GalleryViewModel.Sort.NAME);
    GalleryItem first = gallery.items().get(0);

    gallery.showResults(List.of(first), "Try other words.");
    assertThat(gallery.sortProperty().get()).isEqualTo(GalleryViewModel.Sort.RELEVANCE);
    assertThat(gallery.sortChoices()).contains(GalleryViewModel.Sort.RELEVANCE);
    assertThat(gallery.isShowingResults()).isTrue();
    gallery.showResults(List.of(), "Try other words.");
    assertThat(gallery.emptyHintProperty().get()).isEqualTo("Try other words.");

    gallery.browse(SearchFilter.NONE);
    assertThat(gallery.sortProperty().get()).isEqualTo(GalleryViewModel.Sort.NAME);
    assertThat(gallery.items()).hasSize(3);
  }

  @Test
  void removingTakesImagesOutAndUndoImportsThemAgain() throws InterruptedException {
    importThree();
    gallery.browse(SearchFilter.NONE);
    gallery.sortBy(GalleryViewModel.Sort.NAME);
    gallery.selection().click(0, false, false);

    gallery.removeSelected();

    assertThat(gallery.items()).extracting(GalleryItem::fileName).containsExactly("sunset.jpg", "zebra.jpg");
    assertThat(lib.library().catalog().imageCount()).isEqualTo(2);
    NotificationsViewModel.Notice undo = notices.visible().stream().filter(NotificationsViewModel.Notice::hasAction)
        .findFirst().orElseThrow();
    assertThat(undo.title()).isEqualTo("Removed 1 image from the library");
    assertThat(undo.actionLabel()).isEqualTo("Undo");

    notices.act(undo);

    assertThat(lib.library().catalog().imageCount()).isEqualTo(3);
    assertThat(dir.resolve("in/beach/alpha.png")).exists();
  }

  @Test
  void reprocessQueuesEveryStageOfTheImageAndRunsThem() throws InterruptedException {
    importThree();
    gallery.browse(SearchFilter.NONE);
    GalleryItem item = gallery.items().get(0);
    List<String> stages = lib.library().pipeline().progressNames().subList(1, lib.library().pipeline().progressNames().size());

    gallery.reprocess(List.of(item));

    // The run happened synchronously: every stage is terminal again, freshly recorded.
    assertThat(lib.library().catalog().stages(item.id())).extracting(s -> s.stage()).containsAll(stages);
    assertThat(lib.library().catalog().stages(item.id())).allSatisfy(s -> assertThat(s.state().terminal()).isTrue());
    assertThat(jobs.lastSummaryProperty().get()).isNotNull();
  }

  @Test
  void copyingOcrTextPutsItOnTheClipboardOrSaysThereIsNone() throws InterruptedException {
    importThree();
    gallery.browse(SearchFilter.NONE);
    GalleryItem item = gallery.items().get(0);

    gallery.copyOcrText(item);
    assertThat(desktop.copied).isEmpty();
    assertThat(notices.visible()).anySatisfy(n -> assertThat(n.title()).startsWith("No text was recognised"));

    lib.library().catalog().putText(item.id(), "ocr", "test", "connection refused");
    gallery.copyOcrText(item);
    assertThat(desktop.copied).containsExactly("connection refused");
  }

  @Test
  void openAndShowInFolderGoToTheDesktop() throws InterruptedException {
    importThree();
    gallery.browse(SearchFilter.NONE);
    GalleryItem item = gallery.items().get(0);

    gallery.open(item);
    gallery.showInFolder(item);

    assertThat(desktop.opened).containsExactly(Path.of(item.path()));
    assertThat(desktop.shown).containsExactly(Path.of(item.path()));
  }

  @Test
  void changesDuringAnImportReloadAfterAPause() throws InterruptedException {
    gallery.browse(SearchFilter.NONE);
    importThree();

    now[0] += 100; // well within the pause after the first listing
    gallery.catalogChanged();
    gallery.catalogChanged();
    assertThat(gallery.items()).isEmpty();
    assertThat(tasks.pendingTimers()).isEqualTo(1);

    tasks.fireTimers();
    assertThat(gallery.items()).hasSize(3);
  }

  @Test
  void showingTheSameKindOfListingAgainLeavesTheSortChoicesAlone() throws InterruptedException {
    importThree();
    gallery.browse(SearchFilter.NONE);
    int[] changes = {0};
    gallery.sortChoices().addListener((javafx.collections.ListChangeListener<GalleryViewModel.Sort>) c -> changes[0]++);

    gallery.browse(SearchFilter.NONE);
    assertThat(changes[0]).isZero();
    gallery.showResults(List.copyOf(gallery.items()), "");
    gallery.showResults(List.copyOf(gallery.items()), "");
    assertThat(changes[0]).isEqualTo(1);
  }

  @Test
  void thumbnailSizeStaysWithinBounds() {
    gallery.setThumbnailSize(10);
    assertThat(gallery.thumbnailSizeProperty().get()).isEqualTo(GalleryViewModel.MIN_THUMBNAIL);
    gallery.setThumbnailSize(10_000);
    assertThat(gallery.thumbnailSizeProperty().get()).isEqualTo(GalleryViewModel.MAX_THUMBNAIL);
  }

  @Test
  void unfinishedAndFailedStagesShowAsBadgeCounts() throws InterruptedException {
    importThree();
    ImageId id = lib.library().catalog().listImages(dev.imagerag.logic.catalog.ImageSort.NAME, null, 0, 1).get(0).id();
    lib.library().catalog().requeueImages("index", List.of(id));

    gallery.browse(SearchFilter.NONE);
    gallery.sortBy(GalleryViewModel.Sort.NAME);

    assertThat(gallery.items().get(0).unfinished()).isEqualTo(1);
    assertThat(lib.library().catalog().count("index", StageState.PENDING)).isEqualTo(1);
  }
}
