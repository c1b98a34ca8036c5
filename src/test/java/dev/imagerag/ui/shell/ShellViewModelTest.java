package dev.imagerag.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.logic.library.LibraryPaths;
import dev.imagerag.testing.TestImages;
import dev.imagerag.ui.common.ImmediateUiTasks;
import dev.imagerag.ui.common.RecordingDesktop;
import dev.imagerag.ui.common.UiTestLibrary;
import dev.imagerag.ui.gallery.GalleryViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellViewModelTest {
  @TempDir Path dir;
  private final ImmediateUiTasks tasks = new ImmediateUiTasks();
  private UiTestLibrary lib;

  @AfterEach
  void close() {
    if (lib != null) {
      lib.close();
    }
  }

  private ShellViewModel shell(UiTestLibrary library) {
    return new ShellViewModel(new ShellViewModel.Services(library.session, tasks, new RecordingDesktop(), library.opener,
        s -> "ok", c -> "ok", ZoneOffset.UTC));
  }

  @Test
  void opensTheLibraryShowsItsImagesAndStatus() throws Exception {
    TestImages.jpeg(dir.resolve("in/a.jpg"), 50, 50, 1);
    UiTestLibrary first = UiTestLibrary.open(dir);
    first.importFrom(dir.resolve("in"));
    first.close();
    lib = UiTestLibrary.unopened(dir);
    ShellViewModel shell = shell(lib);

    shell.open(new LibraryPaths(lib.root));

    assertThat(shell.stateProperty().get()).isEqualTo(ShellViewModel.State.READY);
    assertThat(shell.libraryProperty().get()).isEqualTo(lib.root.toString());
    assertThat(shell.imageCountProperty().get()).isEqualTo("1 image");
    assertThat(shell.modelsTextProperty().get()).isEqualTo("No visual model · cpu");
    assertThat(shell.captionsTextProperty().get()).isEqualTo("Captions off");
    assertThat(shell.bannerProperty().get()).isEmpty();
    assertThat(shell.gallery().stateProperty().get()).isEqualTo(GalleryViewModel.State.BROWSING);
    assertThat(shell.sidePanel().folders()).containsExactly(dir.resolve("in").toString());
    assertThat(shell.notices().visible()).anySatisfy(n -> assertThat(n.title()).contains("visual model"));
  }

  @Test
  void theImageCountFollowsARemovalAndItsUndoAtOnce() throws Exception {
    TestImages.jpeg(dir.resolve("in/a.jpg"), 50, 50, 1);
    TestImages.jpeg(dir.resolve("in/b.jpg"), 50, 50, 2);
    lib = UiTestLibrary.open(dir);
    lib.importFrom(dir.resolve("in"));
    ShellViewModel shell = shell(lib);
    shell.open(new LibraryPaths(lib.root));
    assertThat(shell.imageCountProperty().get()).isEqualTo("2 images");

    shell.gallery().remove(java.util.List.of(shell.gallery().items().get(0)));

    assertThat(shell.imageCountProperty().get()).isEqualTo("1 image");
    dev.imagerag.ui.common.NotificationsViewModel.Notice undo = shell.notices().visible().stream()
        .filter(dev.imagerag.ui.common.NotificationsViewModel.Notice::hasAction).findFirst().orElseThrow();

    shell.notices().act(undo);

    assertThat(shell.imageCountProperty().get()).isEqualTo("2 images");
  }

  @Test
  void aLibraryAnotherProcessWritesOpensReadOnlyWithABanner() {
    lib = UiTestLibrary.open(dir);
    UiTestLibrary second = UiTestLibrary.unopened(dir);
    try {
      ShellViewModel shell = shell(second);

      shell.open(new LibraryPaths(lib.root));

      assertThat(shell.stateProperty().get()).isEqualTo(ShellViewModel.State.READ_ONLY);
      assertThat(shell.bannerProperty().get()).startsWith("Read-only: another Image RAG process");
    } finally {
      second.close();
    }
  }

  @Test
  void aLibraryThatCannotOpenSaysWhy() throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("file"), "x");
    lib = UiTestLibrary.unopened(dir);
    ShellViewModel shell = shell(lib);

    shell.open(new LibraryPaths(notAFolder));

    assertThat(shell.stateProperty().get()).isEqualTo(ShellViewModel.State.FAILED);
    assertThat(shell.messageProperty().get()).isNotBlank();
    assertThat(shell.bannerProperty().get()).startsWith("Could not open");
  }

  @Test
  void switchingLibrariesOpensTheOtherOne() {
    lib = UiTestLibrary.unopened(dir);
    ShellViewModel shell = shell(lib);
    shell.open(new LibraryPaths(dir.resolve("one")));

    shell.switchLibrary(dir.resolve("two"));

    assertThat(shell.libraryProperty().get()).isEqualTo(dir.resolve("two").toString());
    assertThat(lib.session.library().paths().root()).isEqualTo(dir.resolve("two"));
    assertThat(shell.stateProperty().get()).isEqualTo(ShellViewModel.State.READY);
  }

  @Test
  void shuttingDownClosesTheLibraryThenExits() {
    lib = UiTestLibrary.unopened(dir);
    ShellViewModel shell = shell(lib);
    shell.open(new LibraryPaths(dir.resolve("one")));
    boolean[] exited = {false};

    assertThat(shell.closeNeedsConfirmation()).isFalse();
    shell.shutdown(false, () -> exited[0] = true);

    assertThat(exited[0]).isTrue();
    assertThat(lib.session.current()).isEmpty();
  }

  @Test
  void panesAndThemeToggle() {
    lib = UiTestLibrary.unopened(dir);
    ShellViewModel shell = shell(lib);

    shell.toggleChat();
    shell.toggleSidePanel();
    shell.setTheme(ShellViewModel.Theme.DARK);

    assertThat(shell.chatVisibleProperty().get()).isTrue();
    assertThat(shell.sidePanelVisibleProperty().get()).isFalse();
    assertThat(shell.themeProperty().get()).isEqualTo(ShellViewModel.Theme.DARK);
    assertThat(shell.chat().stateProperty().get()).isEqualTo(dev.imagerag.ui.chat.ChatPaneViewModel.State.EMPTY);
    assertThat(shell.chat().emptyTextProperty().get()).contains("answered here");
  }
}
