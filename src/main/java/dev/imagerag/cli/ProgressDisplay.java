package dev.imagerag.cli;

import dev.imagerag.logic.jobs.Progress;
import dev.imagerag.logic.jobs.ProgressSnapshot;
import dev.imagerag.logic.jobs.StageProgress;
import java.io.PrintStream;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr for a pipeline run: overall work done over work queued, with per-stage
 * counts as the message ("import 120/300 · thumbnail 118/120 · index 0/118"). Polls the
 * {@link Progress} on its own thread so workers never wait for the terminal.
 */
final class ProgressDisplay implements AutoCloseable {
  private final Progress progress;
  private final ProgressBar bar;
  private final Thread poller;
  private volatile boolean running = true;

  ProgressDisplay(Progress progress, String task, PrintStream stderr) {
    this.progress = progress;
    this.bar = new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(1)
        .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
        .setConsumer(new ConsoleProgressBarConsumer(stderr))
        .setUpdateIntervalMillis(250)
        .setUnit(" steps", 1)
        .setMaxRenderedLength(120)
        .build();
    this.poller = new Thread(this::poll, "imagerag-progress");
    this.poller.setDaemon(true);
    this.poller.start();
  }

  private void poll() {
    while (running) {
      update();
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void update() {
    ProgressSnapshot snapshot = progress.snapshot();
    bar.maxHint(Math.max(1, snapshot.totalWork()));
    bar.stepTo(snapshot.finishedWork());
    bar.setExtraMessage(" " + snapshot.stages().stream()
        .filter(s -> s.total() > 0)
        .map(ProgressDisplay::describe)
        .collect(Collectors.joining(" · ")));
  }

  private static String describe(StageProgress stage) {
    String text = stage.stage() + " " + stage.finished() + "/" + stage.total();
    return stage.failed() > 0 ? text + " (" + stage.failed() + " failed)" : text;
  }

  @Override
  public void close() {
    running = false;
    poller.interrupt();
    try {
      poller.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    update();
    bar.close();
  }
}
