package dev.imagerag.infra.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagerag.domain.ImageRagException;
import dev.imagerag.logic.caption.CaptionSettings;
import dev.imagerag.logic.chat.ChatSettings;
import dev.imagerag.logic.embed.Device;
import dev.imagerag.logic.ocr.OcrSettings;
import dev.imagerag.logic.search.SearchSettings;
import dev.imagerag.logic.store.StoreSettings;
import dev.imagerag.logic.settings.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonSettingsStoreTest {
  @TempDir Path dir;

  private static Settings withSecret() {
    CaptionSettings captions = new CaptionSettings(true, "http://localhost:11434/v1", "llava", "sk-test-SECRET123",
        3, Duration.ofSeconds(30), 2, 512, "high", 0.1, 0.2);
    return Settings.DEFAULTS
        .withCaptions(captions)
        .withOcr(new OcrSettings(true, "eng+fra", "/opt/tessdata", Duration.ofSeconds(15), 2))
        .withEmbedding(Settings.DEFAULTS.embedding().withDevice(Device.CPU).withVisualModel("siglip-base-224"))
        .withSearch(new SearchSettings(2.0, 0.5, 0.0, 0.9))
        .withStore(StoreSettings.qdrant("https://qdrant.example:6334").withApiKey("qd-SECRET456")
            .withCollection("photos").withTimeout(Duration.ofSeconds(5)));
  }

  @Test
  void missingFileGivesTheDefaults() {
    assertThat(new JsonSettingsStore(dir.resolve("settings.json")).load()).isEqualTo(Settings.DEFAULTS);
  }

  @Test
  void everySectionSurvivesASaveAndLoad() {
    JsonSettingsStore store = new JsonSettingsStore(dir.resolve("settings.json"));
    Settings settings = withSecret();

    store.save(settings);
    Settings loaded = store.load();

    assertThat(loaded.captions()).isEqualTo(settings.captions());
    assertThat(loaded.ocr()).isEqualTo(settings.ocr());
    assertThat(loaded.embedding()).isEqualTo(settings.embedding());
    assertThat(loaded.imports()).isEqualTo(settings.imports());
    assertThat(loaded.search()).isEqualTo(settings.search());
    assertThat(loaded.store()).isEqualTo(settings.store());
    assertThat(loaded).isEqualTo(settings);
  }

  @Test
  void theRemoteIndexSectionAsTheSettingsWindowWritesIt() throws Exception {
    Path file = dir.resolve("settings.json");
    Files.writeString(file, "{\"remoteIndex\": {\"enabled\": true, \"url\": \"\", \"apiKey\": \"\", \"collection\": \"\"}}");

    StoreSettings store = new JsonSettingsStore(file).load().store();

    assertThat(store.isQdrant()).isTrue();
    assertThat(store.url()).isEqualTo(StoreSettings.DEFAULT_URL);
    assertThat(store.apiKey()).isNull();
    assertThat(store.collection()).as("blank means the library's own default collection").isNull();
  }

  @Test
  void aNegativeSearchWeightIsRefusedWithItsSection() throws Exception {
    Path file = dir.resolve("settings.json");
    Files.writeString(file, "{\"search\": {\"visualWeight\": -1}}");

    assertThatThrownBy(() -> new JsonSettingsStore(file).load())
        .isInstanceOf(ImageRagException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("search weights must not be negative");
  }

  @Test
  void theFileIsReadableByItsOwnerOnly() throws Exception {
    Path file = dir.resolve("settings.json");

    new JsonSettingsStore(file).save(withSecret());

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void keysTheProgramDoesNotKnowAreKept() throws Exception {
    Path file = dir.resolve("settings.json");
    Files.writeString(file, "{\"future\": {\"x\": 1}}");

    new JsonSettingsStore(file).save(Settings.DEFAULTS);

    assertThat(Files.readString(file)).contains("\"future\"");
  }

  @Test
  void anInvalidValueNamesItsKeyButNeverEchoesTheValue() throws Exception {
    Path file = dir.resolve("settings.json");
    Files.writeString(file, "{\"captions\": {\"apiKey\": 12345678901234}}");

    assertThatThrownBy(() -> new JsonSettingsStore(file).load())
        .isInstanceOf(ImageRagException.class)
        .hasMessageContaining("captions.apiKey")
        .hasMessageContaining(file.toString())
        .hasMessageNotContaining("12345678901234");
  }

  @Test
  void aBrokenFileSaysHowToRecover() throws Exception {
    Path file = dir.resolve("settings.json");
    Files.writeString(file, "{ not json");

    assertThatThrownBy(() -> new JsonSettingsStore(file).load())
        .isInstanceOf(ImageRagException.class)
        .hasMessageContaining("not valid JSON")
        .hasMessageContaining("delete it");
  }

  @Test
  void theCaptionSettingsNeverPrintTheKey() {
    assertThat(withSecret().captions().toString()).doesNotContain("SECRET123").contains("apiKey=****");
    assertThat(withSecret().toString()).doesNotContain("SECRET123").doesNotContain("SECRET456");
  }

  @Test
  void theChatSectionSurvivesASaveAndLoadWithItsOwnEndpoint() {
    JsonSettingsStore store = new JsonSettingsStore(dir.resolve("settings.json"));
    ChatSettings chat = new ChatSettings(true, "http://localhost:8000/v1", "qwen2.5vl", "sk-test-CHAT789", 8,
        "high", 1024, false, 500, 3000, 700, Duration.ofSeconds(20), 1);

    store.save(withSecret().withChat(chat));
    Settings loaded = store.load();

    assertThat(loaded.chat()).isEqualTo(chat);
    assertThat(loaded.captions()).isEqualTo(withSecret().captions());
  }

  @Test
  void aChatWithoutAnEndpointOfItsOwnUsesTheCaptionEndpointAfterASaveAndLoad() {
    JsonSettingsStore store = new JsonSettingsStore(dir.resolve("settings.json"));

    store.save(withSecret().withChat(ChatSettings.DEFAULTS.withMaxImages(5)));
    ChatSettings resolved = store.load().chat().resolve(store.load().captions());

    assertThat(store.load().chat()).isEqualTo(ChatSettings.DEFAULTS.withMaxImages(5));
    assertThat(resolved.baseUrl()).isEqualTo("http://localhost:11434/v1");
    assertThat(resolved.model()).isEqualTo("llava");
    assertThat(resolved.apiKey()).isEqualTo("sk-test-SECRET123");
    assertThat(resolved.generates()).isTrue();
    assertThat(resolved.maxImages()).isEqualTo(5);
  }

  @Test
  void aChatSectionAsAFormLeavesItWithBlankFieldsDefersToTheCaptions() throws Exception {
    Path file = dir.resolve("settings.json");
    Files.writeString(file, "{\"chat\": {\"baseUrl\": \"\", \"model\": \" \", \"apiKey\": \"\", \"maxImages\": 4}}");

    ChatSettings chat = new JsonSettingsStore(file).load().chat();

    assertThat(chat.baseUrl()).isNull();
    assertThat(chat.model()).isNull();
    assertThat(chat.apiKey()).isNull();
    assertThat(chat.enabled()).isNull();
    assertThat(chat.maxImages()).isEqualTo(4);
    assertThat(chat.resolve(CaptionSettings.DEFAULTS).generates()).isFalse();
  }

  @Test
  void moreThanEightChatImagesAreRefusedNamingTheKey() throws Exception {
    Path file = dir.resolve("settings.json");
    Files.writeString(file, "{\"chat\": {\"maxImages\": 9}}");

    assertThatThrownBy(() -> new JsonSettingsStore(file).load())
        .isInstanceOf(ImageRagException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("chat.maxImages must be in [1, 8], got 9");
  }

  @Test
  void theChatSettingsNeverPrintTheKey() {
    Settings settings = withSecret().withChat(ChatSettings.DEFAULTS.resolve(withSecret().captions()));

    assertThat(settings.chat().toString()).doesNotContain("SECRET123").contains("apiKey=****");
    assertThat(settings.toString()).doesNotContain("SECRET123");
  }
}
