package dev.imagerag.cli;

import dev.imagerag.logic.embed.DownloadListener;
import dev.imagerag.logic.embed.DownloadProgress;
import dev.imagerag.support.ByteSizes;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a model download on stderr: one progress bar per file (MiB, speed, time left) in a
 * terminal, one line per file otherwise. Warnings are held back while a bar is drawn and printed
 * when it closes, so they do not tear the bar apart. Used on the downloading thread only.
 */
final class DownloadDisplay implements DownloadListener, AutoCloseable {
  private final boolean bars;
  private final PrintStream terminal;
  private final PrintWriter lines;
  private final List<String> downloaded = new ArrayList<>();
  private final List<String> pendingWarnings = new ArrayList<>();
  private ProgressBar bar;

  /**
   * @param bars draw progress bars on {@code terminal} (an interactive stderr)
   * @param lines where plain progress lines and warnings go
   */
  DownloadDisplay(boolean bars, PrintStream terminal, PrintWriter lines) {
    this.bars = bars;
    this.terminal = terminal;
    this.lines = lines;
  }

  @Override
  public void fileStarted(String modelId, String fileName, long totalBytes, long resumedFrom) {
    closeBar();
    if (bars) {
      bar = new ProgressBarBuilder()
          .setTaskName(fileName)
          .setInitialMax(totalBytes > 0 ? totalBytes : -1)
          .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
          .setConsumer(new ConsoleProgressBarConsumer(terminal))
          .setUpdateIntervalMillis(250)
          .setUnit(" MiB", 1 << 20)
          .showSpeed(new DecimalFormat("0.0"))
          .startsFrom(resumedFrom, Duration.ZERO)
          .setMaxRenderedLength(120)
          .build();
      return;
    }
    lines.println("Downloading " + fileName + " of " + modelId
        + (totalBytes >= 0 ? " (" + ByteSizes.format(totalBytes) + ")" : "")
        + (resumedFrom > 0 ? ", resuming after " + ByteSizes.format(resumedFrom) : "") + " ...");
    lines.flush();
  }

  @Override
  public void progress(DownloadProgress progress) {
    if (bar != null) {
      bar.stepTo(progress.bytesDone());
    }
  }

  @Override
  public void verifying(String modelId, String fileName) {
    if (bar != null) {
      bar.setExtraMessage(" checking SHA-256");
    } else {
      lines.println("Checking the SHA-256 of " + fileName + " ...");
      lines.flush();
    }
  }

  @Override
  public void fileDone(String modelId, String fileName, Path path) {
    closeBar();
    downloaded.add(fileName);
  }

  @Override
  public void warning(String message) {
    if (bar != null) {
      pendingWarnings.add(message);
    } else {
      lines.println(message);
      lines.flush();
    }
  }

  /** Names of the files this download fetched (the others were in place already). */
  List<String> downloaded() {
    return List.copyOf(downloaded);
  }

  private void closeBar() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
    pendingWarnings.forEach(lines::println);
    pendingWarnings.clear();
    lines.flush();
  }

  @Override
  public void close() {
    closeBar();
  }
}
