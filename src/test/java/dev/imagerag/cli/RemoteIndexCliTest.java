package dev.imagerag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagerag.app.AppLibraryOpener;
import dev.imagerag.infra.files.ImageIoDecoder;
import dev.imagerag.infra.models.HttpModelInstaller;
import dev.imagerag.testing.CliRun;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.qdrant.FakeQdrantServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line against a Qdrant server reached by URL over TCP, as users run it: the index
 * lives in the server's collection, searches are answered from it, the key travels only to the
 * server, and `migrate` moves the index back into the library folder.
 */
class RemoteIndexCliTest {
  private static final String KEY = "qd-SECRET789";

  @TempDir Path dir;
  private FakeQdrantServer server;

  @BeforeEach
  void startServer() {
    server = FakeQdrantServer.onLoopback(KEY);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private CliRun run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(new AppLibraryOpener(env, "Linux", dir.resolve("home")), env, "Linux",
        dir.resolve("home"), new PrintWriter(out, true), new PrintWriter(err, true), false, null, null,
        HttpModelInstaller::new, new ImageIoDecoder());
    return new CliRun(Cli.run(args, context), out.toString(), err.toString());
  }

  private CliRun withKey(String... args) {
    return run(Map.of("QDRANT_API_KEY", KEY), args);
  }

  private String[] remote(String... args) {
    String[] all = new String[args.length + 8];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(new String[] {"--library", dir.resolve("library").toString(), "--models",
        dir.resolve("models").toString(), "--store", "qdrant", "--qdrant-url", server.url()}, 0, all, args.length, 8);
    return all;
  }

  private Path photos() throws Exception {
    Path in = dir.resolve("in");
    TestImages.png(in.resolve("invoice-march.png"), 120, 90, 1);
    TestImages.png(in.resolve("sunset-beach.png"), 120, 90, 2);
    TestImages.jpeg(in.resolve("holiday/harbour.jpg"), 160, 120, 3);
    return in;
  }

  @Test
  void theIndexLivesInTheServersCollectionAndAnswersSearches() throws Exception {
    Path in = photos();

    CliRun index = withKey(remote("index", in.toString()));
    CliRun search = withKey(remote("search", "--mode", "keyword", "--json", "invoice"));
    CliRun status = withKey(remote("status", "--json"));

    assertThat(index.exitCode()).as(index.err()).isZero();
    assertThat(server.callsTo("Upsert")).isPositive();
    assertThat(search.exitCode()).as(search.err()).isZero();
    assertThat(search.jsonLines()).first()
        .satisfies(hit -> assertThat(hit.get("path").asText()).endsWith("invoice-march.png"));
    JsonNode s = status.json();
    assertThat(s.get("index").get("kind").asText()).isEqualTo("qdrant");
    assertThat(s.get("index").get("entries").asLong()).isEqualTo(3);
    assertThat(s.get("index").get("location").asText()).contains(server.url().replace("http://", ""));
    assertThat(Files.exists(dir.resolve("library/index/segments_1")))
        .as("nothing went into the embedded index").isFalse();
  }

  @Test
  void statusSaysWhenTheServerIsUnreachable() throws Exception {
    assertThat(withKey(remote("index", photos().toString())).exitCode()).isZero();
    server.goDown();

    CliRun status = withKey(remote("status"));

    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out()).containsPattern("Index +qdrant, unreachable, size unknown, .*\\(unreachable\\)")
        .doesNotContain("-1 entries");
  }

  @Test
  void aWrongKeyIsReportedWithoutEchoingItAndNothingIsLost() throws Exception {
    Path in = photos();
    assertThat(withKey(remote("index", in.toString())).exitCode()).isZero();

    CliRun wrong = run(Map.of("QDRANT_API_KEY", "qd-WRONG-KEY-000"), remote("search", "--mode", "keyword", "sunset"));
    CliRun again = withKey(remote("search", "--mode", "keyword", "--json", "sunset"));

    assertThat(wrong.exitCode()).isEqualTo(1);
    assertThat(wrong.err()).containsIgnoringCase("key").doesNotContain("qd-WRONG-KEY-000").doesNotContain("\tat ");
    assertThat(again.jsonLines()).first()
        .satisfies(hit -> assertThat(hit.get("path").asText()).endsWith("sunset-beach.png"));
    try (Stream<Path> logs = Files.walk(dir.resolve("library/logs"))) {
      for (Path log : logs.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(log)).doesNotContain(KEY).doesNotContain("qd-WRONG-KEY-000");
      }
    }
  }

  @Test
  void migrateBringsTheIndexHomeIntoTheLibraryFolder() throws Exception {
    Path in = photos();
    assertThat(withKey(remote("index", in.toString())).exitCode()).isZero();

    CliRun migrate = withKey(remote("migrate", "--to", "embedded", "--json"));
    CliRun local = run(Map.of(), "search", "--library", dir.resolve("library").toString(), "--models",
        dir.resolve("models").toString(), "--mode", "keyword", "--json", "harbour");

    assertThat(migrate.exitCode()).as(migrate.out() + migrate.err()).isZero();
    assertThat(migrate.json().get("entries").asLong()).isEqualTo(3);
    assertThat(migrate.json().get("complete").asBoolean()).isTrue();
    assertThat(local.exitCode()).as(local.err()).isZero();
    assertThat(local.jsonLines()).first()
        .satisfies(hit -> assertThat(hit.get("path").asText()).endsWith("harbour.jpg"));
  }

  @Test
  void afterMigratingTheLibraryUsesTheCopyWithoutIndexingAgain() throws Exception {
    Path in = photos();
    String library = dir.resolve("library").toString();
    String models = dir.resolve("models").toString();
    assertThat(run(Map.of(), "index", "--library", library, "--models", models, in.toString()).exitCode()).isZero();
    CliRun migrate = withKey("migrate", "--library", library, "--models", models, "--to", "qdrant", "--qdrant-url",
        server.url(), "--json");
    assertThat(migrate.exitCode()).as(migrate.out() + migrate.err()).isZero();
    long upserts = server.callsTo("Upsert");

    CliRun index = withKey(remote("index", "--json"));
    CliRun search = withKey(remote("search", "--mode", "keyword", "--json", "harbour"));

    assertThat(index.exitCode()).as(index.err()).isZero();
    assertThat(server.callsTo("Upsert")).as("the migrated collection is used as it is").isEqualTo(upserts);
    assertThat(search.jsonLines()).first()
        .satisfies(hit -> assertThat(hit.get("path").asText()).endsWith("harbour.jpg"));
  }

  @Test
  void switchedWithoutMigratingTheNewIndexIsFilledWhenTheLibraryOpens() throws Exception {
    Path in = photos();
    String library = dir.resolve("library").toString();
    String models = dir.resolve("models").toString();
    assertThat(run(Map.of(), "index", "--library", library, "--models", models, in.toString()).exitCode()).isZero();

    CliRun index = withKey(remote("index"));
    CliRun status = withKey(remote("status", "--json"));
    CliRun search = withKey(remote("search", "--mode", "keyword", "--json", "invoice"));

    assertThat(index.exitCode()).as(index.err()).isZero();
    assertThat(status.json().get("index").get("entries").asLong()).isEqualTo(3);
    assertThat(search.jsonLines()).first()
        .satisfies(hit -> assertThat(hit.get("path").asText()).endsWith("invoice-march.png"));
  }
}
