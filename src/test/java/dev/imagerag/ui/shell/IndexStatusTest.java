package dev.imagerag.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.infra.files.JsonSettingsStore;
import dev.imagerag.logic.library.LibraryPaths;
import dev.imagerag.logic.settings.Settings;
import dev.imagerag.logic.store.StoreSettings;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.qdrant.FakeQdrantServer;
import dev.imagerag.ui.common.ImmediateUiTasks;
import dev.imagerag.ui.common.UiTestLibrary;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status bar's index segment over a real library: embedded, or a Qdrant server that comes and goes. */
class IndexStatusTest {
  private static final String KEY = "qd-STATUS-KEY-42";

  @TempDir Path dir;
  private final ImmediateUiTasks tasks = new ImmediateUiTasks();
  private UiTestLibrary lib;
  private FakeQdrantServer server;

  @AfterEach
  void close() {
    if (lib != null) {
      lib.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private UiTestLibrary remoteLibrary() {
    server = FakeQdrantServer.onLoopback(KEY);
    LibraryPaths paths = new LibraryPaths(dir.resolve("library"));
    new JsonSettingsStore(paths.settingsFile())
        .save(Settings.DEFAULTS.withStore(StoreSettings.qdrant(server.url()).withApiKey(KEY)));
    return UiTestLibrary.open(dir);
  }

  @Test
  void anEmbeddedIndexIsShownAsSuchAndNotRechecked() {
    lib = UiTestLibrary.open(dir);
    IndexStatus status = new IndexStatus(lib.session, tasks);

    status.refresh();

    assertThat(status.stateProperty().get()).isEqualTo(IndexStatus.State.EMBEDDED);
    assertThat(status.textProperty().get()).isEqualTo("Index: embedded");
    assertThat(status.detailProperty().get()).contains(lib.root.resolve("index").toString());
    assertThat(tasks.pendingTimers()).isZero();
  }

  @Test
  void aRemoteIndexShowsItsServerAndCollectionAndWhetherItAnswers() throws Exception {
    lib = remoteLibrary();
    TestImages.png(dir.resolve("in/receipt.png"), 80, 60, 1);
    lib.importFrom(dir.resolve("in"));
    String collection = StoreSettings.defaultCollection(lib.root);
    IndexStatus status = new IndexStatus(lib.session, tasks);

    status.refresh();

    assertThat(status.stateProperty().get()).isEqualTo(IndexStatus.State.CONNECTED);
    assertThat(status.textProperty().get())
        .isEqualTo("Index: Qdrant " + server.url() + "/" + collection + " · connected");
    assertThat(status.detailProperty().get()).isEqualTo("The collection holds 1 image.");
    assertThat(status.textProperty().get() + status.detailProperty().get()).doesNotContain(KEY);
    assertThat(tasks.pendingTimers()).as("rechecked while remote").isEqualTo(1);

    server.goDown();
    tasks.fireTimersOnce();

    assertThat(status.stateProperty().get()).isEqualTo(IndexStatus.State.UNREACHABLE);
    assertThat(status.textProperty().get())
        .isEqualTo("Index: Qdrant " + server.url() + "/" + collection + " · unreachable");
    assertThat(status.detailProperty().get()).contains("does not answer");

    server.comeBack();
    tasks.fireTimersOnce();

    assertThat(status.stateProperty().get()).isEqualTo(IndexStatus.State.CONNECTED);
    assertThat(tasks.pendingTimers()).isEqualTo(1);
    status.stop();
    assertThat(tasks.pendingTimers()).isZero();
  }

  @Test
  void anAnswerArrivingAfterTheLibraryClosedIsDropped() {
    lib = UiTestLibrary.open(dir);
    IndexStatus status = new IndexStatus(lib.session, tasks);
    tasks.hold();

    status.refresh();
    status.stop();
    tasks.release();

    assertThat(status.stateProperty().get()).isEqualTo(IndexStatus.State.UNKNOWN);
    assertThat(status.textProperty().get()).isEmpty();
  }

  @Test
  void theWindowShowsTheIndexOnceTheLibraryOpens() {
    lib = UiTestLibrary.unopened(dir);
    ShellViewModel shell = new ShellViewModel(new ShellViewModel.Services(lib.session, tasks,
        new dev.imagerag.ui.common.RecordingDesktop(), lib.opener, s -> "ok", c -> "ok", java.time.ZoneOffset.UTC));

    shell.open(new LibraryPaths(lib.root));

    assertThat(shell.index().textProperty().get()).isEqualTo("Index: embedded");
  }
}
