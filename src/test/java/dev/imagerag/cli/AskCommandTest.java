package dev.imagerag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagerag.app.AppLibraryOpener;
import dev.imagerag.testing.CliRun;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.openai.OpenAiTestServer;
import dev.imagerag.testing.openai.RecordedRequest;
import dev.imagerag.testing.openai.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ask} end to end: a library indexed by the CLI (real OCR reads the screenshots' text),
 * questions answered by a local server speaking the OpenAI chat-completions protocol with
 * streaming, or retrieval-only when no model is configured.
 */
class AskCommandTest {
  private static final String INVOICE = "Invoice 201 total amount 103 EUR paid";
  private static final String MENU = "Lunch menu tomato soup and grilled cheese";
  private static final String PARKING = "Parking permit expires in March";

  @TempDir static Path dir;
  private static OpenAiTestServer server;

  @BeforeAll
  static void indexLibrary() {
    server = OpenAiTestServer.start();
    TestImages.write(TestImages.screenshot(INVOICE, 900, 80), "png", dir.resolve("in/invoice.png"));
    TestImages.write(TestImages.screenshot(MENU, 900, 80), "png", dir.resolve("in/menu.png"));
    TestImages.write(TestImages.screenshot(PARKING, 900, 80), "png", dir.resolve("in/parking.png"));
    CliRun index = run(Map.of(), "index", "--library", library(), dir.resolve("in").toString());
    assertThat(index.exitCode()).as(index.err()).isZero();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void noChatModel() throws IOException {
    configureChat(null);
  }

  private static CliRun run(Map<String, String> env, String... args) {
    return CliRunner.run(new AppLibraryOpener(env, "Linux", dir.resolve("home")), env, dir.resolve("home"), args);
  }

  private static String library() {
    return dir.resolve("library").toString();
  }

  private static String path(String name) {
    return dir.resolve("in/" + name).toString();
  }

  /** Writes the library's chat section: the test server with this key, or none (null). */
  private static void configureChat(String apiKey) throws IOException {
    String chat = apiKey == null ? "{}" : """
        {"baseUrl": "%s", "model": "vision-test", "apiKey": "%s", "maxRetries": 0, "timeoutSeconds": 10}
        """.formatted(server.baseUrl(), apiKey);
    Files.writeString(dir.resolve("library/settings.json"), "{\"chat\": " + chat + "}");
  }

  @Test
  void theAnswerStreamsAsJsonLinesAndItsCitationsNameTheRightImages() throws IOException {
    configureChat("sk-test-ASK123");
    int before = server.requests().size();
    server.enqueue(Reply.content("Invoice 201 came to 103 EUR [Image 1], and it was paid."));

    CliRun ask = run(Map.of(), "ask", "--library", library(), "--json", "--k", "2", "What", "is", "the", "invoice",
        "total?");

    assertThat(ask.exitCode()).as(ask.err()).isZero();
    List<JsonNode> lines = ask.jsonLines();
    List<JsonNode> tokens = lines.stream().filter(l -> l.get("type").asText().equals("token")).toList();
    assertThat(tokens).hasSizeGreaterThan(3);
    JsonNode answer = lines.get(lines.size() - 1);
    assertThat(answer.get("type").asText()).isEqualTo("answer");
    StringBuilder streamed = new StringBuilder();
    tokens.forEach(t -> streamed.append(t.get("text").asText()));
    assertThat(streamed.toString()).isEqualTo(answer.get("text").asText())
        .isEqualTo("Invoice 201 came to 103 EUR [Image 1], and it was paid.");
    assertThat(answer.get("generated").asBoolean()).isTrue();
    assertThat(answer.get("status").asText()).isEqualTo("complete");
    assertThat(answer.get("citations")).singleElement().satisfies(c -> {
      assertThat(c.get("number").asInt()).isEqualTo(1);
      assertThat(c.get("path").asText()).isEqualTo(path("invoice.png"));
      assertThat(c.get("score").asDouble()).isPositive();
    });
    assertThat(answer.get("images").size()).isBetween(1, 2);
    assertThat(server.requests()).hasSize(before + 1);
    RecordedRequest request = server.requests().get(before);
    assertThat(request.streamed()).isTrue();
    assertThat(request.headers().get("Authorization")).containsExactly("Bearer sk-test-ASK123");
    assertThat(request.imageParts()).hasSize(answer.get("images").size());
    assertThat(request.body().toString()).contains("What is the invoice total?").containsIgnoringCase("invoice 201");
  }

  @Test
  void theTextAnswerIsFollowedByTheCitedImagesWithPathsAndScores() throws IOException {
    configureChat("sk-test-ASK123");
    server.enqueue(Reply.content("The soup of the day is tomato [Image 1]."));

    CliRun ask = run(Map.of(), "ask", "--library", library(), "Which", "soup", "is", "on", "the", "lunch", "menu?");

    assertThat(ask.exitCode()).as(ask.err()).isZero();
    assertThat(ask.out()).startsWith("The soup of the day is tomato [Image 1].")
        .contains("Cited images:")
        .containsPattern("\\[Image 1\\]\\s+\\d+\\.\\d{4}\\s+" + java.util.regex.Pattern.quote(path("menu.png")));
    assertThat(ask.out()).doesNotContain(path("parking.png"));
  }

  @Test
  void withoutAModelTheAnswerIsRetrievalOnlyAndNothingIsSent() {
    int before = server.requests().size();

    CliRun ask = run(Map.of("OPENAI_API_KEY", "sk-test-UNUSED"), "ask", "--library", library(), "--json",
        "When", "does", "the", "parking", "permit", "expire?");

    assertThat(ask.exitCode()).as(ask.err()).isZero();
    JsonNode answer = ask.jsonLines().get(ask.jsonLines().size() - 1);
    assertThat(answer.get("generated").asBoolean()).isFalse();
    assertThat(answer.get("status").asText()).isEqualTo("retrieval_only");
    assertThat(answer.get("text").asText()).startsWith("Not a generated answer").containsIgnoringCase("March")
        .contains("chat.baseUrl");
    assertThat(answer.get("citations").get(0).get("path").asText()).isEqualTo(path("parking.png"));
    assertThat(server.requests()).hasSize(before);
  }

  @Test
  void aRejectedKeyGivesAOneLineErrorWithoutTheKey() throws IOException {
    configureChat("sk-test-WRONG999");
    server.enqueue(Reply.unauthorized());

    CliRun ask = run(Map.of(), "ask", "--library", library(), "What", "is", "the", "invoice", "total?");

    assertThat(ask.exitCode()).isEqualTo(Cli.FAILURE);
    List<String> errors = ask.err().lines().filter(l -> l.startsWith("error: ")).toList();
    assertThat(errors).singleElement().satisfies(e -> assertThat(e).containsIgnoringCase("key")
        .contains(server.baseUrl()));
    assertThat(ask.out() + ask.err()).doesNotContain("WRONG999");
    assertThat(Files.readString(dir.resolve("library/logs/image-rag.log"))).doesNotContain("WRONG999");
  }

  @Test
  void anUnreachableModelFallsBackToRetrievalAndExitsWithAnError() throws IOException {
    String gone;
    try (OpenAiTestServer stopped = OpenAiTestServer.start()) {
      gone = stopped.baseUrl();
    }
    Files.writeString(dir.resolve("library/settings.json"), """
        {"chat": {"baseUrl": "%s", "model": "vision-test", "maxRetries": 0, "timeoutSeconds": 5}}
        """.formatted(gone));

    CliRun ask = run(Map.of(), "ask", "--library", library(), "What", "is", "the", "invoice", "total?");

    assertThat(ask.exitCode()).isEqualTo(Cli.FAILURE);
    assertThat(ask.out()).startsWith("Not a generated answer").contains(path("invoice.png"));
    assertThat(ask.err()).contains("error: could not reach the chat model").contains(gone);
  }

  @Test
  void tooManyImagesIsABadUsage() {
    CliRun ask = run(Map.of(), "ask", "--library", library(), "--k", "9", "anything");

    assertThat(ask.exitCode()).isEqualTo(Cli.USAGE);
    assertThat(ask.err()).contains("--k must be between 1 and 8, got 9");
  }
}
