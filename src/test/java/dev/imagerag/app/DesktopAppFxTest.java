package dev.imagerag.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.testing.TestImages;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The real application window, headless (Monocle), on a real library. */
class DesktopAppFxTest {
  @TempDir Path dir;
  private Application app;

  @AfterEach
  void closeApp() throws Exception {
    if (app != null) {
      FxToolkit.cleanupApplication(app);
      FxToolkit.cleanupStages();
    }
  }

  @Test
  void theWindowIsTitledImageRagAndShowsTheLibrary() throws Exception {
    Path library = dir.resolve("library");
    TestImages.png(dir.resolve("in/a.png"), 40, 40, 1);
    try (var lib = new AppLibraryOpener(java.util.Map.of(), "Linux", dir.resolve("home")).open(
        new dev.imagerag.logic.library.LibraryPaths(library), dev.imagerag.logic.library.LibraryOpener.Access.WRITE)) {
      lib.pipeline().run(dev.imagerag.logic.ingest.ImportRequest.of(java.util.List.of(dir.resolve("in"))),
          new dev.imagerag.logic.jobs.JobControl(), lib.pipeline().newProgress());
    }
    Stage stage = FxToolkit.registerPrimaryStage();

    app = FxToolkit.setupApplication(DesktopApp.class, "--library=" + library);
    FxRobot robot = new FxRobot();
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
        () -> robot.lookup("#message").queryAs(Label.class).getText().contains("image"));

    assertThat(stage.getTitle()).isEqualTo("Image RAG");
    assertThat(robot.lookup("#library").queryAs(Label.class).getText()).contains(library.toString());
    assertThat(robot.lookup("#message").queryAs(Label.class).getText()).startsWith("1 image.");
  }
}
