package dev.imagerag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagerag.app.AppLibraryOpener;
import dev.imagerag.testing.CliRun;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.openai.OpenAiTestServer;
import dev.imagerag.testing.openai.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captions end to end through the command line, against a local server speaking the OpenAI
 * chat-completions protocol: off by default (nothing is sent), on when configured.
 */
class CaptionsCliTest {
  @TempDir Path dir;
  private final OpenAiTestServer server = OpenAiTestServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  private CliRun run(Map<String, String> env, String... args) {
    return CliRunner.run(new AppLibraryOpener(env, "Linux", dir.resolve("home")), env, dir.resolve("home"), args);
  }

  private String library() {
    return dir.resolve("library").toString();
  }

  private void enableCaptions(String apiKey) throws IOException {
    Files.createDirectories(dir.resolve("library"));
    Files.writeString(dir.resolve("library/settings.json"), """
        {"captions": {"enabled": true, "baseUrl": "%s", "model": "vision-test", "apiKey": %s,
                      "maxRetries": 0, "timeoutSeconds": 10}}
        """.formatted(server.baseUrl(), apiKey == null ? "null" : "\"" + apiKey + "\""));
  }

  @Test
  void withoutConfigurationNoImageIsSentAnywhere() {
    TestImages.jpeg(dir.resolve("in/a.jpg"), 200, 150, 1);

    CliRun index = run(Map.of("OPENAI_API_KEY", "sk-test-unused"), "index", "--library", library(),
        dir.resolve("in").toString());
    CliRun status = run(Map.of(), "status", "--library", library(), "--json");

    assertThat(index.exitCode()).isZero();
    assertThat(server.requests()).isEmpty();
    assertThat(status.json().get("captions").asText()).isEqualTo("off");
  }

  @Test
  void configuredCaptionsAreStoredShownSearchableAndCosted() throws IOException {
    enableCaptions("sk-test-SECRET123");
    server.otherwise(request -> Reply.content("""
        {"description": "A red kayak on a calm lake at dawn.", "elements": ["kayak", "lake"],
         "text": "", "tags": ["kayak", "lake", "dawn"], "category": "photo"}"""));
    Path file = TestImages.jpeg(dir.resolve("in/IMG_1.jpg"), 300, 200, 1);

    CliRun index = run(Map.of(), "index", "--library", library(), "--json", dir.resolve("in").toString());
    CliRun show = run(Map.of(), "show", "--library", library(), "--json", file.toString());
    CliRun search = run(Map.of(), "search", "--library", library(), "--json", "--mode", "keyword", "kayak");
    CliRun status = run(Map.of(), "status", "--library", library());

    assertThat(index.exitCode()).as(index.err()).isZero();
    JsonNode summary = index.json();
    assertThat(summary.get("stages").get("caption").get("done").asLong()).isEqualTo(1);
    assertThat(summary.get("captions").get("requests").asLong()).isEqualTo(1);
    assertThat(summary.get("notices").toString()).contains("Captions are on").contains(server.baseUrl());
    assertThat(server.requests()).hasSize(1);
    assertThat(server.requests().get(0).headers().get("Authorization")).containsExactly("Bearer sk-test-SECRET123");
    JsonNode texts = show.json().get("texts");
    assertThat(texts.get("caption").asText()).isEqualTo("A red kayak on a calm lake at dawn.");
    assertThat(texts.get("caption.tags").asText()).contains("kayak");
    assertThat(search.jsonLines()).singleElement()
        .satisfies(hit -> assertThat(hit.get("path").asText()).isEqualTo(file.toString()));
    assertThat(status.out()).contains("Captions  on: vision-test at " + server.baseUrl());
    for (CliRun run : new CliRun[] {index, show, search, status}) {
      assertThat(run.out() + run.err()).doesNotContain("SECRET123");
    }
    assertThat(Files.readString(dir.resolve("library/logs/image-rag.log"))).doesNotContain("SECRET123");
  }

  @Test
  void aRejectedKeyStopsTheCaptionStageWithAClearMessageAndKeepsTheWorkPending() throws IOException {
    enableCaptions("sk-test-WRONG999");
    server.otherwise(request -> Reply.unauthorized());
    TestImages.jpeg(dir.resolve("in/a.jpg"), 200, 150, 1);

    CliRun index = run(Map.of(), "index", "--library", library(), "--json", dir.resolve("in").toString());
    CliRun status = run(Map.of(), "status", "--library", library(), "--json");

    assertThat(index.exitCode()).isEqualTo(Cli.FAILURE);
    assertThat(index.json().get("errors").toString()).contains("caption").containsIgnoringCase("key")
        .doesNotContain("WRONG999");
    assertThat(status.json().get("stages").get("caption").get("pending").asLong()).isEqualTo(1);
    assertThat(status.json().get("stages").get("index").get("done").asLong()).isEqualTo(1);
  }
}
