package dev.imagerag.cli;

import dev.imagerag.domain.SkipReason;
import dev.imagerag.logic.caption.CostMeter;
import dev.imagerag.logic.ingest.ImportOutcome;
import dev.imagerag.logic.ingest.ImportSummary;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints an {@link ImportSummary} as text or as one JSON object. */
final class RunPrinter {
  private static final int MAX_LISTED_PER_REASON = 20;

  private RunPrinter() {}

  /**
   * @param captionCosts the caption requests made while the library was open, or null
   */
  static void print(ImportSummary s, List<String> notices, CostMeter.Totals captionCosts, boolean json,
      PrintWriter out) {
    boolean captioned = captionCosts != null && captionCosts.requests() > 0;
    if (json) {
      Map<String, Object> map = toJson(s);
      map.put("notices", notices);
      if (captioned) {
        map.put("captions", Map.of("requests", captionCosts.requests(), "promptTokens", captionCosts.promptTokens(),
            "completionTokens", captionCosts.completionTokens(), "estimatedDollars", captionCosts.estimatedDollars()));
      }
      out.println(Json.line(map));
    } else {
      printText(s, out);
      if (captioned) {
        out.printf(Locale.ROOT, "Captions: %d request%s, %,d prompt + %,d completion tokens, about $%.4f.%n",
            captionCosts.requests(), captionCosts.requests() == 1 ? "" : "s", captionCosts.promptTokens(),
            captionCosts.completionTokens(), captionCosts.estimatedDollars());
      }
      notices.forEach(n -> out.println("Note: " + n));
    }
  }

  static Map<String, Object> toJson(ImportSummary s) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("added", s.added());
    map.put("changed", s.changed());
    map.put("unchanged", s.unchanged());
    map.put("duplicates", s.duplicates());
    map.put("skippedCount", s.skipped().size());
    Map<String, Long> byReason = new LinkedHashMap<>();
    s.skippedByReason().forEach((reason, count) -> byReason.put(reason.id(), count));
    map.put("skippedByReason", byReason);
    map.put("skipped", s.skipped().stream().map(o -> Map.of(
        "path", o.path(), "reason", o.skip().reason().id(), "detail", o.skip().detail())).toList());
    map.put("ignored", s.ignored());
    map.put("removed", s.removed());
    Map<String, Object> stages = new LinkedHashMap<>();
    s.stages().forEach((name, c) -> stages.put(name, Map.of(
        "done", c.done(), "failed", c.failed(), "skipped", c.skipped(), "pending", c.pending())));
    map.put("stages", stages);
    map.put("errors", s.errors());
    map.put("cancelled", s.cancelled());
    map.put("seconds", s.elapsed().toMillis() / 1000.0);
    return map;
  }

  private static void printText(ImportSummary s, PrintWriter out) {
    out.printf(Locale.ROOT, "%s %d new image%s, %d duplicate%s, %d unchanged%s, %d skipped in %.1f s.%n",
        s.cancelled() ? "Cancelled after" : "Imported", s.added(), plural(s.added()), s.duplicates(),
        plural(s.duplicates()), s.unchanged(), s.changed() > 0 ? ", " + s.changed() + " changed" : "",
        s.skipped().size(), s.elapsed().toMillis() / 1000.0);
    Map<SkipReason, Long> byReason = s.skippedByReason();
    for (Map.Entry<SkipReason, Long> entry : byReason.entrySet()) {
      out.printf(Locale.ROOT, "  Skipped, %s: %d%n", entry.getKey().label(), entry.getValue());
      List<ImportOutcome> files = s.skipped().stream().filter(o -> o.skip().reason() == entry.getKey()).toList();
      files.stream().limit(MAX_LISTED_PER_REASON).forEach(o ->
          out.printf("    %s: %s%n", o.path(), o.skip().detail()));
      if (files.size() > MAX_LISTED_PER_REASON) {
        out.printf("    ... and %d more (see `image-rag status --json`)%n", files.size() - MAX_LISTED_PER_REASON);
      }
    }
    if (s.removed() > 0) {
      out.printf("Removed %d file%s that no longer exist%s.%n", s.removed(), plural(s.removed()),
          s.removed() == 1 ? "s" : "");
    }
    if (s.ignored() > 0) {
      out.printf("Ignored %d file%s without an image extension.%n", s.ignored(), plural(s.ignored()));
    }
    Map<String, ImportSummary.StageCount> active = new LinkedHashMap<>();
    s.stages().forEach((name, c) -> {
      if (c.done() + c.failed() + c.skipped() + c.pending() > 0) {
        active.put(name, c);
      }
    });
    if (!active.isEmpty()) {
      StringBuilder line = new StringBuilder("Stages:");
      active.forEach((name, c) -> {
        line.append(' ').append(name).append(' ').append(c.done()).append(" done");
        if (c.skipped() > 0) {
          line.append(", ").append(c.skipped()).append(" skipped");
        }
        if (c.failed() > 0) {
          line.append(", ").append(c.failed()).append(" failed");
        }
        if (c.pending() > 0) {
          line.append(", ").append(c.pending()).append(" pending");
        }
        line.append(';');
      });
      line.setLength(line.length() - 1);
      out.println(line);
    }
    s.errors().forEach(e -> out.println("error: " + e));
  }

  private static String plural(long n) {
    return n == 1 ? "" : "s";
  }
}
