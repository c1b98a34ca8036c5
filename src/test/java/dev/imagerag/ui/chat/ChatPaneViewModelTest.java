package dev.imagerag.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.app.AppChatOpener;
import dev.imagerag.domain.ImageId;
import dev.imagerag.infra.files.JsonSettingsStore;
import dev.imagerag.logic.chat.ChatSettings;
import dev.imagerag.logic.chat.ConversationSummary;
import dev.imagerag.logic.settings.Settings;
import dev.imagerag.logic.store.SearchFilter;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.openai.OpenAiTestServer;
import dev.imagerag.testing.openai.Reply;
import dev.imagerag.ui.common.ImmediateUiTasks;
import dev.imagerag.ui.common.RecordingDesktop;
import dev.imagerag.ui.common.UiTestLibrary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat pane's view model over a real library (imported with real OCR) and the real chat
 * service, answering through a local server that speaks the OpenAI chat-completions protocol.
 */
class ChatPaneViewModelTest {
  private static final String INVOICE = "Invoice 201 total amount 103 EUR paid";
  private static final String MENU = "Lunch menu tomato soup and grilled cheese";

  @TempDir static Path dir;
  private static UiTestLibrary lib;
  private static OpenAiTestServer server;

  private final ImmediateUiTasks tasks = new ImmediateUiTasks();
  private final RecordingDesktop desktop = new RecordingDesktop();
  private final List<ImageId> opened = new ArrayList<>();
  private ChatPaneViewModel model;

  @BeforeAll
  static void importLibrary() throws InterruptedException {
    server = OpenAiTestServer.start();
    TestImages.write(TestImages.screenshot(INVOICE, 900, 80), "png", dir.resolve("in/invoice.png"));
    TestImages.write(TestImages.screenshot(MENU, 900, 80), "png", dir.resolve("in/menu.png"));
    lib = UiTestLibrary.open(dir);
    lib.importFrom(dir.resolve("in"));
  }

  @AfterAll
  static void closeAll() {
    lib.close();
    server.close();
  }

  @AfterEach
  void closeModel() {
    if (model != null) {
      model.close();
    }
  }

  /** A pane over the library, answering with the test server ({@code apiKey}) or retrieval-only (null). */
  private ChatPaneViewModel pane(String apiKey) {
    JsonSettingsStore store = new JsonSettingsStore(lib.library().paths().settingsFile());
    Settings settings = store.load();
    store.save(settings.withChat(apiKey == null ? ChatSettings.DEFAULTS : new ChatSettings(null, server.baseUrl(),
        "vision-test", apiKey, 3, "low", 768, true, 2000, 2000, 400, Duration.ofSeconds(10), 0)));
    model = new ChatPaneViewModel(lib.session, tasks, desktop, opened::add);
    model.useChats(new AppChatOpener(Map.of()));
    model.libraryOpened();
    return model;
  }

  private ImageId id(String name) {
    return lib.library().catalog().findPath(dir.resolve("in/" + name).toString()).orElseThrow().imageId();
  }

  private static ChatEntry ask(ChatPaneViewModel pane, String question) {
    pane.inputProperty().set(question);
    pane.send();
    return pane.entries().get(pane.entries().size() - 1);
  }

  /** Every value the newest entry's answer takes while it streams. */
  private static List<String> recordAnswers(ChatPaneViewModel pane) {
    List<String> values = new ArrayList<>();
    pane.entries().addListener((ListChangeListener<ChatEntry>) change -> {
      while (change.next()) {
        change.getAddedSubList().forEach(e -> e.answerProperty().addListener((o, was, now) -> values.add(now)));
      }
    });
    return values;
  }

  @Test
  void theAnswerStreamsInAndItsCitedImageOpensTheDetailView() {
    ChatPaneViewModel pane = pane("sk-test-PANE1");
    server.enqueue(Reply.content("Invoice 201 came to 103 EUR [Image 1]."));
    List<String> streamed = recordAnswers(pane);

    ChatEntry entry = ask(pane, "What is the invoice total?");

    assertThat(pane.modelTextProperty().get()).isEqualTo("Answers by vision-test at " + server.baseUrl());
    assertThat(pane.inputProperty().get()).isEmpty();
    assertThat(streamed).hasSizeGreaterThan(2).last().isEqualTo("Invoice 201 came to 103 EUR [Image 1].");
    assertThat(streamed.get(0)).isNotEqualTo(streamed.get(streamed.size() - 1));
    assertThat(entry.statusProperty().get()).isEqualTo(ChatEntry.Status.COMPLETE);
    assertThat(entry.citedOrShown()).singleElement().satisfies(image -> {
      assertThat(image.number()).isEqualTo(1);
      assertThat(image.cited()).isTrue();
      assertThat(image.id()).isEqualTo(id("invoice.png"));
    });
    assertThat(pane.stateProperty().get()).isEqualTo(ChatPaneViewModel.State.IDLE);

    pane.open(entry.citedOrShown().get(0));
    pane.copy(entry);

    assertThat(opened).containsExactly(id("invoice.png"));
    assertThat(desktop.copied).singleElement().asString().startsWith("Invoice 201 came to 103 EUR [Image 1].")
        .contains("[Image 1] " + dir.resolve("in/invoice.png"));
  }

