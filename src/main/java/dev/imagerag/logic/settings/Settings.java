package dev.imagerag.logic.settings;

import dev.imagerag.logic.caption.CaptionSettings;
import dev.imagerag.logic.chat.ChatSettings;
import dev.imagerag.logic.embed.EmbeddingSettings;
import dev.imagerag.logic.ingest.ImportSettings;
import dev.imagerag.logic.ocr.OcrSettings;
import dev.imagerag.logic.search.SearchSettings;
import dev.imagerag.logic.store.StoreSettings;
import java.util.Objects;

/** All settings of a library, one immutable record per feature. */
public record Settings(
    ImportSettings imports, EmbeddingSettings embedding, OcrSettings ocr, CaptionSettings captions,
    SearchSettings search, StoreSettings store, ChatSettings chat) {
  public static final Settings DEFAULTS = new Settings(
      ImportSettings.DEFAULTS, EmbeddingSettings.DEFAULTS, OcrSettings.DEFAULTS, CaptionSettings.DEFAULTS,
      SearchSettings.DEFAULTS, StoreSettings.DEFAULTS, ChatSettings.DEFAULTS);

  /** Settings with the default chat section. */
  public Settings(ImportSettings imports, EmbeddingSettings embedding, OcrSettings ocr, CaptionSettings captions,
      SearchSettings search, StoreSettings store) {
    this(imports, embedding, ocr, captions, search, store, ChatSettings.DEFAULTS);
  }

  public Settings {
    Objects.requireNonNull(imports, "imports");
    Objects.requireNonNull(embedding, "embedding");
    Objects.requireNonNull(ocr, "ocr");
    Objects.requireNonNull(captions, "captions");
    Objects.requireNonNull(search, "search");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(chat, "chat");
  }

  public Settings withEmbedding(EmbeddingSettings newEmbedding) {
    return new Settings(imports, newEmbedding, ocr, captions, search, store, chat);
  }

  public Settings withOcr(OcrSettings newOcr) {
    return new Settings(imports, embedding, newOcr, captions, search, store, chat);
  }

  public Settings withCaptions(CaptionSettings newCaptions) {
    return new Settings(imports, embedding, ocr, newCaptions, search, store, chat);
  }

  public Settings withSearch(SearchSettings newSearch) {
    return new Settings(imports, embedding, ocr, captions, newSearch, store, chat);
  }

  public Settings withStore(StoreSettings newStore) {
    return new Settings(imports, embedding, ocr, captions, search, newStore, chat);
  }

  /** These settings with {@code newChat} as the chat section (its endpoint may still defer to the captions'). */
  public Settings withChat(ChatSettings newChat) {
    return new Settings(imports, embedding, ocr, captions, search, store, newChat);
  }
}
