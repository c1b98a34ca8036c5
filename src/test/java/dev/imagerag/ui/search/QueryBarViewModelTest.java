package dev.imagerag.ui.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.domain.SearchMode;
import dev.imagerag.logic.store.SearchFilter;
import dev.imagerag.testing.TestImages;
import dev.imagerag.ui.common.ImmediateUiTasks;
import dev.imagerag.ui.common.NotificationsViewModel;
import dev.imagerag.ui.common.RecordingDesktop;
import dev.imagerag.ui.common.UiTestLibrary;
import dev.imagerag.ui.gallery.GalleryItem;
import dev.imagerag.ui.gallery.GalleryViewModel;
import dev.imagerag.ui.jobs.JobsViewModel;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryBarViewModelTest {
  @TempDir Path dir;
  private UiTestLibrary lib;
  private final ImmediateUiTasks tasks = new ImmediateUiTasks();
  private GalleryViewModel gallery;
  private QueryBarViewModel query;

  @BeforeEach
  void open() throws InterruptedException {
    lib = UiTestLibrary.open(dir);
    TestImages.jpeg(dir.resolve("in/invoice-march.jpg"), 80, 60, 1);
    TestImages.jpeg(dir.resolve("in/holiday-beach.jpg"), 80, 60, 2);
    TestImages.png(dir.resolve("in/receipt.png"), 60, 60, 3);
    lib.importFrom(dir.resolve("in"));
    NotificationsViewModel notices = new NotificationsViewModel(tasks);
    JobsViewModel jobs = new JobsViewModel(lib.session, tasks, notices);
    gallery = new GalleryViewModel(lib.session, tasks, jobs, notices, new RecordingDesktop());
    query = new QueryBarViewModel(lib.session, tasks, gallery, ZoneOffset.UTC);
    query.searchNow();
  }

  @AfterEach
  void close() {
    lib.close();
  }

  @Test
  void typingSearchesOnceAfterAPause() {
    query.textProperty().set("inv");
    query.textProperty().set("invoice");
    assertThat(query.stateProperty().get()).isEqualTo(QueryBarViewModel.State.LIBRARY);

    tasks.fireTimers();

    assertThat(query.stateProperty().get()).isEqualTo(QueryBarViewModel.State.RESULTS);
    assertThat(gallery.items()).extracting(GalleryItem::fileName).containsExactly("invoice-march.jpg");
    assertThat(gallery.items().get(0).rank()).isEqualTo(1);
    assertThat(gallery.items().get(0).why()).contains("keyword");
    assertThat(query.messageProperty().get()).startsWith("1 result");
  }

  @Test
  void anAnswerToAnOlderQueryIsDropped() {
    tasks.hold();
    query.textProperty().set("holiday");
    tasks.fireTimers();
    query.textProperty().set("receipt");
    tasks.fireTimers();

    tasks.release();

    assertThat(gallery.items()).extracting(GalleryItem::fileName).containsExactly("receipt.png");
  }

  @Test
  void clearingReturnsToTheLibrary() {
    query.textProperty().set("invoice");
    tasks.fireTimers();

    query.clear();

    assertThat(query.stateProperty().get()).isEqualTo(QueryBarViewModel.State.LIBRARY);
    assertThat(query.textProperty().get()).isEmpty();
    assertThat(gallery.isShowingResults()).isFalse();
    assertThat(gallery.items()).hasSize(3);
  }

  @Test
  void noResultsSayWhatToTryNext() {
    query.modeProperty().set(SearchMode.KEYWORD);
    query.textProperty().set("xylophone");
    tasks.fireTimers();

    assertThat(query.stateProperty().get()).isEqualTo(QueryBarViewModel.State.NO_RESULTS);
    assertThat(gallery.stateProperty().get()).isEqualTo(GalleryViewModel.State.NO_RESULTS);
    assertThat(gallery.emptyHintProperty().get()).contains("switch to Hybrid").contains("visual model");
  }

  @Test
  void visualSearchWithoutAModelPointsToSettings() {
    query.modeProperty().set(SearchMode.VISUAL);
    query.textProperty().set("a dog");
    tasks.fireTimers();

    assertThat(query.stateProperty().get()).isEqualTo(QueryBarViewModel.State.FAILED);
    assertThat(query.messageProperty().get()).contains("No visual model yet").contains("Settings");
  }

  @Test
  void chipsBuildTheFilterOfEverySearch() {
    query.addChip(FilterChip.format("png"));
    query.addChip(FilterChip.dates(LocalDate.of(2020, 1, 1), null));
    query.addChip(FilterChip.dates(LocalDate.of(2021, 1, 1), LocalDate.of(2021, 12, 31)));
    query.addChip(FilterChip.hasText(true));

    SearchFilter filter = query.filter();

    assertThat(query.chips()).hasSize(3);
    assertThat(filter.formats()).containsExactly("png");
    assertThat(filter.from()).isEqualTo(LocalDate.of(2021, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC));
    assertThat(filter.to()).isEqualTo(LocalDate.of(2022, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC));
    assertThat(filter.hasText()).isTrue();
  }

  @Test
  void aChipWithoutTextNarrowsTheLibrary() {
    query.addChip(FilterChip.format("png"));

    assertThat(query.stateProperty().get()).isEqualTo(QueryBarViewModel.State.LIBRARY);
    assertThat(gallery.items()).extracting(GalleryItem::fileName).containsExactly("receipt.png");

    query.removeChip(FilterChip.format("png"));
    assertThat(gallery.items()).hasSize(3);
  }

  @Test
  void chipLabelsSayWhatTheyFilter() {
    assertThat(FilterChip.folder("/home/me/Pictures").label()).isEqualTo("in Pictures");
    assertThat(FilterChip.tag("Cat ").label()).isEqualTo("tag: cat");
    assertThat(FilterChip.format("jpeg").label()).isEqualTo("JPEG");
    assertThat(FilterChip.dates(null, LocalDate.of(2024, 3, 1)).label()).isEqualTo("until 2024-03-01");
    assertThat(FilterChip.hasText(false).label()).isEqualTo("no text");
  }

  @Test
  void anEmptyDateRangeIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FilterChip.dates(LocalDate.of(2024, 3, 2),
        LocalDate.of(2024, 3, 1))).hasMessageContaining("before it starts");
  }

  @Test
  void queryWordsAreTheWordsTyped() {
    query.textProperty().set("Connection refused: port 5432");

    assertThat(query.queryWords()).containsExactly("connection", "refused", "port", "5432");
  }

  @Test
  void findingSimilarWithoutAModelSaysWhy() {
    GalleryItem any = gallery.items().get(0);

    query.findSimilar(any.id(), any.fileName());

    assertThat(query.similarToProperty().get().name()).isEqualTo(any.fileName());
    assertThat(query.messageProperty().get()).contains("needs a visual model");
  }

  @Test
  void searchingByAnImageWithoutAModelSaysWhy() {
    query.modeProperty().set(SearchMode.KEYWORD);

    query.searchByImage(dir.resolve("in/receipt.png"));

    assertThat(query.modeProperty().get()).isEqualTo(SearchMode.HYBRID);
    assertThat(query.imageProperty().get()).isEqualTo(dir.resolve("in/receipt.png"));
    assertThat(query.stateProperty().get()).isEqualTo(QueryBarViewModel.State.FAILED);
  }

}
