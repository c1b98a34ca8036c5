package dev.imagerag.logic.settings;

import dev.imagerag.logic.embed.EmbeddingSettings;
import dev.imagerag.logic.ingest.ImportSettings;
import java.util.Objects;

/** All settings of a library, one immutable record per feature. */
public record Settings(ImportSettings imports, EmbeddingSettings embedding) {
  public static final Settings DEFAULTS = new Settings(ImportSettings.DEFAULTS, EmbeddingSettings.DEFAULTS);

  public Settings {
    Objects.requireNonNull(imports, "imports");
    Objects.requireNonNull(embedding, "embedding");
  }

  public Settings withEmbedding(EmbeddingSettings newEmbedding) {
    return new Settings(imports, newEmbedding);
  }
}
