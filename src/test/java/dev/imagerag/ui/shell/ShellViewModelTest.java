package dev.imagerag.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShellViewModelTest {

  @Test
  void startsOpeningTheNamedLibrary() {
    ShellViewModel model = new ShellViewModel("/data/lib");

    assertThat(model.stateProperty().get()).isEqualTo(ShellViewModel.State.OPENING);
    assertThat(model.libraryProperty().get()).isEqualTo("/data/lib");
  }

  @Test
  void anOpenedLibraryShowsItsImageCount() {
    ShellViewModel model = new ShellViewModel("/data/lib");

    model.libraryOpened(1234, false);

    assertThat(model.stateProperty().get()).isEqualTo(ShellViewModel.State.READY);
    assertThat(model.messageProperty().get()).startsWith("1,234 images");
  }

  @Test
  void aLibraryWrittenByAnotherProcessSaysSo() {
    ShellViewModel model = new ShellViewModel("/data/lib");

    model.libraryOpened(1, true);

    assertThat(model.messageProperty().get()).startsWith("1 image ").contains("another Image RAG process");
  }

  @Test
  void aFailureShowsTheReason() {
    ShellViewModel model = new ShellViewModel("/data/lib");

    model.libraryFailed("The disk is full.");

    assertThat(model.stateProperty().get()).isEqualTo(ShellViewModel.State.FAILED);
    assertThat(model.messageProperty().get()).isEqualTo("The disk is full.");
  }
}
