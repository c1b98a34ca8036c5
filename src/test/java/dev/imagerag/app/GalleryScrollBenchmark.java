package dev.imagerag.app;

import dev.imagerag.ui.gallery.GalleryViewModel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.scene.control.skin.VirtualFlow;
import org.junit.jupiter.api.Test;

/**
 * Measures the gallery on a large library (not a test: run it by name,
 * {@code mvn test -Dtest=GalleryScrollBenchmark}, optionally {@code -Dbench.images=50000}): time to
 * the window and to the populated gallery, frame intervals while scrolling continuously and while
 * jumping around, and memory with the gallery open. Writes target/benchmarks/gallery-scroll.txt.
 */
class GalleryScrollBenchmark {
  private static final int IMAGES = Integer.getInteger("bench.images", 50_000);

  @Test
  void scrollAFiftyThousandImageLibrary() throws Exception {
    Path base = Path.of(System.getProperty("bench.dir", "target/bench"));
    Path library = LargeLibrary.create(base.resolve("library-" + IMAGES), IMAGES);
    List<String> report = new ArrayList<>();
    long t0 = System.nanoTime();
    try (WindowDriver window = WindowDriver.start(base.resolve("home"), library, base.resolve("models"))) {
      long shown = System.nanoTime();
      window.waitFor(120, () -> window.model().stateProperty().get() == dev.imagerag.ui.shell.ShellViewModel.State.READY);
      long ready = System.nanoTime();
      window.waitFor(120, () -> window.model().gallery().stateProperty().get() == GalleryViewModel.State.BROWSING);
      long listed = System.nanoTime();
      report.add(String.format(Locale.ROOT, "library open (READY): %d ms after the window", (ready - shown) / 1_000_000));
      window.waitFor(30, () -> window.model().gallery().items().size() == IMAGES);
      report.add(String.format(Locale.ROOT, "images: %,d", IMAGES));
      report.add(String.format(Locale.ROOT, "window set up (toolkit already running): %d ms", (shown - t0) / 1_000_000));
      report.add(String.format(Locale.ROOT, "gallery listing %,d images: %d ms after the window", IMAGES,
          (listed - shown) / 1_000_000));
      Thread.sleep(1500); // first thumbnails

      VirtualFlow<?> flow = WindowDriver.onFx(() -> window.app.view().gallery().flow());
      report.add("scroll bar thumb: " + WindowDriver.onFx(() -> {
        javafx.scene.Node thumb = flow.lookup(".scroll-bar:vertical .thumb");
        javafx.scene.Node bar = flow.lookup(".scroll-bar:vertical");
        return thumb == null ? "none" : String.format(Locale.ROOT, "%.0f×%.0f px in a bar %.0f px wide",
            thumb.getLayoutBounds().getWidth(), thumb.getLayoutBounds().getHeight(), bar.getLayoutBounds().getWidth());
      }));
      report.add("continuous scroll (40 px per frame, 8 s): " + frames(flow, 8, (f, n) -> f.scrollPixels(40)));
      Random random = new Random(1);
      int rows = WindowDriver.onFx(() -> flow.getCellCount());
      report.add("jumps to random rows (every 6th frame, 8 s): " + frames(flow, 8, (f, n) -> {
        if (n % 6 == 0) {
          f.scrollTo(random.nextInt(rows));
        }
      }));
      report.add("page-down every 4th frame (8 s): " + frames(flow, 8, (f, n) -> {
        if (n % 4 == 0) {
          f.scrollPixels(f.getHeight());
        }
      }));
      System.gc();
      Thread.sleep(500);
      System.gc();
      long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
      report.add(String.format(Locale.ROOT, "heap used after GC with the gallery open: %d MiB (max %d MiB)",
          heap >> 20, Runtime.getRuntime().maxMemory() >> 20));
      report.add("resident memory (VmRSS): " + rss());
      report.add(String.format(Locale.ROOT, "thumbnail cache: %,d entries", WindowDriver.onFx(
          () -> window.app.view().root().lookupAll(".gallery-cell").size())) + " visible cells");
    }
    report.forEach(System.out::println);
    Files.createDirectories(Path.of("target/benchmarks"));
    Files.write(Path.of("target/benchmarks/gallery-scroll.txt"), report);
  }

