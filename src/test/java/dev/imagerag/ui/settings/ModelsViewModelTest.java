package dev.imagerag.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.infra.models.HttpModelInstaller;
import dev.imagerag.logic.embed.InstallState;
import dev.imagerag.testing.ModelFileServer;
import dev.imagerag.testing.TestModel;
import dev.imagerag.ui.common.ImmediateUiTasks;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Models page of the settings against a local model server (real downloads, checksums). */
class ModelsViewModelTest {
  @TempDir Path dir;
  private final ModelFileServer server = ModelFileServer.start();
  private final TestModel model = TestModel.serve(server, "test-model");
  private final ImmediateUiTasks tasks = new ImmediateUiTasks();

  @AfterEach
  void stop() {
    server.close();
  }

  private ModelsViewModel models() {
    model.writeUserManifest(dir);
    ModelsViewModel models = new ModelsViewModel(new HttpModelInstaller(dir), tasks);
    models.refresh();
    return models;
  }

  private InstallState state(ModelsViewModel models) {
    return models.rows().stream().filter(r -> r.id().equals(model.id())).findFirst().orElseThrow().state();
  }

  @Test
  void listsEveryModelWithItsState() {
    ModelsViewModel models = models();

    assertThat(models.stateProperty().get()).isEqualTo(ModelsViewModel.State.IDLE);
    assertThat(models.rows()).extracting(ModelsViewModel.ModelRow::id).contains("clip-vit-b32", model.id());
    assertThat(models.rows()).filteredOn(ModelsViewModel.ModelRow::isDefault).singleElement()
        .satisfies(r -> assertThat(r.label()).contains("default").contains("512-d").contains("missing"));
    assertThat(state(models)).isEqualTo(InstallState.MISSING);
  }

  @Test
  void aDownloadShowsProgressThenTheModelIsReady() {
    ModelsViewModel models = models();
    double[] maxFraction = {0};
    models.fractionProperty().addListener((o, was, now) -> maxFraction[0] = Math.max(maxFraction[0], now.doubleValue()));

    models.download(model.id());

    assertThat(models.stateProperty().get()).isEqualTo(ModelsViewModel.State.IDLE);
    assertThat(maxFraction[0]).isEqualTo(1.0);
    assertThat(models.messageProperty().get()).isEqualTo("test-model is ready. Save to use it.");
    assertThat(state(models)).isEqualTo(InstallState.READY);
  }

  @Test
  void aFailedDownloadSaysWhatToDo() {
    ModelsViewModel models = models();
    server.fail(model.path(TestModel.VISION), 404, 100);

    models.download(model.id());

    assertThat(models.stateProperty().get()).isEqualTo(ModelsViewModel.State.IDLE);
    assertThat(models.messageProperty().get()).contains(TestModel.VISION);
    assertThat(state(models)).isNotEqualTo(InstallState.READY);
  }
}
