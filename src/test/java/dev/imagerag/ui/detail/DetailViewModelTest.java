package dev.imagerag.ui.detail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.StageState;
import dev.imagerag.logic.catalog.ImageSort;
import dev.imagerag.logic.catalog.StageResult;
import dev.imagerag.testing.TestImages;
import dev.imagerag.ui.common.ImmediateUiTasks;
import dev.imagerag.ui.common.NotificationsViewModel;
import dev.imagerag.ui.common.RecordingDesktop;
import dev.imagerag.ui.common.UiTestLibrary;
import dev.imagerag.ui.jobs.JobsViewModel;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetailViewModelTest {
  @TempDir Path dir;
  private UiTestLibrary lib;
  private final ImmediateUiTasks tasks = new ImmediateUiTasks();
  private final RecordingDesktop desktop = new RecordingDesktop();
  private DetailViewModel detail;
  private List<ImageId> ids;

  @BeforeEach
  void open() throws InterruptedException {
    lib = UiTestLibrary.open(dir);
    TestImages.jpeg(dir.resolve("in/a.jpg"), 120, 80, 1);
    TestImages.jpeg(dir.resolve("in/b.jpg"), 80, 120, 2);
    TestImages.png(dir.resolve("in/c.png"), 60, 60, 3);
    lib.importFrom(dir.resolve("in"));
    ids = lib.library().catalog().listImages(ImageSort.NAME, null, 0, 10).stream().map(s -> s.id()).toList();
    NotificationsViewModel notices = new NotificationsViewModel(tasks);
    JobsViewModel jobs = new JobsViewModel(lib.session, tasks, notices);
    detail = new DetailViewModel(lib.session, tasks, jobs, notices, desktop, ZoneOffset.UTC);
  }

  @AfterEach
  void close() {
    lib.close();
  }

  @Test
  void openingShowsFactsTextAndStages() {
    lib.library().catalog().putText(ids.get(0), "ocr", "test", "Error: connection refused");
    lib.library().catalog().putText(ids.get(0), "caption", "test", "A terminal window.");
    lib.library().catalog().putText(ids.get(0), "tags", "test", "screenshot, text");

    detail.open(ids.get(0), List.of("refused"));

    assertThat(detail.stateProperty().get()).isEqualTo(DetailViewModel.State.SHOWN);
    assertThat(detail.titleProperty().get()).isEqualTo("a.jpg");
    assertThat(detail.imagePathProperty().get()).isEqualTo(dir.resolve("in/a.jpg").toString());
    assertThat(detail.ocrTextProperty().get()).isEqualTo("Error: connection refused");
    assertThat(detail.captionProperty().get()).isEqualTo("A terminal window.");
    assertThat(detail.tags()).containsExactly("screenshot", "text");
    assertThat(detail.highlight()).containsExactly("refused");
    assertThat(detail.facts()).anySatisfy(f -> {
      assertThat(f.label()).isEqualTo("Size");
      assertThat(f.value()).startsWith("120 × 80 · JPEG");
    });
    assertThat(detail.stages()).extracting(DetailViewModel.StageLine::stage).contains("thumbnail", "index");
    assertThat(detail.similarNoteProperty().get()).contains("visual model");
  }

  @Test
  void historyWalksBackAndForward() {
    detail.open(ids.get(0), List.of());
    detail.openSimilar(ids.get(1));
    detail.openSimilar(ids.get(2));

    detail.back();
    assertThat(detail.idProperty().get()).isEqualTo(ids.get(1));
    detail.back();
    assertThat(detail.idProperty().get()).isEqualTo(ids.get(0));
    assertThat(detail.canBackProperty().get()).isFalse();
    detail.forward();
    assertThat(detail.idProperty().get()).isEqualTo(ids.get(1));
    assertThat(detail.canForwardProperty().get()).isTrue();

    detail.openSimilar(ids.get(0));
    assertThat(detail.canForwardProperty().get()).isFalse();
    detail.close();
    assertThat(detail.stateProperty().get()).isEqualTo(DetailViewModel.State.HIDDEN);
    assertThat(detail.canBackProperty().get()).isFalse();
  }

  @Test
  void aFailedStageCanBeRetried() {
    var catalog = lib.library().catalog();
    catalog.requeueImages("index", List.of(ids.get(0)));
    catalog.claimPending("index", Set.of(), 10);
    catalog.finishStage("index", "v", List.of(StageResult.failed(ids.get(0), "the disk was full")), Set.of());
    detail.open(ids.get(0), List.of());
    DetailViewModel.StageLine failed = detail.stages().stream().filter(DetailViewModel.StageLine::retryable)
        .findFirst().orElseThrow();
    assertThat(failed.reason()).isEqualTo("the disk was full");

    detail.retry(failed);

    assertThat(catalog.stages(ids.get(0))).filteredOn(s -> s.stage().equals("index"))
        .singleElement().satisfies(s -> assertThat(s.state()).isEqualTo(StageState.DONE));
    assertThat(detail.stages()).noneMatch(DetailViewModel.StageLine::retryable);
  }

  @Test
  void anImageThatLeftTheLibrarySaysSo() {
    lib.library().catalog().removePaths(List.of(dir.resolve("in/a.jpg").toString()));

    detail.open(ids.get(0), List.of());

    assertThat(detail.stateProperty().get()).isEqualTo(DetailViewModel.State.FAILED);
    assertThat(detail.messageProperty().get()).contains("no longer in the library");
  }

  @Test
  void fileActionsGoToTheDesktop() {
    lib.library().catalog().putText(ids.get(0), "ocr", "test", "some text");
    detail.open(ids.get(0), List.of());

    detail.openFile();
    detail.showInFolder();
    detail.copyText();

    assertThat(desktop.opened).containsExactly(dir.resolve("in/a.jpg"));
    assertThat(desktop.shown).containsExactly(dir.resolve("in/a.jpg"));
    assertThat(desktop.copied).containsExactly("some text");
  }
}
