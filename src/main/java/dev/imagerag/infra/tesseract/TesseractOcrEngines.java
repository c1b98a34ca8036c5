package dev.imagerag.infra.tesseract;

import dev.imagerag.logic.ocr.OcrAvailability;
import dev.imagerag.logic.ocr.OcrEngine;
import dev.imagerag.logic.ocr.OcrEngines;
import dev.imagerag.logic.ocr.OcrException;
import dev.imagerag.logic.ocr.OcrSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import net.sourceforge.tess4j.TessAPI;

/**
 * Tesseract through tess4j's C API binding: finds the native library and the language data, checks
 * once that an engine really starts with the configured languages, and then makes one
 * {@link TesseractOcrEngine} per worker. A missing libtesseract (JNA cannot link it) or missing
 * language data makes OCR unavailable with the package to install; it is never an error per image.
 * The first call of any method does the check, which starts one engine (0.1 to 0.4 s measured on a
 * 2-core machine). Thread-safe.
 */
public final class TesseractOcrEngines implements OcrEngines {
  private final OcrSettings settings;
  private final Map<String, String> env;
  private final String osName;
  private final Supplier<String> nativeVersion;
  private final InstallHints hints;
  private Setup setup;

  /** What availability found: the engine's inputs, or why there are none. */
  private record Setup(OcrAvailability availability, String version, Path tessdata, boolean osd) {}

  /**
   * @param env the environment, for {@code TESSDATA_PREFIX} (and {@code LOCALAPPDATA} on Windows)
   * @param osName {@code os.name}, for where to look and what to tell the user to install
   */
  public TesseractOcrEngines(OcrSettings settings, Map<String, String> env, String osName) {
    this(settings, env, osName, () -> {
      OpenMpThreads.limitToOne();
      return TessAPI.INSTANCE.TessVersion();
    });
  }

  /** @param nativeVersion loads libtesseract and returns its version; throws a LinkageError when absent */
  TesseractOcrEngines(OcrSettings settings, Map<String, String> env, String osName, Supplier<String> nativeVersion) {
    this.settings = settings;
    this.env = Map.copyOf(env);
    this.osName = osName;
    this.nativeVersion = nativeVersion;
    this.hints = InstallHints.forOs(osName);
  }

  @Override
  public OcrAvailability availability() {
    return setup().availability();
  }

  @Override
  public String engineVersion() {
    return "tesseract " + setup().version();
  }

  @Override
  public String languages() {
    return settings.languages();
  }

  /** The tessdata folder in use, when OCR is available. */
  public Optional<Path> tessdata() {
    return Optional.ofNullable(setup().tessdata());
  }

  @Override
  public OcrEngine create() {
    Setup current = setup();
    if (!current.availability().available()) {
      throw new OcrException("Text recognition is off: " + current.availability().reason());
    }
    return new TesseractOcrEngine(current.tessdata(), settings.languages(), current.osd(), hints);
  }

  private synchronized Setup setup() {
    if (setup == null) {
      setup = check();
    }
    return setup;
  }

  private Setup check() {
    String version;
    try {
      version = nativeVersion.get();
    } catch (LinkageError e) {
      // UnsatisfiedLinkError the first time, NoClassDefFoundError ("could not initialize") after.
      return unavailable("Tesseract is not installed: " + hints.tesseract(settings.languages()), "unknown");
    }
    List<String> languages = InstallHints.codes(settings.languages());
    List<Path> candidates = TessdataLocator.candidates(settings.tessdataPath(), env, osName);
    Optional<TessdataLocator.Found> found = TessdataLocator.locate(candidates, languages);
    if (found.isEmpty()) {
      return unavailable("Tesseract's language data was not found (looked in " + candidates.stream()
          .map(Path::toString).collect(Collectors.joining(", ")) + "): " + hints.languages(languages)
          + ", or set ocr.tessdata in the settings to the folder holding " + languages.get(0) + ".traineddata",
          version);
    }
    Path folder = found.get().folder();
    List<String> missing = found.get().missing();
    if (!missing.isEmpty()) {
      return unavailable("Tesseract has no data for " + String.join(", ", missing) + " in " + folder + " ("
          + missing.stream().map(m -> m + ".traineddata").collect(Collectors.joining(", ")) + " missing): "
          + hints.languages(missing), version);
    }
    return probe(folder, version);
  }

  /**
   * Starts one engine, which proves the data loads (a damaged or foreign-version file does not),
   * with the orientation data when it is there and loads.
   */
  private Setup probe(Path folder, String version) {
    List<String> notes = new ArrayList<>();
    boolean osd = Files.isRegularFile(TessdataLocator.traineddata(folder, "osd"));
    if (!osd) {
      notes.add("Tesseract's orientation data (osd.traineddata) is missing in " + folder
          + ", so turned images are read by trying each orientation, which is slower: " + hints.osd());
    } else if (!starts(folder, true)) {
      osd = false;
      notes.add("Tesseract's orientation data (osd.traineddata in " + folder + ") does not load, so turned "
          + "images are read by trying each orientation, which is slower: " + hints.reinstall(List.of("osd")));
    } else {
      return new Setup(OcrAvailability.available(notes), version, folder, true);
    }
    try (TesseractOcrEngine probe = new TesseractOcrEngine(folder, settings.languages(), false, hints)) {
      return new Setup(OcrAvailability.available(notes), version, folder, osd);
    } catch (OcrException e) {
      return unavailable(e.getMessage(), version);
    }
  }

  /** Whether an engine starts with the languages and, if asked, the orientation data. */
  private boolean starts(Path folder, boolean withOsd) {
    try (TesseractOcrEngine probe = new TesseractOcrEngine(folder, settings.languages(), withOsd, hints)) {
      return true;
    } catch (OcrException e) {
      return false;
    }
  }

  private static Setup unavailable(String reason, String version) {
    return new Setup(OcrAvailability.unavailable(reason), version, null, false);
  }
}