  private interface Step {
    void apply(VirtualFlow<?> flow, long frame);
  }

  /** CPU nanoseconds used so far by threads whose name contains one of the parts. */
  private static java.util.Map<String, Long> cpu(String... parts) {
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    java.util.Map<String, Long> result = new java.util.TreeMap<>();
    for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      for (String part : parts) {
        if (info.getThreadName().contains(part)) {
          result.merge(part, threads.getThreadCpuTime(info.getThreadId()), Long::sum);
        }
      }
    }
    return result;
  }

  private static final String[] THREADS = {"JavaFX Application", "Event Thread", "QuantumRenderer", "thumbnails"};

  /** Runs {@code step} on every pulse for {@code seconds} and summarises the intervals between pulses. */
  private static String frames(VirtualFlow<?> flow, int seconds, Step step) throws InterruptedException {
    List<Long> intervals = new ArrayList<>();
    List<Long> layouts = new ArrayList<>();
    long[] layoutStart = {0};
    Runnable pre = () -> layoutStart[0] = System.nanoTime();
    Runnable post = () -> layouts.add(System.nanoTime() - layoutStart[0]);
    WindowDriver.runFx(() -> {
      flow.getScene().addPreLayoutPulseListener(pre);
      flow.getScene().addPostLayoutPulseListener(post);
    });
    java.util.Map<String, Long> cpuBefore = cpu(THREADS);
    CountDownLatch done = new CountDownLatch(1);
    WindowDriver.runFx(() -> new AnimationTimer() {
      private long last;
      private long start;
      private long frame;

      @Override
      public void handle(long now) {
        if (last == 0) {
          start = now;
        } else {
          intervals.add(now - last);
        }
        last = now;
        step.apply(flow, frame++);
        if (now - start > seconds * 1_000_000_000L) {
          stop();
          done.countDown();
        }
      }
    }.start());
    done.await(seconds + 30L, TimeUnit.SECONDS);
    WindowDriver.runFx(() -> {
      flow.getScene().removePreLayoutPulseListener(pre);
      flow.getScene().removePostLayoutPulseListener(post);
    });
    java.util.Map<String, Long> cpuAfter = cpu(THREADS);
    StringBuilder cpuText = new StringBuilder();
    cpuAfter.forEach((k, v) -> cpuText.append(String.format(Locale.ROOT, " %s %.0f%%", k,
        100.0 * (v - cpuBefore.getOrDefault(k, 0L)) / (seconds * 1e9))));
    long[] layoutUs = layouts.stream().mapToLong(n -> n / 1_000).sorted().toArray();
    long[] ms = intervals.stream().mapToLong(n -> n / 1_000).sorted().toArray(); // microseconds
    long slow = Arrays.stream(ms).filter(us -> us > 33_000).count();
    return String.format(Locale.ROOT, "%d frames, %.1f fps; interval p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms;"
            + " %.1f%% over 33 ms", ms.length, ms.length / (double) seconds, pct(ms, 50), pct(ms, 95), pct(ms, 99),
        ms.length == 0 ? 0 : ms[ms.length - 1] / 1000.0, 100.0 * slow / Math.max(1, ms.length))
        + String.format(Locale.ROOT, "; CSS+layout per pulse p50 %.1f ms, p95 %.1f ms; CPU:", pct(layoutUs, 50),
            pct(layoutUs, 95)) + cpuText;
  }

  private static double pct(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1000.0;
  }

  private static String rss() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
          .map(l -> l.replaceAll("\\s+", " ")).findFirst().orElse("unknown")
          + " (JVM uptime " + ManagementFactory.getRuntimeMXBean().getUptime() / 1000 + " s)";
    } catch (IOException e) {
      return "unknown";
    }
  }
}
