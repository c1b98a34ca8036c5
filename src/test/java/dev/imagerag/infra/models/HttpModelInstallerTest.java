package dev.imagerag.infra.models;

import static dev.imagerag.testing.TestModel.TEXT;
import static dev.imagerag.testing.TestModel.TOKENIZER;
import static dev.imagerag.testing.TestModel.VISION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagerag.logic.embed.DownloadListener;
import dev.imagerag.logic.embed.DownloadProgress;
import dev.imagerag.logic.embed.InstallState;
import dev.imagerag.logic.embed.ModelException;
import dev.imagerag.logic.embed.ModelManifest;
import dev.imagerag.logic.embed.ModelState;
import dev.imagerag.logic.jobs.JobControl;
import dev.imagerag.testing.ModelFileServer;
import dev.imagerag.testing.TestModel;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a local HTTP server into a real models folder. */
class HttpModelInstallerTest {
  static final DownloadSettings FAST = new DownloadSettings(
      Duration.ofSeconds(2), Duration.ofSeconds(5), 3, Duration.ofMillis(10), Duration.ofMillis(50));

  @TempDir Path models;

  private final ModelFileServer server = ModelFileServer.start();
  private final TestModel model = TestModel.serve(server, "test-model");
  private final JobControl control = new JobControl();

  @AfterEach
  void stopServer() {
    server.close();
  }

  private HttpModelInstaller installer(ModelManifest manifest) {
    return new HttpModelInstaller(models, List.of(withDefault(manifest)), FAST, SpaceProbe.FILE_STORE);
  }

  static ModelManifest withDefault(ModelManifest m) {
    return new ModelManifest(m.id(), m.name(), m.family(), m.dimension(), m.revision(), m.image(), m.text(),
        m.files(), m.license(), m.description(), true);
  }

  private Path file(String name) {
    return models.resolve(model.id()).resolve(name);
  }

  private Path part(String name) {
    return models.resolve(model.id()).resolve(name + ".part");
  }

  @Test
  void downloadPutsEveryFileInPlaceAndVerifiesIt() throws IOException {
    ModelState state = installer(model.manifest()).download(model.id(), DownloadListener.NONE, control);

    assertThat(state.state()).isEqualTo(InstallState.READY);
    assertThat(state.files()).allSatisfy(f -> assertThat(f.verified()).isTrue());
    for (String name : List.of(VISION, TEXT, TOKENIZER)) {
      assertThat(Files.readAllBytes(file(name))).isEqualTo(model.bytes(name));
      assertThat(part(name)).doesNotExist();
    }
    assertThat(state.folder()).isEqualTo(models.resolve(model.id()));
  }

  @Test
  void progressReportsBytesTotalAndRate() {
    List<DownloadProgress> events = new CopyOnWriteArrayList<>();
    DownloadListener listener = new DownloadListener() {
      @Override
      public void progress(DownloadProgress progress) {
        events.add(progress);
      }
    };

    installer(model.manifest()).download(model.id(), listener, control);

    DownloadProgress lastVision = events.stream().filter(e -> e.fileName().equals(VISION))
        .reduce((a, b) -> b).orElseThrow();
    assertThat(lastVision.bytesDone()).isEqualTo(model.bytes(VISION).length);
    assertThat(lastVision.totalBytes()).isEqualTo(model.bytes(VISION).length);
    assertThat(lastVision.bytesPerSecond()).isPositive();
    assertThat(lastVision.modelId()).isEqualTo(model.id());
  }

  @Test
  void aSecondDownloadFetchesNothing() {
    HttpModelInstaller installer = installer(model.manifest());
    installer.download(model.id(), DownloadListener.NONE, control);
    int requests = server.requests().size();

    ModelState again = installer.download(model.id(), DownloadListener.NONE, control);

    assertThat(again.state()).isEqualTo(InstallState.READY);
    assertThat(server.requests()).hasSize(requests);
  }

