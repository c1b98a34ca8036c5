package dev.imagerag.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.app.OpenAiChatTester;
import dev.imagerag.infra.files.JsonSettingsStore;
import dev.imagerag.logic.chat.ChatSettings;
import dev.imagerag.logic.embed.Device;
import dev.imagerag.logic.store.StoreSettings;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.openai.OpenAiTestServer;
import dev.imagerag.testing.openai.RecordedRequest;
import dev.imagerag.testing.openai.Reply;
import dev.imagerag.testing.qdrant.FakeQdrantServer;
import dev.imagerag.ui.common.ImmediateUiTasks;
import dev.imagerag.ui.common.UiTestLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsViewModelTest {
  @TempDir Path dir;
  private UiTestLibrary lib;
  private final ImmediateUiTasks tasks = new ImmediateUiTasks();
  private final List<String> hostCalls = new ArrayList<>();
  private SettingsViewModel settings;

  @BeforeEach
  void open() {
    lib = UiTestLibrary.open(dir);
    settings = new SettingsViewModel(lib.session, tasks, lib.opener,
        s -> "It works: echo answered with key " + s.apiKey(), new OpenAiChatTester(Map.of()),
        new SettingsViewModel.Host() {
          @Override
          public void switchLibrary(Path folder) {
            hostCalls.add("switch " + folder);
          }

          @Override
          public void reopenLibrary() {
            hostCalls.add("reopen");
          }
        });
    settings.load();
  }

  @AfterEach
  void close() {
    lib.close();
  }

  private String settingsFile() throws Exception {
    return Files.readString(lib.root.resolve("settings.json"));
  }

  @Test
  void theSavedSettingsFillTheForm() {
    SettingsForm form = settings.form();

    assertThat(settings.stateProperty().get()).isEqualTo(SettingsViewModel.State.EDITING);
    assertThat(form.libraryFolderProperty().get()).isEqualTo(lib.root.toString());
    assertThat(form.visualModelProperty().get()).isEqualTo("clip-vit-b32");
    assertThat(form.deviceProperty().get()).isEqualTo(Device.AUTO);
    assertThat(form.ocrLanguagesProperty().get()).isEqualTo("eng");
    assertThat(settings.activeDeviceProperty().get()).isEqualTo("In use now: cpu");
    assertThat(settings.models().rows()).extracting(ModelsViewModel.ModelRow::id).contains("clip-vit-b32");
    assertThat(settings.models().rows()).allSatisfy(r -> assertThat(r.label()).contains("missing"));
  }

  @Test
  void anInvalidValueIsRefusedWithItsReasonAndNothingIsWritten() throws Exception {
    String before = settingsFile();
    settings.form().ocrLanguagesProperty().set("english please");

    settings.save();

    assertThat(settings.stateProperty().get()).isEqualTo(SettingsViewModel.State.INVALID);
    assertThat(settings.errorProperty().get()).startsWith("OCR languages: languages must be Tesseract codes");
    assertThat(settingsFile()).isEqualTo(before);
    assertThat(hostCalls).isEmpty();
    settings.edited();
    assertThat(settings.errorProperty().get()).isEmpty();
  }

  @Test
  void aBadCaptionUrlIsRefused() {
    settings.form().captionUrlProperty().set("localhost:11434");

    settings.save();

    assertThat(settings.errorProperty().get()).startsWith("Captions: baseUrl must start with http://");
  }

  @Test
  void aValidChangeIsSavedAndTheLibraryReopened() throws Exception {
    settings.form().ocrLanguagesProperty().set("eng+fra");
    settings.form().deviceProperty().set(Device.CPU);

    settings.save();

    assertThat(settings.stateProperty().get()).isEqualTo(SettingsViewModel.State.SAVED);
    assertThat(settingsFile()).contains("\"languages\" : \"eng+fra\"").contains("\"device\" : \"cpu\"");
    assertThat(hostCalls).containsExactly("reopen");
  }

  @Test
  void savingWithoutChangesReopensNothing() {
    settings.save();

    assertThat(settings.stateProperty().get()).isEqualTo(SettingsViewModel.State.SAVED);
    assertThat(hostCalls).isEmpty();
  }

  @Test
  void anotherLibraryFolderSwitchesLibraries() {
    settings.form().libraryFolderProperty().set(dir.resolve("other").toString());

    settings.save();

    assertThat(hostCalls).containsExactly("switch " + dir.resolve("other"));
  }

  private StoreSettings savedStore() {
    return lib.session.require().settings().load().store();
  }

  @Test
  void theRemoteIndexSectionIsValidatedAndStored() {
    settings.form().indexUrlProperty().set("ftp://qdrant.local");
    settings.save();
    assertThat(settings.stateProperty().get()).isEqualTo(SettingsViewModel.State.INVALID);
    assertThat(settings.errorProperty().get()).startsWith("Remote index: url must start with http:// or https://");

    settings.form().indexUrlProperty().set("http://qdrant.local:6334");
    settings.form().indexKeyProperty().set("s3cret-key");
    settings.form().indexCollectionProperty().set("photos");
    settings.save();

    assertThat(settings.stateProperty().get()).isEqualTo(SettingsViewModel.State.SAVED);
    assertThat(savedStore()).isEqualTo(new StoreSettings(StoreSettings.Kind.EMBEDDED, "http://qdrant.local:6334",
        "s3cret-key", "photos", StoreSettings.DEFAULTS.timeout()));
    assertThat(savedStore().toString()).doesNotContain("s3cret-key");
  }

  @Test
  void aBlankCollectionStandsForTheLibrarysDefault() {
    assertThat(settings.form().indexCollectionProperty().get()).isEmpty();
    assertThat(settings.form().defaultCollectionProperty().get())
        .isEqualTo(StoreSettings.defaultCollection(lib.root)).startsWith("image-rag-library-");

    settings.form().ocrLanguagesProperty().set("eng+fra");
    settings.save();

    assertThat(savedStore().collection()).isNull();
  }

  @Test
  void turningOnQdrantCopiesTheIndexThereBeforeSwitching() throws Exception {
    TestImages.jpeg(dir.resolve("in/a.jpg"), 60, 40, 1);
    TestImages.jpeg(dir.resolve("in/b.jpg"), 60, 40, 2);
    lib.importFrom(dir.resolve("in"));
    try (FakeQdrantServer qdrant = FakeQdrantServer.onLoopback(null)) {
      settings.form().indexUrlProperty().set(qdrant.url());
      settings.testIndex();
      assertThat(settings.indexTestProperty().get()).isEqualTo("Connected to " + qdrant.url() + ": collection "
          + StoreSettings.defaultCollection(lib.root) + " holds 0 images");

      settings.form().indexEnabledProperty().set(true);
      List<String> copying = new ArrayList<>();
      settings.copyingProperty().addListener((o, was, now) -> copying.add(now));
      settings.save();

      assertThat(settings.stateProperty().get()).isEqualTo(SettingsViewModel.State.SAVED);
      assertThat(settings.indexTestProperty().get()).contains("2 images copied");
      assertThat(copying).first().isEqualTo("Copying the index…");
      assertThat(copying).contains("Copying the index… 0 of 2").last().isEqualTo("Copying the index… 2 of 2");
      assertThat(savedStore().isQdrant()).isTrue();
      assertThat(savedStore().collection()).isNull();
      assertThat(hostCalls).containsExactly("reopen");
      settings.testIndex();
      assertThat(settings.indexTestProperty().get()).endsWith("holds 2 images");
    }
  }

  @Test
  void theIndexDoesNotMoveWhileImagesAreBeingProcessed() {
    SettingsViewModel whileBusy = new SettingsViewModel(lib.session, tasks, lib.opener, s -> "", c -> "",
        new SettingsViewModel.Host() {
      @Override
      public void switchLibrary(Path folder) {
        hostCalls.add("switch " + folder);
      }

      @Override
      public void reopenLibrary() {
        hostCalls.add("reopen");
      }

      @Override
      public boolean busy() {
        return true;
      }
    });
    whileBusy.load();
    whileBusy.form().indexEnabledProperty().set(true);

    whileBusy.save();

    assertThat(whileBusy.stateProperty().get()).isEqualTo(SettingsViewModel.State.INVALID);
    assertThat(whileBusy.errorProperty().get()).startsWith("Remote index: images are being imported or processed");
    assertThat(savedStore().isQdrant()).isFalse();
    assertThat(hostCalls).isEmpty();
  }

  @Test
  void anUnreachableServerIsReportedAndNothingIsSaved() {
    settings.form().indexUrlProperty().set("http://127.0.0.1:9");
    settings.form().indexKeyProperty().set("qd-secret-key");
    settings.testIndex();
    assertThat(settings.indexTestProperty().get()).startsWith("Failed: ").doesNotContain("qd-secret-key");

    settings.form().indexEnabledProperty().set(true);
    settings.save();

    assertThat(settings.stateProperty().get()).isEqualTo(SettingsViewModel.State.FAILED);
    assertThat(settings.errorProperty().get()).isNotBlank();
    assertThat(savedStore().isQdrant()).isFalse();
    assertThat(hostCalls).isEmpty();
  }

  @Test
  void testingCaptionsNeverShowsTheKey() {
    settings.form().captionUrlProperty().set("http://127.0.0.1:9/v1");
    settings.form().captionKeyProperty().set("sk-very-secret");

    settings.testCaptions();

    assertThat(settings.captionTestProperty().get()).isEqualTo("It works: echo answered with key ****");
    assertThat(settings.testingProperty().get()).isFalse();
  }

  @Test
  void aFailedCaptionTestSaysWhy() {
    SettingsViewModel failing = new SettingsViewModel(lib.session, tasks, lib.opener, s -> {
      throw new IllegalStateException("Connection refused by 127.0.0.1:9 (key sk-abc123 rejected)");
    }, c -> "", null);
    failing.load();
    failing.form().captionKeyProperty().set("sk-abc123");

    failing.testCaptions();

    assertThat(failing.captionTestProperty().get()).startsWith("Failed: Connection refused").doesNotContain("sk-abc123");
  }

  private ChatSettings savedChat() {
    return new JsonSettingsStore(lib.root.resolve("settings.json")).load().chat();
  }

  @Test
  void theChatSectionIsValidatedAndStored() throws Exception {
    SettingsForm form = settings.form();
    assertThat(form.chatUrlProperty().get()).as("blank: the caption endpoint").isEmpty();
    assertThat(form.chatImagesProperty().get()).isEqualTo("3");
    assertThat(form.chatDetailProperty().get()).isEqualTo("low");

    form.chatUrlProperty().set("ftp://models.example");
    settings.save();
    assertThat(settings.stateProperty().get()).isEqualTo(SettingsViewModel.State.INVALID);
    assertThat(settings.errorProperty().get()).startsWith("Chat: baseUrl must start with http:// or https://");

    form.chatUrlProperty().set("http://127.0.0.1:11434/v1");
    form.chatImagesProperty().set("9");
    settings.save();
    assertThat(settings.errorProperty().get()).startsWith("Chat: maxImages").contains("9");

    form.chatImagesProperty().set("lots");
    settings.save();
    assertThat(settings.errorProperty().get()).isEqualTo("Chat: images per answer must be a whole number from 1 to 8, "
        + "got 'lots'");
    assertThat(savedChat()).isEqualTo(ChatSettings.DEFAULTS);
    assertThat(hostCalls).isEmpty();

    form.chatImagesProperty().set("5");
    form.chatDetailProperty().set("high");
    form.chatModelProperty().set("qwen2.5vl:7b");
    form.chatKeyProperty().set("sk-chat-key");
    settings.save();

    assertThat(settings.stateProperty().get()).isEqualTo(SettingsViewModel.State.SAVED);
    ChatSettings saved = savedChat();
    assertThat(saved.baseUrl()).isEqualTo("http://127.0.0.1:11434/v1");
    assertThat(saved.model()).isEqualTo("qwen2.5vl:7b");
    assertThat(saved.apiKey()).isEqualTo("sk-chat-key");
    assertThat(saved.maxImages()).isEqualTo(5);
    assertThat(saved.detail()).isEqualTo("high");
    assertThat(hostCalls).containsExactly("reopen");
  }

  @Test
  void blankChatFieldsAreSavedAsUseTheCaptionEndpoint() {
    settings.form().chatUrlProperty().set("  ");
    settings.form().chatImagesProperty().set("2");

    settings.save();

    ChatSettings saved = savedChat();
    assertThat(saved.baseUrl()).isNull();
    assertThat(saved.model()).isNull();
    assertThat(saved.apiKey()).isNull();
    assertThat(saved.maxImages()).isEqualTo(2);
  }

  @Test
  void testingChatAsksTheCaptionEndpointWhenBlankAndNeverShowsTheKey() {
    try (OpenAiTestServer server = OpenAiTestServer.start()) {
      server.otherwise(request -> Reply.content("A red circle."));
      settings.form().captionUrlProperty().set(server.baseUrl());
      settings.form().captionModelProperty().set("vision-1");
      settings.form().captionKeyProperty().set("sk-caption-secret");

      settings.testChat();

      assertThat(settings.chatTestProperty().get()).startsWith("It works: vision-1 answered in ")
          .endsWith("“A red circle.”").doesNotContain("sk-caption-secret");
      assertThat(settings.testingChatProperty().get()).isFalse();
      RecordedRequest sent = server.requests().get(0);
      assertThat(sent.model()).isEqualTo("vision-1");
      assertThat(sent.authorization()).isEqualTo("Bearer sk-caption-secret");
      assertThat(sent.imageParts()).hasSize(1);

      settings.form().chatModelProperty().set("chat-2");
      settings.form().chatKeyProperty().set("sk-chat-secret");
      settings.testChat();

      RecordedRequest second = server.requests().get(1);
      assertThat(second.model()).isEqualTo("chat-2");
      assertThat(second.authorization()).isEqualTo("Bearer sk-chat-secret");
    }
  }

  @Test
  void aFailedChatTestSaysWhyWithoutTheKey() {
    try (OpenAiTestServer server = OpenAiTestServer.start()) {
      server.otherwise(request -> Reply.unauthorized());
      settings.form().chatUrlProperty().set(server.baseUrl());
      settings.form().chatModelProperty().set("chat-2");
      settings.form().chatKeyProperty().set("sk-wrong-chat-key");

      settings.testChat();

      assertThat(settings.chatTestProperty().get()).startsWith("Failed: ").containsIgnoringCase("key")
          .doesNotContain("sk-wrong-chat-key");
    }
  }

  @Test
  void anInvalidChatValueIsReportedByTestWithoutSending() {
    settings.form().chatImagesProperty().set("0");

    settings.testChat();

    assertThat(settings.chatTestProperty().get()).startsWith("Chat: maxImages");
  }
}
