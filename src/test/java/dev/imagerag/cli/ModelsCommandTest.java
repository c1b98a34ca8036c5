package dev.imagerag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagerag.app.AppLibraryOpener;
import dev.imagerag.testing.CliRun;
import dev.imagerag.testing.ModelFileServer;
import dev.imagerag.testing.TestModel;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code models list|download|verify} in-process, against a local server: the test model is a
 * user manifest in the models folder root, next to the shipped ones.
 */
class ModelsCommandTest {
  @TempDir Path dir;

  private final ModelFileServer server = ModelFileServer.start();
  private final TestModel model = TestModel.serve(server, "test-model");

  @AfterEach
  void stopServer() {
    server.close();
  }

  private Path models() {
    return dir.resolve("models");
  }

  private CliRun run(Map<String, String> env, String... args) {
    return CliRunner.run(new AppLibraryOpener(), env, dir.resolve("home"), args);
  }

  private CliRun run(String... args) {
    return run(Map.of(), args);
  }

  @Test
  void listJsonPrintsOneObjectPerModelWithTheDefaultMarked() {
    model.writeUserManifest(models());

    CliRun list = run("models", "list", "--json", "--models", models().toString());

    assertThat(list.exitCode()).as(list.err()).isZero();
    List<JsonNode> lines = list.jsonLines();
    assertThat(lines).extracting(l -> l.get("id").asText()).containsExactly("clip-vit-b32", "clip-vit-b32-int8",
        "siglip-base-224", "siglip-base-256-multilingual", model.id());
    JsonNode clip = lines.get(0);
    assertThat(clip.get("default").asBoolean()).isTrue();
    assertThat(clip.get("family").asText()).isEqualTo("clip");
    assertThat(clip.get("dimension").asInt()).isEqualTo(512);
    assertThat(clip.get("state").asText()).isEqualTo("missing");
    assertThat(clip.get("downloadBytes").asLong()).isEqualTo(351685709L + 254058553L + 2224119L);
    assertThat(lines.get(3).get("downloadBytes").isNull()).isTrue();
    assertThat(lines.get(3).get("pinned").asBoolean()).isFalse();
    assertThat(lines).filteredOn(l -> l.get("default").asBoolean()).hasSize(1);
  }

  @Test
  void downloadFetchesTheModelAndListThenShowsItReady() {
    model.writeUserManifest(models());

    CliRun download = run("--models", models().toString(), "models", "download", model.id());
    CliRun list = run("models", "list", "--json", "--models", models().toString());

    assertThat(download.exitCode()).as(download.err()).isZero();
    assertThat(download.out()).contains("is ready in " + models().resolve(model.id()));
    assertThat(download.err()).contains("Downloading " + TestModel.VISION);
    assertThat(models().resolve(model.id()).resolve(TestModel.VISION)).hasBinaryContent(model.bytes(TestModel.VISION));
    JsonNode line = list.jsonLines().stream().filter(l -> l.get("id").asText().equals(model.id())).findFirst()
        .orElseThrow();
    assertThat(line.get("state").asText()).isEqualTo("ready");
    assertThat(line.get("bytesOnDisk").asLong()).isEqualTo(model.totalBytes());
  }

  @Test
  void downloadJsonSaysWhichFilesItFetched() {
    model.writeUserManifest(models());

    CliRun download = run("models", "download", model.id(), "--json", "--models", models().toString());

    JsonNode result = download.json();
    assertThat(result.get("state").asText()).isEqualTo("ready");
    assertThat(result.get("folder").asText()).isEqualTo(models().resolve(model.id()).toString());
    assertThat(result.get("downloaded")).extracting(JsonNode::asText)
        .containsExactly(TestModel.VISION, TestModel.TEXT, TestModel.TOKENIZER);
  }

  @Test
  void anUnreachableServerExplainsHowToInstallByHand() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path manifest = model.writeUserManifest(models());
    Files.writeString(manifest, Files.readString(manifest).replace(server.url(""), "http://127.0.0.1:" + port));

    CliRun download = run("models", "download", model.id(), "--models", models().toString());

    assertThat(download.exitCode()).isEqualTo(Cli.FAILURE);
    assertThat(download.err()).contains(models().resolve(model.id()).toString())
        .contains("http://127.0.0.1:" + port + model.path(TestModel.VISION))
        .contains("keyword and text search");
  }

  @Test
  void verifyExitsWithOneWhenAModelIsCorrupt() throws IOException {
    model.writeUserManifest(models());
    run("models", "download", model.id(), "--models", models().toString());
    Path vision = models().resolve(model.id()).resolve(TestModel.VISION);
    byte[] bytes = Files.readAllBytes(vision);
    bytes[7] ^= 1;
    Files.write(vision, bytes);

    CliRun verify = run("models", "verify", "--models", models().toString());
    CliRun verifyJson = run("models", "verify", model.id(), "--json", "--models", models().toString());

    assertThat(verify.exitCode()).isEqualTo(Cli.FAILURE);
    assertThat(verify.out()).contains(model.id()).contains("corrupt")
        .contains("image-rag models download " + model.id()).contains("clip-vit-b32");
    assertThat(verifyJson.json().get("state").asText()).isEqualTo("corrupt");
  }

  @Test
  void verifySucceedsWhenEveryPresentModelIsIntact() {
    model.writeUserManifest(models());
    run("models", "download", model.id(), "--models", models().toString());

    CliRun verify = run("models", "verify", "--models", models().toString());

    assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).contains("all 3 files verified");
  }

  @Test
  void theModelsFolderDefaultsToImageRagModels() {
    Path fromEnv = dir.resolve("env-models");

    CliRun list = run(Map.of("IMAGE_RAG_MODELS", fromEnv.toString()), "models", "list", "--json");

    assertThat(list.jsonLines().get(0).get("folder").asText())
        .isEqualTo(fromEnv.resolve("clip-vit-b32").toString());
  }

  @Test
  void anUnknownModelFailsWithTheKnownIds() {
    CliRun download = run("models", "download", "nope", "--models", models().toString());

    assertThat(download.exitCode()).isEqualTo(Cli.FAILURE);
    assertThat(download.err()).contains("nope").contains("clip-vit-b32");
  }
}
