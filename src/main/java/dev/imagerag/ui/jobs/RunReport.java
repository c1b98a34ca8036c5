package dev.imagerag.ui.jobs;

import dev.imagerag.logic.ingest.ImportSummary;

/** What the window says when a pipeline run ends. */
final class RunReport {
  private RunReport() {}

  /** "Imported 12 new images, 1 duplicate, 30 unchanged", or what happened instead. */
  static String title(ImportSummary summary) {
    if (summary.cancelled()) {
      return "Stopped. What is left continues next time.";
    }
    if (summary.examined() == 0) {
      return "Background work finished";
    }
    long added = summary.added() + summary.changed();
    return String.format("Imported %,d new image%s", added, added == 1 ? "" : "s")
        + (summary.duplicates() > 0 ? String.format(", %,d duplicate%s", summary.duplicates(),
            summary.duplicates() == 1 ? "" : "s") : "")
        + (summary.unchanged() > 0 ? String.format(", %,d unchanged", summary.unchanged()) : "");
  }
}
