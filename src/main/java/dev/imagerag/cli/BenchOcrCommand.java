package dev.imagerag.cli;

import dev.imagerag.domain.ImageRagException;
import dev.imagerag.logic.ingest.ImportRequest;
import dev.imagerag.logic.ingest.ImportSummary;
import dev.imagerag.logic.jobs.JobControl;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.library.LibraryOpener;
import dev.imagerag.logic.library.LibraryPaths;
import dev.imagerag.logic.ocr.OcrStage;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bench ocr DIR}: the OCR stage as a library runs it (its engine pool, image preparation and
 * default OCR settings) over the images of a folder with 1 and N workers, next to the
 * {@code tesseract} command line on the same files in the same run.
 *
 * <p>Each of our measurements follows an untimed pass that starts the workers' engines and warms
 * the file cache, so it is the steady state of an import. The command line starts a process, loads
 * the language data and reads one file per call, sequentially: once as the environment has it
 * (Debian's Tesseract then spreads each page over all cores with OpenMP) and once with
 * {@code OMP_THREAD_LIMIT=1}, which is how the library runs its engines.
 */
@Command(name = "ocr", description = {
    "Read the text of the images in DIR with the OCR stage in a temporary library (deleted",
    "afterwards), with 1 and N workers, and with the `tesseract` command line on the same files",
    "(one process per file, sequentially, with and without OMP_THREAD_LIMIT=1). Prints images/s",
    "for each and the ratio of ours to the command line."})
final class BenchOcrCommand implements Callable<Integer> {
  /** The command line's language, the library's default. */
  private static final String LANGUAGES = "eng";

  @ParentCommand BenchCommand bench;

  @Parameters(paramLabel = "DIR", description = "Folder of images to read (screenshots, scans).")
  Path folder;

  @Option(names = "--threads", paramLabel = "N",
      description = "OCR workers for the second measurement, 1 to 16 (default: the number of cores, ${DEFAULT-VALUE}).")
  int threads = Math.min(16, Runtime.getRuntime().availableProcessors());

  @Spec CommandSpec spec;

  /** One measured configuration. */
  private record Row(String name, int images, int failed, double seconds) {
    double imagesPerSecond() {
      return images / seconds;
    }
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (threads < 1 || threads > 16) {
      throw new ParameterException(spec.commandLine(), "--threads must be between 1 and 16, got " + threads);
    }
    if (!Files.isDirectory(folder)) {
      throw new ImageRagException("DIR must be a folder of images: " + folder.toAbsolutePath()
          + (Files.exists(folder) ? " is not a folder." : " does not exist."));
    }
    ImageRagCommand root = bench.root;
    PrintWriter err = root.context.err();
    Path temp = Files.createTempDirectory("image-rag-bench-ocr");
    try {
      List<Row> rows = new ArrayList<>();
      List<Path> files = new ArrayList<>();
      String ocr = null;
      for (int workers : threads == 1 ? List.of(1) : List.of(1, threads)) {
        progress(err, "OCR stage, " + workers + " worker" + (workers == 1 ? "" : "s"));
        try (Library library = open(root, temp, workers)) {
          rows.add(measureStage(library, workers, files));
          // The worker count is in each row; keep "on: LANGUAGES".
          ocr = library.ocr().replaceFirst(", \\d+ threads?$", "");
        }
      }
      Path tesseract = onPath(root.context.env().get("PATH"));
      if (tesseract != null) {
        progress(err, "tesseract command line, one process per file");
        rows.add(measureCommandLine("tesseract CLI", tesseract, files, null));
        rows.add(measureCommandLine("tesseract CLI, OMP_THREAD_LIMIT=1", tesseract, files, "1"));
      }
      print(root, rows, files.size(), ocr, tesseract);
      return Cli.OK;
    } finally {
      BenchCommand.ImportBench.deleteTree(temp);
    }
  }

  /** A temporary library with the default settings but {@code workers} OCR workers. */
  private Library open(ImageRagCommand root, Path temp, int workers) throws IOException {
    LibraryPaths paths = new LibraryPaths(temp.resolve("library"));
    Files.createDirectories(paths.root());
    Files.writeString(paths.settingsFile(), "{\"ocr\": {\"threads\": " + workers + "}}");
    // An empty models folder: OCR needs no model, and no encoder is loaded.
    Library library = root.context.opener().open(paths, LibraryOpener.Access.WRITE,
        new LibraryOpener.Options(temp.resolve("models"), root.device, null, null));
    if (!library.ocr().startsWith("on")) {
      library.close();
      throw new ImageRagException("Text recognition cannot run here (" + library.ocr() + ").");
    }
    return library;
  }

  /**
   * Imports the folder (first time only, without running stages), runs the OCR stage once untimed,
   * then again timed. Fills {@code files} with the imported images' paths on the first call.
   */
  private Row measureStage(Library library, int workers, List<Path> files) throws InterruptedException {
    if (files.isEmpty()) {
      library.pipeline().run(new ImportRequest(List.of(folder), false, false, Set.of()), new JobControl(),
          library.pipeline().newProgress());
      library.catalog().forEachImageId(id -> files.add(Path.of(library.catalog().paths(id).get(0))));
      if (files.isEmpty()) {
        throw new ImageRagException("No images found in " + folder.toAbsolutePath() + ".");
      }
    } else {
      library.catalog().requeue(OcrStage.NAME, EnumSet.allOf(dev.imagerag.domain.StageState.class));
    }
    runOcr(library);
    library.catalog().requeue(OcrStage.NAME, EnumSet.allOf(dev.imagerag.domain.StageState.class));
    long start = System.nanoTime();
    ImportSummary.StageCount count = runOcr(library);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Row("image-rag, " + workers + " worker" + (workers == 1 ? "" : "s"),
        (int) (count.done() + count.failed()), (int) count.failed(), seconds);
  }

  private static ImportSummary.StageCount runOcr(Library library) throws InterruptedException {
    ImportSummary summary = library.pipeline().run(ImportRequest.stagesOnly(Set.of(OcrStage.NAME)),
        new JobControl(), library.pipeline().newProgress());
    if (!summary.errors().isEmpty()) {
      throw new ImageRagException("The OCR stage stopped: " + summary.errors().get(0));
    }
    return summary.stages().get(OcrStage.NAME);
  }

  /**
   * {@code tesseract FILE - -l eng} for each file in turn, after one untimed call.
   *
   * @param ompThreadLimit the child's {@code OMP_THREAD_LIMIT}, or null to leave it unset
   */
  private static Row measureCommandLine(String name, Path tesseract, List<Path> files, String ompThreadLimit)
      throws IOException, InterruptedException {
    recognise(tesseract, files.get(0), ompThreadLimit);
    int failed = 0;
    long start = System.nanoTime();
    for (Path file : files) {
      if (!recognise(tesseract, file, ompThreadLimit)) {
        failed++;
      }
    }
    return new Row(name, files.size(), failed, (System.nanoTime() - start) / 1e9);
  }

  private static boolean recognise(Path tesseract, Path file, String ompThreadLimit)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(tesseract.toString(), file.toString(), "-", "-l", LANGUAGES)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    if (ompThreadLimit == null) {
      builder.environment().remove("OMP_THREAD_LIMIT");
    } else {
      builder.environment().put("OMP_THREAD_LIMIT", ompThreadLimit);
    }
    return builder.start().waitFor() == 0;
  }

  /** The {@code tesseract} executable in one of the PATH's folders, or null. */
  static Path onPath(String path) {
    if (path == null) {
      return null;
    }
    String name = File.separatorChar == '\\' ? "tesseract.exe" : "tesseract";
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isBlank()) {
        Path candidate = Path.of(dir).resolve(name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return null;
  }

  private static void print(ImageRagCommand root, List<Row> rows, int images, String ocr, Path tesseract) {
    Row cli = rows.stream().filter(r -> r.name().equals("tesseract CLI")).findFirst().orElse(null);
    Row cliOneThread = rows.stream().filter(r -> r.name().endsWith("OMP_THREAD_LIMIT=1")).findFirst().orElse(null);
    String missing = tesseract == null ? "tesseract is not on PATH: measured the OCR stage only." : null;
    if (root.json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("images", images);
      result.put("ocr", ocr);
      result.put("tesseract", tesseract == null ? null : tesseract.toString());
      result.put("note", missing);
      result.put("rows", rows.stream().map(r -> toMap(r, cli, cliOneThread)).toList());
      root.context.out().println(Json.line(result));
      return;
    }
    PrintWriter out = root.context.out();
    out.printf(Locale.ROOT, "%d images, OCR %s%n", images, ocr);
    if (missing != null) {
      out.println(missing);
    }
    out.printf(Locale.ROOT, "%-36s %9s %8s %7s %s%n", "", "images/s", "seconds", "failed",
        cli == null ? "" : "ratio to the tesseract CLI (OMP default / OMP_THREAD_LIMIT=1)");
    for (Row row : rows) {
      out.printf(Locale.ROOT, "%-36s %9.2f %8.2f %7d %s%n", row.name(), row.imagesPerSecond(), row.seconds(),
          row.failed(), cli == null ? "" : String.format(Locale.ROOT, "%.2f / %.2f",
              row.imagesPerSecond() / cli.imagesPerSecond(), row.imagesPerSecond() / cliOneThread.imagesPerSecond()));
    }
  }

  private static Map<String, Object> toMap(Row row, Row cli, Row cliOneThread) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", row.name());
    map.put("images", row.images());
    map.put("failed", row.failed());
    map.put("seconds", BenchCommand.round(row.seconds()));
    map.put("imagesPerSecond", BenchCommand.round(row.imagesPerSecond()));
    if (cli != null) {
      map.put("ratioToTesseractCli", BenchCommand.round(row.imagesPerSecond() / cli.imagesPerSecond()));
      map.put("ratioToTesseractCliOneThread",
          BenchCommand.round(row.imagesPerSecond() / cliOneThread.imagesPerSecond()));
    }
    return map;
  }

  private static void progress(PrintWriter err, String line) {
    err.println("measuring: " + line);
    err.flush();
  }
}