  @Test
  void withoutAModelTheAnswerIsLabelledNotGeneratedAndNothingIsSent() {
    int before = server.requests().size();
    ChatPaneViewModel pane = pane(null);

    ChatEntry entry = ask(pane, "Which soup is on the lunch menu?");

    assertThat(pane.generatesProperty().get()).isFalse();
    assertThat(pane.modelTextProperty().get()).contains("Retrieval-only");
    assertThat(entry.statusProperty().get()).isEqualTo(ChatEntry.Status.NOT_GENERATED);
    assertThat(entry.answerProperty().get()).startsWith("Not a generated answer").containsIgnoringCase("tomato");
    assertThat(entry.citedOrShown().get(0).id()).isEqualTo(id("menu.png"));
    assertThat(ChatPaneViewModel.NOT_GENERATED_HINT).contains("Settings");
    assertThat(server.requests()).hasSize(before);
  }

  @Test
  void aFailedAnswerShowsItsErrorWithoutTheKeyAndRetryAnswers() {
    ChatPaneViewModel pane = pane("sk-test-WRONGPANE");
    server.enqueue(Reply.unauthorized(), Reply.content("The total is 103 EUR [Image 1]."));

    ChatEntry failed = ask(pane, "What is the invoice total?");

    assertThat(failed.statusProperty().get()).isEqualTo(ChatEntry.Status.FAILED);
    assertThat(failed.errorProperty().get()).containsIgnoringCase("key").doesNotContain("WRONGPANE");

    pane.retry(failed);

    assertThat(pane.entries()).singleElement().satisfies(entry -> {
      assertThat(entry.question()).isEqualTo("What is the invoice total?");
      assertThat(entry.statusProperty().get()).isEqualTo(ChatEntry.Status.COMPLETE);
      assertThat(entry.answerProperty().get()).isEqualTo("The total is 103 EUR [Image 1].");
    });
  }

  @Test
  void stopKeepsWhatStreamed() {
    ChatPaneViewModel pane = pane("sk-test-PANE1");
    server.enqueue(Reply.content("alpha beta gamma delta epsilon zeta eta theta"));
    pane.entries().addListener((ListChangeListener<ChatEntry>) change -> {
      while (change.next()) {
        change.getAddedSubList().forEach(e -> e.answerProperty().addListener((o, was, now) -> {
          if (now.startsWith("alpha beta")) {
            pane.stopAnswer();
          }
        }));
      }
    });

    ChatEntry entry = ask(pane, "What is the invoice total?");

    assertThat(entry.statusProperty().get()).isEqualTo(ChatEntry.Status.STOPPED);
    assertThat(entry.answerProperty().get()).isEqualTo("alpha beta ");
    assertThat(pane.stateProperty().get()).isEqualTo(ChatPaneViewModel.State.IDLE);
  }

  @Test
  void conversationsAreKeptListedAndReopenedWithTheirTurns() {
    ChatPaneViewModel pane = pane("sk-test-PANE1");
    server.enqueue(Reply.content("103 EUR [Image 1]."), Reply.content("Tomato soup [Image 1]."));

    ask(pane, "What is the invoice total?");
    Long conversation = pane.conversationProperty().get();
    ask(pane, "Which soup is on the lunch menu today?");

    assertThat(pane.conversationProperty().get()).isEqualTo(conversation).isNotNull();
    assertThat(pane.conversations()).anySatisfy(c -> {
      assertThat(c.id()).isEqualTo(conversation);
      assertThat(c.title()).isEqualTo("What is the invoice total?");
      assertThat(c.turns()).isEqualTo(2);
    });

    pane.newConversation();

    assertThat(pane.entries()).isEmpty();
    assertThat(pane.conversationProperty().get()).isNull();
    assertThat(pane.stateProperty().get()).isEqualTo(ChatPaneViewModel.State.EMPTY);

    pane.openConversation(pane.conversations().stream().filter(c -> c.id() == conversation).findFirst()
        .orElseThrow());

    assertThat(pane.entries()).extracting(e -> e.answerProperty().get())
        .containsExactly("103 EUR [Image 1].", "Tomato soup [Image 1].");
    assertThat(pane.entries().get(1).citedOrShown().get(0).id()).isEqualTo(id("menu.png"));
    assertThat(pane.conversationProperty().get()).isEqualTo(conversation);
  }

