package dev.imagerag.ui.settings;

import dev.imagerag.logic.caption.CaptionSettings;
import dev.imagerag.logic.chat.ChatSettings;
import dev.imagerag.logic.embed.Device;
import dev.imagerag.logic.ocr.OcrSettings;
import dev.imagerag.logic.settings.Settings;
import dev.imagerag.logic.store.StoreSettings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The editable fields of the settings dialog, bound both ways to its controls, and their
 * conversion into the validated settings records (whose constructors say what is wrong).
 */
public final class SettingsForm {
  final StringProperty libraryFolder = new SimpleStringProperty("");
  final StringProperty visualModel = new SimpleStringProperty("");
  final ObjectProperty<Device> device = new SimpleObjectProperty<>(Device.AUTO);
  final BooleanProperty ocrEnabled = new SimpleBooleanProperty(true);
  final StringProperty ocrLanguages = new SimpleStringProperty("eng");
  final BooleanProperty captionsEnabled = new SimpleBooleanProperty(false);
  final StringProperty captionUrl = new SimpleStringProperty("");
  final StringProperty captionModel = new SimpleStringProperty("");
  final StringProperty captionKey = new SimpleStringProperty("");
  final BooleanProperty indexEnabled = new SimpleBooleanProperty(false);
  final StringProperty indexUrl = new SimpleStringProperty("");
  final StringProperty indexKey = new SimpleStringProperty("");
  final StringProperty indexCollection = new SimpleStringProperty("");
  final StringProperty defaultCollection = new SimpleStringProperty("");
  final StringProperty chatUrl = new SimpleStringProperty("");
  final StringProperty chatModel = new SimpleStringProperty("");
  final StringProperty chatKey = new SimpleStringProperty("");
  final StringProperty chatImages = new SimpleStringProperty("3");
  final StringProperty chatDetail = new SimpleStringProperty("low");

  void fill(String library, Settings s) {
    libraryFolder.set(library);
    visualModel.set(s.embedding().visualModel());
    device.set(s.embedding().device());
    ocrEnabled.set(s.ocr().enabled());
    ocrLanguages.set(s.ocr().languages());
    captionsEnabled.set(s.captions().enabled());
    captionUrl.set(s.captions().baseUrl());
    captionModel.set(s.captions().model());
    captionKey.set(s.captions().apiKey() == null ? "" : s.captions().apiKey());
    StoreSettings store = s.store();
    indexEnabled.set(store.isQdrant());
    indexUrl.set(store.url().equals(StoreSettings.DEFAULT_URL) && !store.isQdrant() ? "" : store.url());
    indexKey.set(store.apiKey() == null ? "" : store.apiKey());
    indexCollection.set(store.collection() == null ? "" : store.collection());
    defaultCollection.set(StoreSettings.defaultCollection(java.nio.file.Path.of(library)));
    ChatSettings chat = s.chat();
    chatUrl.set(chat.baseUrl() == null ? "" : chat.baseUrl());
    chatModel.set(chat.model() == null ? "" : chat.model());
    chatKey.set(chat.apiKey() == null ? "" : chat.apiKey());
    chatImages.set(Integer.toString(chat.maxImages()));
    chatDetail.set(chat.detail());
  }

  /**
   * The settings with this form's values over {@code base}.
   *
   * @throws IllegalArgumentException naming the field and why its value is refused
   */
  Settings toSettings(Settings base) {
    Settings result = base;
    try {
      result = result.withEmbedding(base.embedding().withVisualModel(visualModel.get()).withDevice(device.get()));
    } catch (IllegalArgumentException e) {
      throw refused("Visual model", e);
    }
    try {
      OcrSettings o = base.ocr();
      result = result.withOcr(new OcrSettings(ocrEnabled.get(), ocrLanguages.get().strip(), o.tessdataPath(),
          o.perImageBudget(), o.threads()));
    } catch (IllegalArgumentException e) {
      throw refused("OCR languages", e);
    }
    return result.withCaptions(captions(base.captions())).withStore(store(base.store())).withChat(chat(base.chat()));
  }

