package dev.imagerag.ui.jobs;

import dev.imagerag.logic.jobs.StageProgress;
import java.util.Locale;

/**
 * One line of the background-work panel: a pipeline stage in the current run.
 *
 * @param current what it works on now (a file name), or empty
 * @param active true while it may still receive work in this run
 */
public record StageRow(String stage, long done, long total, long failed, long skipped, String current, boolean active) {

  static StageRow of(StageProgress p) {
    return new StageRow(p.stage(), p.done(), p.total(), p.failed(), p.skipped(), p.current(), p.active());
  }

  public long finished() {
    return done + failed + skipped;
  }

  /** 0..1, or -1 while nothing is known to be queued yet but the stage is active. */
  public double fraction() {
    if (total <= 0) {
      return active ? -1 : 1;
    }
    return Math.min(1.0, (double) finished() / total);
  }

  /** "Import", "Visual", ...: the stage name as a word. */
  public String label() {
    return label(stage);
  }

  static String label(String stage) {
    return switch (stage) {
      case "import" -> "Import";
      case "thumbnail" -> "Thumbnails";
      case "visual" -> "Visual embedding";
      case "tags" -> "Tags";
      case "ocr" -> "Text recognition";
      case "caption" -> "Captions";
      case "text" -> "Text embedding";
      case "index" -> "Index";
      default -> stage.isEmpty() ? stage : stage.substring(0, 1).toUpperCase(Locale.ROOT) + stage.substring(1);
    };
  }

  /** "12 / 40", with failures and skips when there are any. */
  public String counts() {
    StringBuilder text = new StringBuilder(String.format("%,d / %,d", finished(), total));
    if (failed > 0) {
      text.append(String.format(" · %,d failed", failed));
    }
    if (skipped > 0) {
      text.append(String.format(" · %,d skipped", skipped));
    }
    return text.toString();
  }
}