  @Test
  void aStoredConversationCanBeRenamedAndDeleted() {
    ChatPaneViewModel pane = pane("sk-test-PANE1");
    server.enqueue(Reply.content("103 EUR [Image 1]."));
    ask(pane, "How much was invoice 201?");
    long id = pane.conversationProperty().get();
    ConversationSummary stored = pane.conversations().stream().filter(c -> c.id() == id).findFirst().orElseThrow();

    pane.history().rename(stored, "   ");
    assertThat(pane.history().problemProperty().get()).isEqualTo("A conversation needs a title.");

    pane.history().rename(stored, "  Invoice   totals ");

    assertThat(pane.history().problemProperty().get()).isEmpty();
    assertThat(pane.conversations()).filteredOn(c -> c.id() == id).singleElement()
        .satisfies(c -> assertThat(c.title()).isEqualTo("Invoice totals"));
    assertThat(pane.entries()).hasSize(1);

    pane.history().delete(pane.conversations().stream().filter(c -> c.id() == id).findFirst().orElseThrow());

    assertThat(pane.conversations()).noneSatisfy(c -> assertThat(c.id()).isEqualTo(id));
    assertThat(pane.entries()).as("the deleted conversation was on screen").isEmpty();
    assertThat(pane.conversationProperty().get()).isNull();
    assertThat(pane.stateProperty().get()).isEqualTo(ChatPaneViewModel.State.EMPTY);

    pane.history().delete(stored);
    assertThat(pane.history().problemProperty().get()).isEqualTo("The conversation \"How much was invoice 201?\" no "
        + "longer exists.");
  }

  @Test
  void withoutChatWiringAnswersAreRetrievalOnly() {
    int before = server.requests().size();
    pane("sk-test-PANE1"); // configured, but this pane is not told how to build the model
    model.close();
    model = new ChatPaneViewModel(lib.session, tasks, desktop, opened::add);
    model.libraryOpened();

    ChatEntry entry = ask(model, "What is the invoice total?");

    assertThat(entry.statusProperty().get()).isEqualTo(ChatEntry.Status.NOT_GENERATED);
    assertThat(entry.citedOrShown().get(0).id()).isEqualTo(id("invoice.png"));
    assertThat(server.requests()).hasSize(before);
  }

  @Test
  void anEmptyInputAsksNothing() {
    ChatPaneViewModel pane = pane(null);
    pane.inputProperty().set("   \n ");

    pane.send();

    assertThat(pane.entries()).isEmpty();
    assertThat(pane.stateProperty().get()).isEqualTo(ChatPaneViewModel.State.EMPTY);
  }

  /** The gallery's filters and selection as the window reports them. */
  private static final class GalleryState implements ChatScope.Source {
    SearchFilter filter = SearchFilter.NONE;
    String filterText = "";
    List<ImageId> selected = List.of();

    @Override
    public SearchFilter filter() {
      return filter;
    }

    @Override
    public String filterText() {
      return filterText;
    }

    @Override
    public List<ImageId> selected() {
      return selected;
    }
  }

  private ChatPaneViewModel retrievalOnly(GalleryState gallery) {
    pane(null).close();
    model = new ChatPaneViewModel(lib.session, tasks, desktop, opened::add, gallery);
    model.useChats(new AppChatOpener(Map.of()));
    model.libraryOpened();
    return model;
  }

  @Test
  void questionsDrawOnlyOnImagesTheGallerysFiltersLetThrough() {
    GalleryState gallery = new GalleryState();
    gallery.filter = SearchFilter.NONE.withPathPrefixes(List.of(dir.resolve("in/menu").toString()));
    gallery.filterText = "in menu";
    ChatPaneViewModel pane = retrievalOnly(gallery);
    pane.scope().changed();

    ChatEntry entry = ask(pane, "What is the invoice total?");

    assertThat(pane.scope().textProperty().get()).isEqualTo("Only images matching: in menu");
    assertThat(entry.citedOrShown()).isNotEmpty().allSatisfy(image -> assertThat(image.id()).isEqualTo(id("menu.png")));
  }

  @Test
  void askingAboutTheSelectionDrawsOnTheSelectedImagesEvenOutsideTheFilters() {
    GalleryState gallery = new GalleryState();
    gallery.filter = SearchFilter.NONE.withPathPrefixes(List.of(dir.resolve("in/invoice").toString()));
    gallery.filterText = "in invoice";
    ChatPaneViewModel pane = retrievalOnly(gallery);
    assertThat(pane.scope().selectedCountProperty().get()).isZero();

    gallery.selected = List.of(id("menu.png"));
    pane.scope().changed();
    pane.scope().aboutSelectionProperty().set(true);
    ChatEntry entry = ask(pane, "What is the invoice total?");

    assertThat(pane.scope().selectedCountProperty().get()).isEqualTo(1);
    assertThat(pane.scope().textProperty().get()).isEqualTo("About the selected image");
    assertThat(entry.citedOrShown()).isNotEmpty().allSatisfy(image -> assertThat(image.id()).isEqualTo(id("menu.png")));

    gallery.selected = List.of();
    pane.scope().changed();

    assertThat(pane.scope().aboutSelectionProperty().get()).as("nothing selected any more").isFalse();
    assertThat(pane.scope().textProperty().get()).isEqualTo("Only images matching: in invoice");
    pane.newConversation(); // a follow-up could lean on the images of the answer before
    ChatEntry next = ask(pane, "Which soup is on the lunch menu today?");
    assertThat(next.citedOrShown()).isNotEmpty()
        .allSatisfy(image -> assertThat(image.id()).isEqualTo(id("invoice.png")));
  }
}
