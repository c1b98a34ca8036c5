package dev.imagerag.logic.settings;

import dev.imagerag.logic.ingest.ImportSettings;
import java.util.Objects;

/** All settings of a library, one immutable record per feature. */
public record Settings(ImportSettings imports) {
  public static final Settings DEFAULTS = new Settings(ImportSettings.DEFAULTS);

  public Settings {
    Objects.requireNonNull(imports, "imports");
  }
}