  /**
   * The chat settings of the form over {@code c} (also for the Test button, before saving): a
   * blank URL, model or key stands for the caption endpoint's.
   */
  ChatSettings chat(ChatSettings c) {
    int images;
    try {
      images = Integer.parseInt(chatImages.get() == null ? "" : chatImages.get().strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Chat: images per answer must be a whole number from 1 to "
          + ChatSettings.MAX_IMAGES + ", got '" + chatImages.get() + "'", e);
    }
    try {
      return new ChatSettings(c.enabled(), blankToNull(chatUrl.get()), blankToNull(chatModel.get()),
          blankToNull(chatKey.get()), images, chatDetail.get(), c.imageMaxSide(), c.sendImages(), c.maxTextChars(),
          c.historyTokenBudget(), c.maxAnswerTokens(), c.timeout(), c.maxRetries());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw refused("Chat", e);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** The caption settings of the form (also for the Test button, before saving). */
  CaptionSettings captions(CaptionSettings c) {
    try {
      return new CaptionSettings(captionsEnabled.get(), captionUrl.get().strip(), captionModel.get().strip(),
          captionKey.get(), c.maxConcurrency(), c.timeout(), c.maxRetries(), c.imageMaxSide(), c.detail(),
          c.inputPricePerMillion(), c.outputPricePerMillion());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw refused("Captions", e);
    }
  }

  /**
   * Where the form keeps the index (also for the Test button, before saving): a blank URL is
   * {@link StoreSettings#DEFAULT_URL}, a blank collection the library's default one.
   */
  StoreSettings store(StoreSettings s) {
    try {
      String url = indexUrl.get() == null || indexUrl.get().isBlank() ? StoreSettings.DEFAULT_URL : indexUrl.get();
      return new StoreSettings(indexEnabled.get() ? StoreSettings.Kind.QDRANT : StoreSettings.Kind.EMBEDDED, url,
          indexKey.get(), indexCollection.get(), s.timeout());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw refused("Remote index", e);
    }
  }

  private static IllegalArgumentException refused(String field, RuntimeException e) {
    return new IllegalArgumentException(field + ": " + e.getMessage(), e);
  }

  public StringProperty libraryFolderProperty() {
    return libraryFolder;
  }

  public StringProperty visualModelProperty() {
    return visualModel;
  }

  public ObjectProperty<Device> deviceProperty() {
    return device;
  }

  public BooleanProperty ocrEnabledProperty() {
    return ocrEnabled;
  }

  public StringProperty ocrLanguagesProperty() {
    return ocrLanguages;
  }

  public BooleanProperty captionsEnabledProperty() {
    return captionsEnabled;
  }

  public StringProperty captionUrlProperty() {
    return captionUrl;
  }

  public StringProperty captionModelProperty() {
    return captionModel;
  }

  /** The API key: shown only masked (PasswordField), never logged. */
  public StringProperty captionKeyProperty() {
    return captionKey;
  }

  public BooleanProperty indexEnabledProperty() {
    return indexEnabled;
  }

  public StringProperty indexUrlProperty() {
    return indexUrl;
  }

  public StringProperty indexKeyProperty() {
    return indexKey;
  }

  /** Empty: the library's default collection ({@link #defaultCollectionProperty()}). */
  public StringProperty indexCollectionProperty() {
    return indexCollection;
  }

  /** Blank: the caption endpoint's URL. */
  public StringProperty chatUrlProperty() {
    return chatUrl;
  }

  /** Blank: the caption model. */
  public StringProperty chatModelProperty() {
    return chatModel;
  }

  /** The chat API key (blank: the caption key): shown only masked, never logged. */
  public StringProperty chatKeyProperty() {
    return chatKey;
  }

  /** Images sent with each question, "1" to "8". */
  public StringProperty chatImagesProperty() {
    return chatImages;
  }

  /** "low" or "high" (or "auto" when the settings file says so). */
  public StringProperty chatDetailProperty() {
    return chatDetail;
  }

  /** The collection a blank name stands for, e.g. "image-rag-photos-1a2b3c4d". */
  public StringProperty defaultCollectionProperty() {
    return defaultCollection;
  }
}
