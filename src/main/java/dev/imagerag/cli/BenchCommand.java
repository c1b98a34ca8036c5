package dev.imagerag.cli;

import dev.imagerag.logic.ingest.ImportRequest;
import dev.imagerag.logic.ingest.ImportSummary;
import dev.imagerag.logic.jobs.JobControl;
import dev.imagerag.logic.jobs.Progress;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.library.LibraryOpener;
import dev.imagerag.logic.library.LibraryPaths;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code bench import DIR}: measures an import into a throw-away library. */
@Command(name = "bench", description = "Measure performance without touching your library.",
    subcommands = BenchCommand.ImportBench.class)
final class BenchCommand {
  @ParentCommand ImageRagCommand root;

  /** Imports a folder into a temporary library and reports throughput, latency and memory. */
  @Command(name = "import", description = {
      "Import DIR into a temporary library (deleted afterwards) and print images/s, the time to the",
      "first thumbnail, peak heap and peak resident memory."})
  static final class ImportBench implements Callable<Integer> {
    @ParentCommand BenchCommand bench;

    @Parameters(paramLabel = "DIR", description = "Folder of images to import.")
    Path folder;

    @Override
    public Integer call() throws Exception {
      ImageRagCommand root = bench.root;
      Path temp = Files.createTempDirectory("image-rag-bench");
      try {
        resetPeaks();
        Map<String, Object> result;
        try (Library library = root.context.opener().open(new LibraryPaths(temp), LibraryOpener.Access.WRITE)) {
          Progress progress = library.pipeline().newProgress();
          long start = System.nanoTime();
          AtomicLong firstThumbnail = new AtomicLong(-1);
          // In a fresh library every imported file is new, and import writes its thumbnail before
          // counting it done: the first "import" completion is the first thumbnail on disk.
          progress.addListener(() -> {
            if (firstThumbnail.get() < 0 && progress.snapshot().stages().get(0).done() > 0) {
              firstThumbnail.compareAndSet(-1, System.nanoTime() - start);
            }
          });
          ImportSummary summary = library.pipeline().run(ImportRequest.of(List.of(folder)), new JobControl(), progress);
          double seconds = (System.nanoTime() - start) / 1e9;
          long images = summary.added() + summary.duplicates();
          result = new LinkedHashMap<>();
          result.put("files", summary.examined());
          result.put("images", summary.added());
          result.put("skipped", summary.skipped().size());
          result.put("seconds", round(seconds));
          result.put("imagesPerSecond", round(images / seconds));
          result.put("firstThumbnailMillis", firstThumbnail.get() < 0 ? null : firstThumbnail.get() / 1_000_000);
          result.put("workers", library.pipeline().settings().workers());
        }
        // Sum of each heap pool's peak: an upper bound of the true peak.
        result.put("peakHeapMiB", peakHeapBytes() >> 20);
        result.put("peakRssMiB", peakRssKib() < 0 ? null : peakRssKib() >> 10);
        result.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
        if (root.json) {
          root.context.out().println(Json.line(result));
        } else {
          result.forEach((k, v) -> root.context.out().printf(Locale.ROOT, "%-22s %s%n", k, v));
        }
        return Cli.OK;
      } finally {
        deleteTree(temp);
      }
    }

    private static double round(double value) {
      return Math.round(value * 100) / 100.0;
    }

    private static void resetPeaks() {
      System.gc();
      ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapBytes() {
      return ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    /** VmHWM from /proc (Linux); -1 elsewhere. */
    private static long peakRssKib() {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
          if (line.startsWith("VmHWM:")) {
            return Long.parseLong(line.replaceAll("\\D", ""));
          }
        }
      } catch (IOException | NumberFormatException e) {
        return -1;
      }
      return -1;
    }

    private static void deleteTree(Path dir) throws IOException {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
