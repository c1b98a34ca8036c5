package dev.imagerag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagerag.app.AppLibraryOpener;
import dev.imagerag.infra.files.ImageIoDecoder;
import dev.imagerag.infra.lucene.LuceneVectorStore;
import dev.imagerag.infra.models.HttpModelInstaller;
import dev.imagerag.infra.qdrant.QdrantVectorStore;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.library.LibraryOpener;
import dev.imagerag.logic.library.LibraryPaths;
import dev.imagerag.logic.store.SearchFilter;
import dev.imagerag.logic.store.StoreFactory;
import dev.imagerag.logic.store.StoreSettings;
import dev.imagerag.logic.store.VectorStore;
import dev.imagerag.testing.CliRun;
import dev.imagerag.testing.MixedFolder;
import dev.imagerag.testing.qdrant.FakeQdrantServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code migrate} in-process on a real library, with the Qdrant double as the server. The command is
 * registered here by hand until ImageRagCommand lists it.
 */
class MigrateCommandTest {
  @TempDir Path dir;
  private final FakeQdrantServer server = FakeQdrantServer.start();
  private StoreSettings saved = StoreSettings.DEFAULTS;

  @AfterEach
  void stop() {
    server.close();
  }

  /** The application's opener for libraries; Qdrant stores go to the double. */
  private final class TestOpener implements LibraryOpener, StoreFactory {
    private final AppLibraryOpener libraries = new AppLibraryOpener(Map.of(), "Linux", dir.resolve("home"));

    @Override
    public Library open(LibraryPaths paths, Access access, Options options) {
      return libraries.open(paths, access, options);
    }

    @Override
    public StoreSettings configured(Path libraryRoot) {
      return saved;
    }

    @Override
    public VectorStore open(StoreSettings settings, Path libraryRoot, Map<String, Integer> dimensions) {
      return settings.isQdrant()
          ? QdrantVectorStore.over(server.channel(), settings, libraryRoot, dimensions, false)
          : LuceneVectorStore.open(new LibraryPaths(libraryRoot).indexDir());
    }
  }

  private CliRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(new TestOpener(), Map.of(), "Linux", dir.resolve("home"),
        new PrintWriter(out, true), new PrintWriter(err, true), false, null, null, HttpModelInstaller::new,
        new ImageIoDecoder());
    CommandLine commandLine = new CommandLine(new ImageRagCommand(context))
        .setOut(context.out()).setErr(context.err());
    int code = commandLine.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  private String library() {
    return dir.resolve("library").toString();
  }

  @Test
  void migratingToQdrantCopiesEveryImageAndChecksTheCount() {
    Path folder = MixedFolder.create(dir.resolve("in"));
    assertThat(run("index", "--library", library(), folder.toString()).exitCode()).isZero();

    CliRun migrate = run("migrate", "--library", library(), "--json", "--to", "qdrant", "--collection", "mine");

    assertThat(migrate.exitCode()).as(migrate.err()).isZero();
    JsonNode result = migrate.json();
    assertThat(result.get("complete").asBoolean()).isTrue();
    assertThat(result.get("images").asLong()).isEqualTo(MixedFolder.IMAGES);
    assertThat(result.get("entries").asLong()).isEqualTo(MixedFolder.IMAGES);
    assertThat(result.get("target").asText()).isEqualTo("qdrant http://localhost:6334/mine");
    try (QdrantVectorStore copy = QdrantVectorStore.over(server.channel(),
        StoreSettings.qdrant(StoreSettings.DEFAULT_URL).withCollection("mine"), dir, Map.of(), true)) {
      assertThat(copy.count()).isEqualTo(MixedFolder.IMAGES);
      assertThat(copy.keyword("payroll", 5, SearchFilter.NONE)).isNotEmpty();
    }

    CliRun again = run("migrate", "--library", library(), "--to", "qdrant", "--collection", "mine");

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("Copied " + MixedFolder.IMAGES + " images to qdrant http://localhost:6334/mine")
        .contains("remoteIndex");
  }

  @Test
  void theLibrarysSavedQdrantSettingsAreTheDefaultTarget() {
    saved = StoreSettings.qdrant("http://qdrant.lan:6334").withCollection("saved-one");
    Path folder = MixedFolder.create(dir.resolve("in"));
    run("index", "--library", library(), folder.toString());

    CliRun migrate = run("migrate", "--library", library(), "--json", "--to", "qdrant");

    assertThat(migrate.exitCode()).as(migrate.err()).isZero();
    assertThat(migrate.json().get("target").asText()).isEqualTo("qdrant http://qdrant.lan:6334/saved-one");
  }

  @Test
  void migratingToTheStoreInUseIsRefused() {
    Path folder = MixedFolder.create(dir.resolve("in"));
    run("index", "--library", library(), folder.toString());

    CliRun migrate = run("migrate", "--library", library(), "--to", "embedded");

    assertThat(migrate.exitCode()).isNotZero();
    assertThat(migrate.err()).contains("already uses").contains("reindex");
  }

  @Test
  void anUnknownTargetIsABadValue() {
    CliRun migrate = run("migrate", "--library", library(), "--to", "lucene");

    assertThat(migrate.exitCode()).isNotZero();
    assertThat(migrate.err()).contains("embedded or qdrant");
  }
}
