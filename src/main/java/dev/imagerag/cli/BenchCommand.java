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

/** {@code bench import|embed|search}: measurements in throw-away libraries. */
@Command(name = "bench", description = "Measure performance without touching your library.",
    subcommands = {BenchCommand.ImportBench.class, BenchCommand.EmbedBench.class, BenchSearchCommand.class, BenchOcrCommand.class})
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
        try (Library library = root.context.opener().open(new LibraryPaths(temp), LibraryOpener.Access.WRITE,
            root.options())) {
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

    static double round(double value) {
      return Math.round(value * 100) / 100.0;
    }

    static void resetPeaks() {
      System.gc();
      ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    static long peakHeapBytes() {
      return ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    /** VmHWM from /proc (Linux); -1 elsewhere. */
    static long peakRssKib() {
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

    static void deleteTree(Path dir) throws IOException {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  static double round(double value) {
    return ImportBench.round(value);
  }

  /**
   * The visual stage end to end (decode, preprocess, infer, store) at several batch sizes, next to
   * the raw ONNX Runtime throughput of the same model on prepared tensors; the text embedder's
   * sentences/s; model load times; peak memory.
   */
  @Command(name = "embed", description = {
      "Embed the images of DIR with the configured visual model in a temporary library at each batch",
      "size and compare with the model alone (session runs on prepared tensors): the ratio is the",
      "pipeline's efficiency (model inputs per second, tiles included). Also text embedder",
      "sentences/s, load times and peak memory."})
  static final class EmbedBench implements Callable<Integer> {
    @ParentCommand BenchCommand bench;

    @Parameters(paramLabel = "DIR", description = "Folder of images to embed.")
    Path folder;

    @picocli.CommandLine.Option(names = "--batches", split = ",", defaultValue = "1,8,32",
        description = "Batch sizes to measure (default ${DEFAULT-VALUE}).")
    List<Integer> batches;

    @picocli.CommandLine.Option(names = "--model", paramLabel = "ID",
        description = "The visual model to measure (default: the library's setting, else clip-vit-b32).")
    String model;

    @picocli.CommandLine.Option(names = "--sentences", defaultValue = "200",
        description = "Sentences for the text embedder measurement (default ${DEFAULT-VALUE}).")
    int sentences;

    @picocli.CommandLine.Option(names = "--tiles", paramLabel = "off|MP", description = {
        "Tile images of at least MP megapixels (e.g. 12), or `off`; default: the default setting",
        "(30 MP, panoramas from 1 MP). Tiles per image are reported."})
    String tiles;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      ImageRagCommand root = bench.root;
      String tileSettings = tileSettings();
      Path temp = Files.createTempDirectory("image-rag-bench");
      List<Map<String, Object>> rows = new java.util.ArrayList<>();
      Map<String, Object> result = new LinkedHashMap<>();
      try {
        if (tileSettings != null) {
          Files.writeString(new LibraryPaths(temp).settingsFile(), tileSettings);
        }
        ImportBench.resetPeaks();
        for (int batch : batches) {
          LibraryOpener.Options options = new LibraryOpener.Options(root.modelsFolder().root(), root.device, batch,
              model);
          try (Library library = root.context.opener().open(new LibraryPaths(temp), LibraryOpener.Access.WRITE,
              options)) {
            var encoders = library.search().encoders();
            if (!encoders.hasVisual()) {
              throw new dev.imagerag.domain.ImageRagException("No visual model to measure: "
                  + encoders.visualMissing() + ".");
            }
            if (rows.isEmpty()) {
              long loadStart = System.nanoTime();
              encoders.visualImages().embedImages(List.of(new java.awt.image.BufferedImage(8, 8,
                  java.awt.image.BufferedImage.TYPE_INT_RGB)));
              result.put("visualModel", encoders.visualImages().modelId());
              result.put("imageTowerLoadSeconds", round((System.nanoTime() - loadStart) / 1e9));
              loadStart = System.nanoTime();
              encoders.visualTexts().embedTexts(List.of("warm up"));
              result.put("textTowerLoadSeconds", round((System.nanoTime() - loadStart) / 1e9));
              library.pipeline().run(new dev.imagerag.logic.ingest.ImportRequest(List.of(folder), false, false,
                  java.util.Set.of()), new JobControl(), library.pipeline().newProgress());
            }
            library.catalog().requeue("visual", java.util.EnumSet.allOf(dev.imagerag.domain.StageState.class));
            long images = library.catalog().imageCount();
            long start = System.nanoTime();
            ImportSummary summary = library.pipeline().run(
                ImportRequest.stagesOnly(java.util.Set.of("visual")), new JobControl(), library.pipeline().newProgress());
            double seconds = (System.nanoTime() - start) / 1e9;
            double pipeline = summary.stages().get("visual").done() / seconds;
            int iterations = Math.max(2, 64 / batch);
            double raw = ((dev.imagerag.logic.embed.RawInference) encoders.visualImages())
                .rawImagesPerSecond(batch, iterations);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("batch", batch);
            row.put("images", images);
            row.put("pipelineImagesPerSecond", round(pipeline));
            row.put("rawImagesPerSecond", round(raw));
            // Tiles are model inputs too: the ratio compares inputs per second.
            double tilesPerImage = tilesPerImage(library.catalog());
            double ratio = pipeline * (1 + tilesPerImage) / raw;
            row.put("ratio", round(ratio));
            row.put("tilesPerImage", round(tilesPerImage));
            rows.add(row);
            if (!root.json) {
              root.context.out().printf(java.util.Locale.ROOT,
                  "batch %3d: pipeline %7.2f images/s, model alone %7.2f images/s, ratio %.2f (%d images,"
                      + " %.2f tiles each)%n",
                  batch, pipeline, raw, ratio, images, tilesPerImage);
              root.context.out().flush();
            }
            if (rows.size() == 1) {
              result.putAll(textBench(encoders.texts()));
            }
          }
        }
        result.put("batches", rows);
        result.put("peakRssMiB", ImportBench.peakRssKib() < 0 ? null : ImportBench.peakRssKib() >> 10);
        result.put("peakHeapMiB", ImportBench.peakHeapBytes() >> 20);
        if (root.json) {
          root.context.out().println(Json.line(result));
        } else {
          result.forEach((k, v) -> {
            if (!k.equals("batches")) {
              root.context.out().printf(java.util.Locale.ROOT, "%-26s %s%n", k, v);
            }
          });
        }
        return Cli.OK;
      } finally {
        ImportBench.deleteTree(temp);
      }
    }

    /** The settings file for {@code --tiles}, or null to keep the defaults. */
    private String tileSettings() {
      if (tiles == null) {
        return null;
      }
      if (tiles.equalsIgnoreCase("off")) {
        return "{\"models\": {\"tiles\": false}}";
      }
      try {
        double megapixels = Double.parseDouble(tiles);
        if (megapixels > 0 && megapixels <= 1e6) {
          return "{\"models\": {\"tileMinMegapixels\": " + megapixels + "}}";
        }
      } catch (NumberFormatException notANumber) {
        // reported below
      }
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--tiles takes `off` or a positive number of megapixels, got '" + tiles + "'");
    }

    /** Tile vectors per image in the catalog (the pipeline ran the model on 1 + this per image). */
    private static double tilesPerImage(dev.imagerag.logic.catalog.Catalog catalog) {
      long[] counts = new long[2];
      catalog.forEachImageId(id -> {
        Map<String, dev.imagerag.logic.catalog.StoredVector> vectors = catalog.storedVectors(id);
        var visual = vectors.get(dev.imagerag.logic.store.VectorNames.VISUAL);
        var tileVectors = vectors.get(dev.imagerag.logic.catalog.TileVectors.NAME);
        counts[0]++;
        if (visual != null && tileVectors != null) {
          counts[1] += tileVectors.vector().length / visual.vector().length;
        }
      });
      return counts[0] == 0 ? 0 : (double) counts[1] / counts[0];
    }

    private Map<String, Object> textBench(dev.imagerag.logic.embed.TextEmbedder text) {
      Map<String, Object> out = new LinkedHashMap<>();
      long loadStart = System.nanoTime();
      text.embedTexts(List.of("warm up"));
      out.put("textModel", text.modelId());
      out.put("textModelLoadSeconds", round((System.nanoTime() - loadStart) / 1e9));
      List<String> texts = new java.util.ArrayList<>();
      String[] words = {"error", "connection", "refused", "payroll", "export", "chart", "revenue", "kitchen",
          "island", "diagram", "load", "balancer", "receipt", "total", "invoice", "screenshot"};
      java.util.Random random = new java.util.Random(7);
      for (int i = 0; i < sentences; i++) {
        StringBuilder sentence = new StringBuilder();
        for (int w = 0; w < 12; w++) {
          sentence.append(words[random.nextInt(words.length)]).append(' ');
        }
        texts.add(sentence.toString().strip());
      }
      long start = System.nanoTime();
      text.embedTexts(texts);
      out.put("textSentencesPerSecond", round(sentences / ((System.nanoTime() - start) / 1e9)));
      return out;
    }
  }
}
