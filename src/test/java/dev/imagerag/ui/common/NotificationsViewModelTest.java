package dev.imagerag.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.domain.ImageRagException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NotificationsViewModelTest {
  private final ImmediateUiTasks tasks = new ImmediateUiTasks();
  private final NotificationsViewModel model = new NotificationsViewModel(tasks);

  @Test
  void noticesGoAwayByThemselves() {
    model.info("Imported 3 images");
    assertThat(model.visible()).hasSize(1);

    tasks.fireTimers();

    assertThat(model.visible()).isEmpty();
  }

  @Test
  void theOldestGivesWayWhenTooManyAreShown() {
    for (int i = 0; i < NotificationsViewModel.MAX_VISIBLE + 2; i++) {
      model.info("notice " + i);
    }

    assertThat(model.visible()).hasSize(NotificationsViewModel.MAX_VISIBLE);
    assertThat(model.visible().get(0).title()).isEqualTo("notice 2");
  }

  @Test
  void anActionRunsOnceAndDismisses() {
    int[] runs = {0};
    NotificationsViewModel.Notice undo = model.withAction(NotificationsViewModel.Level.INFO, "Removed", "Undo",
        () -> runs[0]++, Duration.ofSeconds(10));

    model.act(undo);

    assertThat(runs[0]).isEqualTo(1);
    assertThat(model.visible()).isEmpty();
  }

  @Test
  void errorsCarryTheUserMessageThenTheTechnicalChain() {
    NotificationsViewModel.Notice notice = model.error("Search failed",
        new ImageRagException("The index is damaged; run reindex.", new IllegalStateException("segments_4 missing")));

    assertThat(notice.level()).isEqualTo(NotificationsViewModel.Level.ERROR);
    assertThat(notice.details()).startsWith("The index is damaged; run reindex.\n\n")
        .contains("IllegalStateException: segments_4 missing");
  }
}
