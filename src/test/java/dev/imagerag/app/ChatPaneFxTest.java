package dev.imagerag.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.domain.ImageId;
import dev.imagerag.infra.files.JsonSettingsStore;
import dev.imagerag.logic.chat.ChatSettings;
import dev.imagerag.logic.ingest.ImportRequest;
import dev.imagerag.logic.jobs.JobControl;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.library.LibraryOpener;
import dev.imagerag.logic.library.LibraryPaths;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.openai.OpenAiTestServer;
import dev.imagerag.testing.openai.Reply;
import dev.imagerag.ui.chat.ChatEntry;
import dev.imagerag.ui.detail.DetailViewModel;
import dev.imagerag.ui.shell.ShellViewModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat pane in the real window (headless), on a real library, answered by a local server
 * speaking the OpenAI chat-completions protocol with streaming.
 */
class ChatPaneFxTest {
  @TempDir Path dir;
  private final OpenAiTestServer server = OpenAiTestServer.start();
  private WindowDriver window;
  private ImageId invoice;

  @AfterEach
  void closeAll() throws Exception {
    if (window != null) {
      window.close();
    }
    server.close();
  }

  private Path library() throws InterruptedException {
    Path library = dir.resolve("library");
    TestImages.write(TestImages.screenshot("Invoice 201 total amount 103 EUR paid", 900, 80), "png",
        dir.resolve("in/invoice.png"));
    TestImages.write(TestImages.screenshot("Lunch menu tomato soup and grilled cheese", 900, 80), "png",
        dir.resolve("in/menu.png"));
    try (Library lib = new AppLibraryOpener(Map.of(), "Linux", dir.resolve("home")).open(
        new LibraryPaths(library), LibraryOpener.Access.WRITE)) {
      lib.pipeline().run(ImportRequest.of(List.of(dir.resolve("in"))), new JobControl(), lib.pipeline().newProgress());
      invoice = lib.catalog().findPath(dir.resolve("in/invoice.png").toString()).orElseThrow().imageId();
    }
    JsonSettingsStore settings = new JsonSettingsStore(new LibraryPaths(library).settingsFile());
    settings.save(settings.load().withChat(new ChatSettings(null, server.baseUrl(), "vision-test", "sk-test-FX",
        3, "low", 768, true, 2000, 2000, 400, Duration.ofSeconds(10), 0)));
    return library;
  }

  @Test
  void aQuestionTypedInThePaneStreamsItsAnswerAndTheCitedImageOpensInTheDetailView() throws Exception {
    window = WindowDriver.start(dir.resolve("home"), library(), dir.resolve("models"));
    window.waitFor(20, () -> window.model().stateProperty().get() == ShellViewModel.State.READY);
    WindowDriver.runFx(() -> window.model().setChatVisible(true));
    server.enqueue(Reply.content("Invoice 201 came to 103 EUR [Image 1]."));

    // Focused directly: a notification may float over the input box at first.
    WindowDriver.runFx(() -> window.robot.lookup("#chatInput").queryAs(TextArea.class).requestFocus());
    window.robot.write("What is the invoice");
    window.robot.press(KeyCode.SHIFT).type(KeyCode.ENTER).release(KeyCode.SHIFT);
    window.robot.write("total?");

    assertThat(WindowDriver.onFx(() -> window.robot.lookup("#chatInput").queryAs(TextArea.class).getText()))
        .isEqualTo("What is the invoice\ntotal?");
    assertThat(WindowDriver.onFx(() -> window.model().chat().entries().size())).isZero();

    window.robot.type(KeyCode.ENTER);
    window.waitFor(20, () -> !window.model().chat().entries().isEmpty() && window.model().chat().entries().get(0)
        .statusProperty().get() == ChatEntry.Status.COMPLETE);
    WindowDriver.screenshot(window.scene(), "chat-pane"); // also lets the pane lay out its new nodes

    assertThat(WindowDriver.onFx(() -> window.robot.lookup(".chat-answer").queryAs(Label.class).getText()))
        .isEqualTo("Invoice 201 came to 103 EUR [Image 1].");
    assertThat(WindowDriver.onFx(() -> window.robot.lookup("#chatInput").queryAs(TextArea.class).getText()))
        .isEmpty();
    assertThat(server.requests().get(0).body().toString()).contains("What is the invoice\\ntotal?");
    Button citation = WindowDriver.onFx(() -> window.robot.lookup(".chat-citation").queryAs(Button.class));
    assertThat(citation.getText()).isEqualTo("[Image 1]");

    window.robot.clickOn(citation);
    window.waitFor(20, () -> window.model().detail().stateProperty().get() == DetailViewModel.State.SHOWN);

    assertThat(WindowDriver.onFx(() -> window.model().detail().idProperty().get())).isEqualTo(invoice);
  }

  @Test
  void askingAboutTheSelectedImageSendsOnlyThatImage() throws Exception {
    window = WindowDriver.start(dir.resolve("home"), library(), dir.resolve("models"));
    window.waitFor(20, () -> window.model().stateProperty().get() == ShellViewModel.State.READY
        && window.model().gallery().items().size() == 2);
    WindowDriver.runFx(() -> window.model().setChatVisible(true));
    CheckBox about = WindowDriver.onFx(() -> window.robot.lookup("#chatAboutSelection").queryAs(CheckBox.class));
    assertThat(WindowDriver.onFx(about::isVisible)).isFalse();

    WindowDriver.runFx(() -> {
      var gallery = window.model().gallery();
      int menu = gallery.items().indexOf(gallery.items().stream()
          .filter(item -> item.fileName().equals("menu.png")).findFirst().orElseThrow());
      gallery.selection().click(menu, false, false);
    });
    window.waitFor(10, about::isVisible);
    assertThat(WindowDriver.onFx(about::getText)).isEqualTo("Ask about the selected images (1)");
    WindowDriver.runFx(about::fire); // as a click does (a notification may float over the pane's bottom)
    window.waitFor(10, () -> window.model().chat().scope().aboutSelectionProperty().get());
    assertThat(WindowDriver.onFx(() -> window.robot.lookup("#chatScope").queryAs(Label.class).getText()))
        .isEqualTo("About the selected image");

    server.enqueue(Reply.content("No invoice is shown; this is a lunch menu [Image 1]."));
    WindowDriver.runFx(() -> {
      window.model().chat().inputProperty().set("What is the invoice total?");
      window.model().chat().send();
    });
    window.waitFor(20, () -> !window.model().chat().entries().isEmpty() && window.model().chat().entries().get(0)
        .statusProperty().get() == ChatEntry.Status.COMPLETE);
    WindowDriver.screenshot(window.scene(), "chat-about-selection");

    assertThat(server.requests().get(0).imageParts()).hasSize(1);
    assertThat(WindowDriver.onFx(() -> window.model().chat().entries().get(0).citedOrShown()))
        .singleElement().satisfies(image -> assertThat(image.path()).endsWith("menu.png"));
  }
}
