package dev.imagerag.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.logic.ingest.ImportRequest;
import dev.imagerag.logic.jobs.JobControl;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.library.LibraryOpener;
import dev.imagerag.logic.library.LibraryPaths;
import dev.imagerag.testing.TestImages;
import dev.imagerag.ui.gallery.GalleryViewModel;
import dev.imagerag.ui.shell.ShellViewModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/** The real application window, headless (Monocle), on a real library. */
class DesktopAppFxTest {
  @TempDir Path dir;
  private WindowDriver window;

  @AfterEach
  void closeApp() throws Exception {
    if (window != null) {
      window.close();
    }
  }

  private void importOne(Path library) throws InterruptedException {
    TestImages.png(dir.resolve("in/a.png"), 40, 40, 1);
    try (Library lib = new AppLibraryOpener(Map.of(), "Linux", dir.resolve("home")).open(
        new LibraryPaths(library), LibraryOpener.Access.WRITE)) {
      lib.pipeline().run(ImportRequest.of(List.of(dir.resolve("in"))), new JobControl(), lib.pipeline().newProgress());
    }
  }

  @Test
  void theWindowIsTitledImageRagAndShowsTheLibrary() throws Exception {
    Path library = dir.resolve("library");
    importOne(library);

    window = WindowDriver.start(dir.resolve("home"), library, dir.resolve("models"));
    window.waitFor(20, () -> window.model().gallery().stateProperty().get() == GalleryViewModel.State.BROWSING);

    Stage stage = FxToolkit.toolkitContext().getRegisteredStage();
    assertThat(stage.getTitle()).startsWith("Image RAG").contains(library.getFileName().toString());
    assertThat(window.robot.lookup("#statusLibrary").queryAs(Label.class).getText()).contains("library");
    assertThat(window.robot.lookup("#statusCount").queryAs(Label.class).getText()).isEqualTo("1 image");
    assertThat(window.robot.lookup("#galleryCount").queryAs(Label.class).getText()).isEqualTo("1 image");
    window.waitFor(20, () -> !window.robot.lookup("#statusIndex").queryAs(Label.class).getText().isEmpty());
    assertThat(window.robot.lookup("#statusIndex").queryAs(Label.class).getText()).isEqualTo("Index: embedded");
  }

  @Test
  void aLibraryAnotherProcessWritesOpensReadOnlyWithABanner() throws Exception {
    Path library = dir.resolve("library");
    importOne(library);
    try (Library writer = new AppLibraryOpener(Map.of(), "Linux", dir.resolve("home")).open(
        new LibraryPaths(library), LibraryOpener.Access.WRITE)) {
      window = WindowDriver.start(dir.resolve("home"), library, dir.resolve("models"));
      window.waitFor(20, () -> window.model().stateProperty().get() == ShellViewModel.State.READ_ONLY);

      Label banner = window.robot.lookup(".banner").queryAs(Label.class);
      assertThat(banner.isVisible()).isTrue();
      assertThat(banner.getText()).startsWith("Read-only");
      window.waitFor(20, () -> window.model().gallery().items().size() == 1);
      assertThat(writer.readOnly()).isFalse();
    }
  }
}
