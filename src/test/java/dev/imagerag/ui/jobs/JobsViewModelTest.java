package dev.imagerag.ui.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.logic.ingest.ImportRequest;
import dev.imagerag.logic.library.LibraryPaths;
import dev.imagerag.testing.TestImages;
import dev.imagerag.ui.common.ImmediateUiTasks;
import dev.imagerag.ui.common.NotificationsViewModel;
import dev.imagerag.ui.common.UiTestLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobsViewModelTest {
  @TempDir Path dir;
  private UiTestLibrary lib;
  private final ImmediateUiTasks tasks = new ImmediateUiTasks();
  private final NotificationsViewModel notices = new NotificationsViewModel(tasks);

  @AfterEach
  void close() {
    if (lib != null) {
      lib.close();
    }
  }

  @Test
  void anImportRunsEveryStageAndReportsWhatItDid() {
    lib = UiTestLibrary.open(dir);
    TestImages.jpeg(dir.resolve("in/a.jpg"), 60, 40, 1);
    TestImages.png(dir.resolve("in/b.png"), 40, 40, 2);
    JobsViewModel jobs = new JobsViewModel(lib.session, tasks, notices);
    long before = jobs.changesProperty().get();

    jobs.submit(ImportRequest.of(List.of(dir.resolve("in"))));

    assertThat(jobs.stateProperty().get()).isEqualTo(JobsViewModel.State.IDLE);
    assertThat(jobs.lastSummaryProperty().get().added()).isEqualTo(2);
    assertThat(jobs.rows()).extracting(StageRow::stage).startsWith("import", "thumbnail");
    assertThat(jobs.rows().get(0).done()).isEqualTo(2);
    assertThat(jobs.rows().get(0).label()).isEqualTo("Import");
    assertThat(jobs.changesProperty().get()).isGreaterThan(before);
    assertThat(notices.visible()).anySatisfy(n -> assertThat(n.title()).isEqualTo("Imported 2 new images"));
    assertThat(lib.library().catalog().imageCount()).isEqualTo(2);
  }

  @Test
  void skippedFilesBecomeErrorsTheUserCanOpen() throws Exception {
    lib = UiTestLibrary.open(dir);
    TestImages.jpeg(dir.resolve("in/good.jpg"), 60, 40, 1);
    Files.writeString(dir.resolve("in/fake.png"), "this is text, not a picture");
    JobsViewModel jobs = new JobsViewModel(lib.session, tasks, notices);
    long requests = jobs.errorRequestsProperty().get();

    jobs.submit(ImportRequest.of(List.of(dir.resolve("in"))));

    assertThat(jobs.errors()).singleElement().satisfies(e -> {
      assertThat(e.item()).endsWith("fake.png");
      assertThat(e.message()).contains("not an image");
    });
    NotificationsViewModel.Notice notice = notices.visible().stream()
        .filter(NotificationsViewModel.Notice::hasAction).findFirst().orElseThrow();
    assertThat(notice.actionLabel()).isEqualTo("Show errors");
    notices.act(notice);
    assertThat(jobs.errorRequestsProperty().get()).isEqualTo(requests + 1);
    jobs.clearErrors();
    assertThat(jobs.errors()).isEmpty();
  }

  @Test
  void aReadOnlyLibraryRefusesToImport() {
    lib = UiTestLibrary.open(dir);
    UiTestLibrary second = UiTestLibrary.unopened(dir);
    try {
      second.session.open(new LibraryPaths(lib.root));
      JobsViewModel jobs = new JobsViewModel(second.session, tasks, notices);

      jobs.submit(ImportRequest.of(List.of(dir)));

      assertThat(jobs.stateProperty().get()).isEqualTo(JobsViewModel.State.IDLE);
      assertThat(notices.visible()).anySatisfy(n -> assertThat(n.title()).isEqualTo("This library is read-only"));
    } finally {
      second.close();
    }
  }

  @Test
  void whenIdleRunsAtOnceWhenNothingRuns() {
    lib = UiTestLibrary.open(dir);
    JobsViewModel jobs = new JobsViewModel(lib.session, tasks, notices);
    boolean[] ran = {false};

    jobs.whenIdle(() -> ran[0] = true);

    assertThat(ran[0]).isTrue();
    assertThat(jobs.busy()).isFalse();
  }

  @Test
  void stageRowsSayTheirCounts() {
    StageRow row = new StageRow("visual", 7, 10, 2, 1, "a.jpg", true);

    assertThat(row.label()).isEqualTo("Visual embedding");
    assertThat(row.counts()).isEqualTo("10 / 10 · 2 failed · 1 skipped");
    assertThat(row.fraction()).isEqualTo(1.0);
    assertThat(new StageRow("ocr", 0, 0, 0, 0, "", true).fraction()).isEqualTo(-1);
  }
}
