package dev.imagerag.logic.settings;

import dev.imagerag.logic.caption.CaptionSettings;
import dev.imagerag.logic.embed.EmbeddingSettings;
import dev.imagerag.logic.ingest.ImportSettings;
import dev.imagerag.logic.ocr.OcrSettings;
import dev.imagerag.logic.search.SearchSettings;
import dev.imagerag.logic.store.StoreSettings;
import java.util.Objects;

/** All settings of a library, one immutable record per feature. */
public record Settings(
    ImportSettings imports, EmbeddingSettings embedding, OcrSettings ocr, CaptionSettings captions,
    SearchSettings search, StoreSettings store) {
  public static final Settings DEFAULTS = new Settings(
      ImportSettings.DEFAULTS, EmbeddingSettings.DEFAULTS, OcrSettings.DEFAULTS, CaptionSettings.DEFAULTS,
      SearchSettings.DEFAULTS, StoreSettings.DEFAULTS);

  public Settings {
    Objects.requireNonNull(imports, "imports");
    Objects.requireNonNull(embedding, "embedding");
    Objects.requireNonNull(ocr, "ocr");
    Objects.requireNonNull(captions, "captions");
    Objects.requireNonNull(search, "search");
    Objects.requireNonNull(store, "store");
  }

  public Settings withEmbedding(EmbeddingSettings newEmbedding) {
    return new Settings(imports, newEmbedding, ocr, captions, search, store);
  }

  public Settings withOcr(OcrSettings newOcr) {
    return new Settings(imports, embedding, newOcr, captions, search, store);
  }

  public Settings withCaptions(CaptionSettings newCaptions) {
    return new Settings(imports, embedding, ocr, newCaptions, search, store);
  }

  public Settings withSearch(SearchSettings newSearch) {
    return new Settings(imports, embedding, ocr, captions, newSearch, store);
  }

  public Settings withStore(StoreSettings newStore) {
    return new Settings(imports, embedding, ocr, captions, search, newStore);
  }
}
