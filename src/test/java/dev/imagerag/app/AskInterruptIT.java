package dev.imagerag.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagerag.testing.JarProcess;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.openai.OpenAiTestServer;
import dev.imagerag.testing.openai.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl+C (SIGINT, or SIGTERM as here: both run the JVM's shutdown hooks) during `ask` stops the
 * answer instead of killing the process mid-write: what streamed is printed as a stopped answer
 * and the library is closed cleanly.
 */
class AskInterruptIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void interruptingAnAnswerKeepsWhatStreamedAndClosesTheLibrary() throws Exception {
    Path home = dir.resolve("home");
    Path library = dir.resolve("library");
    TestImages.write(TestImages.screenshot("Invoice 201 total 103 EUR paid", 900, 80), "png",
        dir.resolve("in/invoice.png"));
    assertThat(JarProcess.run(home, 300, "index", "--library", library.toString(), dir.resolve("in").toString())
        .exitCode()).isZero();

    try (OpenAiTestServer server = OpenAiTestServer.start()) {
      Files.writeString(library.resolve("settings.json"), """
          {"chat": {"baseUrl": "%s", "model": "vision-test", "apiKey": "sk-test-INT42", "maxRetries": 0}}
          """.formatted(server.baseUrl()));
      String full = "The invoice total is 103 EUR [Image 1]. " + "It was paid on time. ".repeat(100);
      server.enqueue(Reply.content(full).withPieceDelay(Duration.ofMillis(40)));

      Process ask = JarProcess.start(home, "ask", "--library", library.toString(), "--json", "What", "is", "the",
          "invoice", "total?");
      Path stdout = home.resolve("stdout.txt");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (tokens(stdout).size() < 5 && ask.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(ask.isAlive()).as("the answer must still be streaming when interrupted").isTrue();
      ask.destroy();
      assertThat(ask.waitFor(60, TimeUnit.SECONDS)).isTrue();

      List<JsonNode> lines = lines(stdout);
      JsonNode answer = lines.get(lines.size() - 1);
      assertThat(answer.get("type").asText()).isEqualTo("answer");
      assertThat(answer.get("status").asText()).isEqualTo("stopped");
      StringBuilder streamed = new StringBuilder();
      tokens(stdout).forEach(t -> streamed.append(t.get("text").asText()));
      assertThat(answer.get("text").asText()).isNotEmpty().isEqualTo(streamed.toString());
      assertThat(full).startsWith(streamed.toString()).isNotEqualTo(streamed.toString());
      String err = Files.readString(home.resolve("stderr.txt"));
      assertThat(err).doesNotContain("Exception").doesNotContain("sk-test-INT42");
    }
  }

  private static List<JsonNode> tokens(Path stdout) throws Exception {
    return lines(stdout).stream().filter(l -> l.path("type").asText().equals("token")).toList();
  }

  private static List<JsonNode> lines(Path stdout) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    if (!Files.exists(stdout)) {
      return lines;
    }
    for (String line : Files.readAllLines(stdout)) {
      if (line.startsWith("{") && line.endsWith("}")) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }
}