  @Test
  void aDroppedConnectionResumesWithARangeRequest() throws IOException {
    int size = model.bytes(VISION).length;
    server.dropOnce(model.path(VISION), size / 2);

    ModelState state = installer(model.manifest()).download(model.id(), DownloadListener.NONE, control);

    assertThat(state.state()).isEqualTo(InstallState.READY);
    assertThat(Files.readAllBytes(file(VISION))).isEqualTo(model.bytes(VISION));
    List<ModelFileServer.Request> requests = server.requests(model.path(VISION));
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).range()).isNull();
    assertThat(requests.get(1).range()).isEqualTo("bytes=" + size / 2 + "-");
    assertThat(requests.get(1).status()).isEqualTo(206);
    assertThat(server.bytesServed(model.path(VISION))).isLessThan((long) (1.5 * size));
  }

  @Test
  void aServerThatIgnoresRangeStillYieldsTheRightFile() throws IOException {
    server.dropOnce(model.path(VISION), model.bytes(VISION).length / 3);
    server.ignoreRange();

    ModelState state = installer(model.manifest()).download(model.id(), DownloadListener.NONE, control);

    assertThat(state.state()).isEqualTo(InstallState.READY);
    assertThat(Files.readAllBytes(file(VISION))).isEqualTo(model.bytes(VISION));
    List<ModelFileServer.Request> requests = server.requests(model.path(VISION));
    assertThat(requests.get(1).range()).isNotNull();
    assertThat(requests.get(1).status()).isEqualTo(200);
  }

  @Test
  void serverErrorsAreRetriedWithBackoff() throws IOException {
    server.fail(model.path(TEXT), 503, 2);

    ModelState state = installer(model.manifest()).download(model.id(), DownloadListener.NONE, control);

    assertThat(state.state()).isEqualTo(InstallState.READY);
    assertThat(server.requests(model.path(TEXT))).extracting(ModelFileServer.Request::status)
        .containsExactly(503, 503, 200);
    assertThat(Files.readAllBytes(file(TEXT))).isEqualTo(model.bytes(TEXT));
  }

  @Test
  void aChecksumMismatchLeavesNoFileAndNoPart() {
    String wrong = "0".repeat(64);
    HttpModelInstaller installer = installer(model.manifestWith(TEXT, null, wrong));

    assertThatThrownBy(() -> installer.download(model.id(), DownloadListener.NONE, control))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining(TEXT)
        .hasMessageContaining("expected " + wrong)
        .hasMessageContaining("actual " + TestModel.sha256(model.bytes(TEXT)));
    assertThat(file(TEXT)).doesNotExist();
    assertThat(part(TEXT)).doesNotExist();
  }

  @Test
  void notFoundNamesTheUrlAndTheFolderToFillByHand() {
    String missingUrl = server.url("/nowhere/" + TOKENIZER);
    HttpModelInstaller installer = installer(model.manifestWith(TOKENIZER, missingUrl, null));

    assertThatThrownBy(() -> installer.download(model.id(), DownloadListener.NONE, control))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("404")
        .hasMessageContaining(missingUrl)
        .hasMessageContaining(models.resolve(model.id()).toString())
        .hasMessageContaining("keyword");
    assertThat(server.requests("/nowhere/" + TOKENIZER)).hasSize(1); // a 404 is not retried
  }

  @Test
  void connectionRefusedListsEveryMissingFileWithItsUrl() throws IOException {
    ModelManifest unreachable = new TestModelAt(closedPort()).manifest(model);

    assertThatThrownBy(() -> installer(unreachable).download(model.id(), DownloadListener.NONE, control))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("cannot connect")
        .hasMessageContaining(models.resolve(model.id()).toString())
        .satisfies(e -> {
          for (ModelManifest.ModelFile f : unreachable.files()) {
            assertThat(e.getMessage()).contains(f.name()).contains(f.url());
          }
        })
        .hasMessageContaining("keyword and text search");
  }

  @Test
  void aSilentServerTimesOut() {
    server.stall(model.path(VISION), 64 << 10, Duration.ofSeconds(20));
    DownloadSettings impatient = new DownloadSettings(
        Duration.ofSeconds(2), Duration.ofMillis(300), 2, Duration.ofMillis(10), Duration.ofMillis(10));
    HttpModelInstaller installer = new HttpModelInstaller(models, List.of(withDefault(model.manifest())),
        impatient, SpaceProbe.FILE_STORE);
    long start = System.nanoTime();

    assertThatThrownBy(() -> installer.download(model.id(), DownloadListener.NONE, control))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("read timeout")
        .hasMessageContaining(model.path(VISION));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(part(VISION)).exists();
  }

  @Test
  void aFullDiskFailsBeforeAnyRequest() {
    HttpModelInstaller installer = new HttpModelInstaller(models, List.of(withDefault(model.manifest())), FAST,
        folder -> 1000);

    assertThatThrownBy(() -> installer.download(model.id(), DownloadListener.NONE, control))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("Not enough free space")
        .hasMessageContaining(models.resolve(model.id()).toString());
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void aDiskThatFillsUpMidwayKeepsThePartForAResume() throws IOException {
    long room = 1 << 20;
    HttpModelInstaller filling = new HttpModelInstaller(models, List.of(withDefault(model.manifest())), FAST,
        SpaceProbe.FILE_STORE, (part, append) -> new DiskWithRoom(PartFileOpener.FILES.open(part, append), room));

    assertThatThrownBy(() -> filling.download(model.id(), DownloadListener.NONE, control))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("is full")
        .hasMessageContaining(VISION + ".part");
    assertThat(Files.size(part(VISION))).isEqualTo(room);

    ModelState resumed = installer(model.manifest()).download(model.id(), DownloadListener.NONE, control);

    assertThat(resumed.state()).isEqualTo(InstallState.READY);
    assertThat(server.requests(model.path(VISION)).get(1).range()).isEqualTo("bytes=" + room + "-");
  }

  @Test
  void cancellingKeepsThePartAndLeavesTheModelPartial() {
    server.trickle(Duration.ofMillis(2));
    HttpModelInstaller installer = installer(model.manifest());
    DownloadListener cancelMidway = new DownloadListener() {
      @Override
      public void progress(DownloadProgress progress) {
        if (progress.bytesDone() > 256 << 10) {
          control.cancel();
        }
      }
    };

    assertThatThrownBy(() -> installer.download(model.id(), cancelMidway, control))
        .isInstanceOf(CancellationException.class);

    assertThat(part(VISION)).exists();
    assertThat(file(VISION)).doesNotExist();
    ModelState state = installer.state(model.id());
    assertThat(state.state()).isEqualTo(InstallState.PARTIAL);
    assertThat(state.files().get(0).bytesOnDisk()).isBetween(256L << 10, (long) model.bytes(VISION).length - 1);
  }

  @Test
  void anUnpinnedFileGetsItsChecksumRecordedWithAWarning() {
    List<String> warnings = new ArrayList<>();
    DownloadListener listener = new DownloadListener() {
      @Override
      public void warning(String message) {
        warnings.add(message);
      }
    };
    HttpModelInstaller installer = installer(model.manifest(List.of(TOKENIZER)));

    ModelState state = installer.download(model.id(), listener, control);

    String sha = TestModel.sha256(model.bytes(TOKENIZER));
    assertThat(state.state()).isEqualTo(InstallState.READY);
    assertThat(warnings).singleElement().asString().contains(TOKENIZER).contains("no published SHA-256")
        .contains(sha);
    assertThat(VerifiedFiles.load(models.resolve(model.id())).trusted(TOKENIZER))
        .hasValueSatisfying(t -> assertThat(t.sha256()).isEqualTo(sha));
    assertThat(state.files().get(2).expectedBytes()).isEqualTo(model.bytes(TOKENIZER).length);
  }

  @Test
  void aCorruptFileIsReplacedByTheNextDownload() throws IOException {
    HttpModelInstaller installer = installer(model.manifest());
    installer.download(model.id(), DownloadListener.NONE, control);
    Files.write(file(TEXT), new byte[10]);
    assertThat(installer.state(model.id()).state()).isEqualTo(InstallState.CORRUPT);

    ModelState repaired = installer.download(model.id(), DownloadListener.NONE, control);

    assertThat(repaired.state()).isEqualTo(InstallState.READY);
    assertThat(Files.readAllBytes(file(TEXT))).isEqualTo(model.bytes(TEXT));
  }

  @Test
  void anUnknownModelIdListsTheKnownOnes() {
    assertThatThrownBy(() -> installer(model.manifest()).download("nope", DownloadListener.NONE, control))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("nope")
        .hasMessageContaining(model.id());
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The test model's manifest with every URL pointing at a port nobody listens on. */
  private record TestModelAt(int port) {
    ModelManifest manifest(TestModel model) {
      ModelManifest m = model.manifest();
      List<ModelManifest.ModelFile> files = m.files().stream().map(f -> new ModelManifest.ModelFile(f.name(),
          "http://127.0.0.1:" + port + "/" + m.id() + "/" + f.name(), f.size(), f.sha256())).toList();
      return new ModelManifest(m.id(), m.name(), m.family(), m.dimension(), m.revision(), m.image(), m.text(),
          files, m.license(), m.description(), false);
    }
  }

  /** A file system with {@code room} bytes left: the write that crosses it fails like ENOSPC. */
  private static final class DiskWithRoom extends FilterOutputStream {
    private long room;

    DiskWithRoom(OutputStream out, long room) {
      super(out);
      this.room = room;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len > room) {
        out.write(b, off, (int) room);
        room = 0;
        throw new IOException("No space left on device");
      }
      out.write(b, off, len);
      room -= len;
    }
  }
}
