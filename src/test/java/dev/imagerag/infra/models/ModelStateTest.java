package dev.imagerag.infra.models;

import static dev.imagerag.testing.TestModel.TEXT;
import static dev.imagerag.testing.TestModel.TOKENIZER;
import static dev.imagerag.testing.TestModel.VISION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.logic.embed.DownloadListener;
import dev.imagerag.logic.embed.InstallState;
import dev.imagerag.logic.embed.ModelManifest;
import dev.imagerag.logic.embed.ModelState;
import dev.imagerag.logic.jobs.JobControl;
import dev.imagerag.testing.ModelFileServer;
import dev.imagerag.testing.TestModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** state() from sizes and recorded checksums; verify() from full checksums. */
class ModelStateTest {
  @TempDir Path models;

  private final ModelFileServer server = ModelFileServer.start();
  private final TestModel model = TestModel.serve(server, "test-model");
  private final JobControl control = new JobControl();

  @AfterEach
  void stopServer() {
    server.close();
  }

  private HttpModelInstaller installer(ModelManifest manifest) {
    return new HttpModelInstaller(models, List.of(HttpModelInstallerTest.withDefault(manifest)),
        HttpModelInstallerTest.FAST, SpaceProbe.FILE_STORE);
  }

  private Path file(String name) {
    return models.resolve(model.id()).resolve(name);
  }

  private void place(String name, byte[] bytes) throws IOException {
    Files.createDirectories(file(name).getParent());
    Files.write(file(name), bytes);
  }

  @Test
  void nothingOnDiskIsMissing() {
    ModelState state = installer(model.manifest()).state(model.id());

    assertThat(state.state()).isEqualTo(InstallState.MISSING);
    assertThat(state.bytesOnDisk()).isZero();
    assertThat(state.totalBytes()).isEqualTo(model.totalBytes());
  }

  @Test
  void aPartFileMakesTheModelPartial() throws IOException {
    Files.createDirectories(file(VISION).getParent());
    Files.write(file(VISION).resolveSibling(VISION + ".part"), new byte[1000]);

    ModelState state = installer(model.manifest()).state(model.id());

    assertThat(state.state()).isEqualTo(InstallState.PARTIAL);
    assertThat(state.files().get(0).state()).isEqualTo(InstallState.PARTIAL);
    assertThat(state.bytesOnDisk()).isEqualTo(1000);
  }

  @Test
  void someFilesInPlaceMakeTheModelPartial() throws IOException {
    place(TOKENIZER, model.bytes(TOKENIZER));

    assertThat(installer(model.manifest()).state(model.id()).state()).isEqualTo(InstallState.PARTIAL);
  }

  @Test
  void aDownloadedModelIsReadyAndVerified() {
    HttpModelInstaller installer = installer(model.manifest());
    installer.download(model.id(), DownloadListener.NONE, control);

    ModelState state = installer.state(model.id());

    assertThat(state.state()).isEqualTo(InstallState.READY);
    assertThat(state.files()).allSatisfy(f -> assertThat(f.verified()).isTrue());
    assertThat(state.bytesOnDisk()).isEqualTo(model.totalBytes());
  }

  @Test
  void aFileOfTheWrongSizeIsCorruptWithTheFix() throws IOException {
    place(VISION, new byte[123]);

    ModelState state = installer(model.manifest()).state(model.id());

    assertThat(state.state()).isEqualTo(InstallState.CORRUPT);
    assertThat(state.files().get(0).detail()).contains("123 bytes")
        .contains("image-rag models download " + model.id());
  }

  @Test
  void filesPlacedByHandAreReadyUntilVerifiedThenVerified() throws IOException {
    for (String name : List.of(VISION, TEXT, TOKENIZER)) {
      place(name, model.bytes(name));
    }
    HttpModelInstaller installer = installer(model.manifest());
    assertThat(installer.state(model.id()).files()).noneMatch(ModelState.FileState::verified);

    ModelState verified = installer.verify(model.id(), control);

    assertThat(verified.state()).isEqualTo(InstallState.READY);
    assertThat(verified.files()).allMatch(ModelState.FileState::verified);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void verifyDetectsAFlippedByteEvenWithTheSameSizeAndTime() throws IOException {
    HttpModelInstaller installer = installer(model.manifest());
    installer.download(model.id(), DownloadListener.NONE, control);
    FileTime before = Files.getLastModifiedTime(file(VISION));
    byte[] bytes = Files.readAllBytes(file(VISION));
    bytes[bytes.length / 2] ^= 1;
    Files.write(file(VISION), bytes);
    Files.setLastModifiedTime(file(VISION), before);

    ModelState state = installer.verify(model.id(), control);

    assertThat(state.state()).isEqualTo(InstallState.CORRUPT);
    assertThat(state.files().get(0).detail())
        .contains(TestModel.sha256(model.bytes(VISION)))
        .contains(TestModel.sha256(bytes))
        .contains("image-rag models download " + model.id());
    assertThat(installer.state(model.id()).state()).isEqualTo(InstallState.CORRUPT);
  }

  @Test
  void tamperingWithAnUnpinnedFileIsDetectedAgainstItsFirstDownload() throws IOException {
    HttpModelInstaller installer = installer(model.manifest(List.of(TOKENIZER)));
    installer.download(model.id(), DownloadListener.NONE, control);
    byte[] bytes = Files.readAllBytes(file(TOKENIZER));
    bytes[0] ^= 1;
    Files.write(file(TOKENIZER), bytes);

    ModelState state = installer.verify(model.id(), control);

    assertThat(state.state()).isEqualTo(InstallState.CORRUPT);
    assertThat(state.files().get(2).state()).isEqualTo(InstallState.CORRUPT);
    assertThat(state.files().get(2).detail()).contains(TestModel.sha256(model.bytes(TOKENIZER)));
  }

  @Test
  void aDamagedSidecarOnlyCostsARehash() throws IOException {
    HttpModelInstaller installer = installer(model.manifest());
    installer.download(model.id(), DownloadListener.NONE, control);
    Files.writeString(models.resolve(model.id()).resolve(VerifiedFiles.FILE_NAME), "{not json");

    assertThat(installer.state(model.id()).state()).isEqualTo(InstallState.READY);
    assertThat(installer.verify(model.id(), control).files()).allMatch(ModelState.FileState::verified);
  }
}
