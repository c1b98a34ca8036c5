package dev.imagerag.app;

import dev.imagerag.domain.ImageRagException;
import dev.imagerag.domain.LibraryInUseException;
import dev.imagerag.domain.StageState;
import dev.imagerag.infra.catalog.SqliteCatalog;
import dev.imagerag.infra.files.FileThumbnailStore;
import dev.imagerag.infra.files.ImageIoDecoder;
import dev.imagerag.infra.files.JsonSettingsStore;
import dev.imagerag.infra.lucene.LuceneVectorStore;
import dev.imagerag.infra.models.HttpModelInstaller;
import dev.imagerag.infra.onnx.BgeTextEmbedder;
import dev.imagerag.infra.onnx.OnnxDevices;
import dev.imagerag.infra.onnx.OnnxImageEmbedder;
import dev.imagerag.infra.onnx.OnnxTextEmbedder;
import dev.imagerag.infra.openai.OpenAiCaptioner;
import dev.imagerag.infra.qdrant.QdrantVectorStore;
import dev.imagerag.infra.tesseract.TesseractOcrEngines;
import dev.imagerag.logic.caption.CaptionSettings;
import dev.imagerag.logic.caption.CaptionStage;
import dev.imagerag.logic.caption.CostMeter;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.chat.ChatOpener;
import dev.imagerag.logic.chat.ChatService;
import dev.imagerag.logic.embed.EmbeddingSettings;
import dev.imagerag.logic.embed.InstallState;
import dev.imagerag.logic.embed.ModelException;
import dev.imagerag.logic.embed.ModelInstaller;
import dev.imagerag.logic.embed.ModelManifest;
import dev.imagerag.logic.embed.ModelState;
import dev.imagerag.logic.embed.ModelsFolder;
import dev.imagerag.logic.embed.TagVocabulary;
import dev.imagerag.logic.ingest.IndexStage;
import dev.imagerag.logic.ingest.Pipeline;
import dev.imagerag.logic.ingest.Stage;
import dev.imagerag.logic.ingest.TextEmbeddingStage;
import dev.imagerag.logic.ingest.ThumbnailStage;
import dev.imagerag.logic.ingest.VisualEmbeddingStage;
import dev.imagerag.logic.ingest.ZeroShotTagStage;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.library.LibraryLock;
import dev.imagerag.logic.library.LibraryOpener;
import dev.imagerag.logic.library.LibraryPaths;
import dev.imagerag.logic.library.ModelsStatus;
import dev.imagerag.logic.ocr.OcrAvailability;
import dev.imagerag.logic.ocr.OcrSettings;
import dev.imagerag.logic.ocr.OcrStage;
import dev.imagerag.logic.search.Encoders;
import dev.imagerag.logic.search.SearchService;
import dev.imagerag.logic.settings.Settings;
import dev.imagerag.logic.settings.SettingsStore;
import dev.imagerag.logic.store.StoreFactory;
import dev.imagerag.logic.store.StoreSettings;
import dev.imagerag.logic.store.StoreUnavailableException;
import dev.imagerag.logic.store.VectorNames;
import dev.imagerag.logic.store.VectorStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root for a library: opens the catalog, the index and the thumbnail folder,
 * finds the models, builds the pipeline with its stages, and repairs what a crash may have left.
 * All wiring of adapters to ports happens here, by hand, in one readable place.
 */
public final class AppLibraryOpener implements LibraryOpener, StoreFactory, ChatOpener {
  private static final Logger LOG = LoggerFactory.getLogger(AppLibraryOpener.class);

  private final Map<String, String> env;
  private final String osName;
  private final Path home;

  public AppLibraryOpener(Map<String, String> env, String osName, Path home) {
    this.env = Map.copyOf(env);
    this.osName = osName;
    this.home = home;
  }

  /** Uses this process's environment and home folder. */
  public AppLibraryOpener() {
    this(System.getenv(), System.getProperty("os.name"), Path.of(System.getProperty("user.home")));
  }

  @Override
  public Library open(LibraryPaths paths, Access access, Options options) {
    LibraryLock lock;
    try {
      lock = LibraryLock.acquire(paths.lockFile());
    } catch (LibraryInUseException e) {
      if (access == Access.WRITE) {
        throw e;
      }
      return openReadOnly(paths, options);
    } catch (IOException e) {
      if (access == Access.READ && Files.isRegularFile(paths.catalogFile()) && !Files.isWritable(paths.root())) {
        // Read-only media or permissions: reading still works.
        return openReadOnly(paths, options);
      }
      throw new ImageRagException("Could not open the library " + paths.root() + " for writing: " + describe(e)
          + ". Check that the folder can be written (not a read-only disk), or choose another one with --library.", e);
    }
    try {
      return openWritable(paths, lock, options);
    } catch (RuntimeException e) {
      closeQuietly(lock, e);
      throw e;
    }
  }

  private Library openWritable(LibraryPaths paths, LibraryLock lock, Options options) {
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      createFolders(paths);
      LogSetup.toFolder(paths.logsDir());
      boolean crashed = Files.exists(paths.dirtyMarker());
      markOpen(paths.dirtyMarker());
      Settings settings = loadSettings(paths);
      SqliteCatalog catalog = SqliteCatalog.open(paths.catalogFile());
      opened.add(catalog);
      Models models = models(settings, options, opened);
      VectorStore store = open(storeSettings(settings, options), paths.root(), models.storeDimensions());
      opened.add(store);
      FileThumbnailStore thumbnails = new FileThumbnailStore(paths.thumbnailsDir(), settings.imports().thumbnailSize());
      ImageIoDecoder decoder = new ImageIoDecoder();
      List<String> notices = new ArrayList<>(models.notices());
      Captions captions = captions(settings, opened);
      notices.addAll(captions.notices());
      Ocr ocrSetup = ocr(catalog, decoder, settings, notices);
      OcrStage ocr = ocrSetup.stage();
      if (ocr != null) {
        opened.add(ocr);
      }
      Pipeline pipeline = new Pipeline(catalog, store, decoder, thumbnails, settings.imports(),
          stages(catalog, store, decoder, thumbnails, settings, models, captions, ocr), paths.root());
      pipeline.alignIndexDimensions(models.dimensions()).ifPresent(notices::add);
      recover(paths, catalog, store, pipeline, crashed, notices);
      AutoCloseable unmark = () -> Files.deleteIfExists(paths.dirtyMarker());
      List<AutoCloseable> onClose = new ArrayList<>(models.closeables());
      if (ocr != null) {
        onClose.add(ocr);
      }
      if (captions.captioner() != null) {
        onClose.add(captions.captioner());
      }
      onClose.add(unmark);
      onClose.add(lock);
      SearchService search = new SearchService(catalog, store, decoder, models.encoders(), thumbnails,
          settings.search());
      return new Library(paths, catalog, store, pipeline, search, models.status(), notices, onClose)
          .withCaptionCosts(captions.costs(), captionsStatus(settings.captions()))
          .withOcr(ocrSetup.description());
    } catch (RuntimeException e) {
      for (AutoCloseable closeable : opened) {
        closeQuietly(closeable, e);
      }
      throw e;
    }
  }

  private static List<Stage> stages(
      Catalog catalog, VectorStore store, ImageIoDecoder decoder, FileThumbnailStore thumbnails,
      Settings settings, Models models, Captions captions, OcrStage ocr) {
    List<Stage> stages = new ArrayList<>();
    stages.add(new ThumbnailStage(catalog, decoder, thumbnails, settings.imports()));
    Set<String> inputs = new java.util.HashSet<>(Set.of(TextEmbeddingStage.NAME));
    if (models.visualImages() != null) {
      stages.add(new VisualEmbeddingStage(catalog, decoder, models.visualImages(), settings.imports(),
          models.batchSize(), settings.embedding().tiles()));
      stages.add(new ZeroShotTagStage(catalog, models.visualTexts(), TagVocabulary.builtIn()));
      inputs.add(VisualEmbeddingStage.NAME);
      inputs.add(ZeroShotTagStage.NAME);
    }
    if (ocr != null) {
      stages.add(ocr);
      inputs.add(OcrStage.NAME);
    }
    if (captions.captioner() != null) {
      stages.add(new CaptionStage(catalog, decoder, captions.captioner(), settings.captions(), settings.imports(),
          captions.costs()));
      inputs.add(CaptionStage.NAME);
    }
    stages.add(new TextEmbeddingStage(catalog, models.text()));
    stages.add(new IndexStage(catalog, store, inputs, Map.of(
        VectorNames.VISUAL, models.status().visualModel(), VectorNames.TEXTUAL, models.text().modelId())));
    return stages;
  }

  /**
   * The encoders this library uses: the configured visual model when its files are present, and
   * the built-in text embedder. Nothing is loaded yet; models load at first use.
   */
  private Models models(Settings settings, Options options, List<AutoCloseable> opened) {
    EmbeddingSettings embedding = settings.embedding();
    if (options.device() != null) {
      embedding = embedding.withDevice(options.device());
    }
    if (options.batchSize() != null) {
      embedding = embedding.withBatchSize(options.batchSize());
    }
    if (options.visualModel() != null) {
      embedding = embedding.withVisualModel(options.visualModel());
    }
    ModelsFolder folder = ModelsFolder.resolve(options.modelsFolder(), env, osName, home);
    BgeTextEmbedder text = new BgeTextEmbedder(embedding.effectiveThreads(), embedding.idleUnload());
    opened.add(text);
    String device = OnnxDevices.describe(embedding.device());
    String modelId = embedding.visualModel();
    ModelInstaller installer = new HttpModelInstaller(folder.root());
    ModelManifest manifest;
    ModelState state;
    try {
      manifest = installer.manifest(modelId);
      state = installer.state(modelId);
    } catch (ModelException e) {
      String note = e.getMessage();
      return Models.withoutVisual(text, embedding, device, folder, modelId, "unknown", note, null);
    }
    if (state.state() != InstallState.READY) {
      String note = state.state() == InstallState.CORRUPT
          ? "the visual model " + modelId + " is damaged; run `image-rag models download " + modelId + "`"
          : "the visual model " + modelId + " is not downloaded yet; run `image-rag models download " + modelId
              + "` (or place its files in " + state.folder() + ")";
      return Models.withoutVisual(text, embedding, device, folder, modelId, state.state().id(), note,
          manifest.dimension());
    }
    Path modelDir = state.folder();
    OnnxImageEmbedder images = new OnnxImageEmbedder(manifest, modelDir, embedding);
    opened.add(images);
    OnnxTextEmbedder texts = new OnnxTextEmbedder(manifest, modelDir, embedding);
    opened.add(texts);
    ModelsStatus status = new ModelsStatus(modelId, state.state().id(), null, text.modelId(), device,
        folder.root().toString());
    Map<String, Integer> dims = new LinkedHashMap<>();
    dims.put(VectorNames.VISUAL, manifest.dimension());
    dims.put(VectorNames.TEXTUAL, text.dimension());
    return new Models(images, texts, text, status, List.of(), dims, dims, List.of(images, texts, text),
        embedding.batchSize());
  }

  /** The chat of an open library (see {@link AppChatOpener}). */
  @Override
  public ChatService open(Library library) {
    return new AppChatOpener(env).open(library);
  }

  /** Opens the embedded index of the library, or its Qdrant collection, for reading and writing. */
  @Override
  public VectorStore open(StoreSettings settings, Path libraryRoot, Map<String, Integer> dimensions) {
    return settings.isQdrant()
        ? QdrantVectorStore.open(withEnvironmentKey(settings), libraryRoot, dimensions, false)
        : LuceneVectorStore.open(new LibraryPaths(libraryRoot).indexDir());
  }

  @Override
  public StoreSettings configured(Path libraryRoot) {
    return withEnvironmentKey(new JsonSettingsStore(new LibraryPaths(libraryRoot).settingsFile()).load().store());
  }

  /** The settings' store with the command line's overrides and the environment's key. */
  private StoreSettings storeSettings(Settings settings, Options options) {
    StoreSettings store = options.store() == null ? settings.store() : options.store().apply(settings.store());
    return withEnvironmentKey(store);
  }

  private StoreSettings withEnvironmentKey(StoreSettings store) {
    String key = env.get("QDRANT_API_KEY");
    return store.apiKey() == null && key != null && !key.isBlank() ? store.withApiKey(key) : store;
  }

  /** The OCR stage (null when off) and how OCR runs, in words for {@code status}. */
  private record Ocr(OcrStage stage, String description) {}

  /** The OCR stage when OCR is enabled and Tesseract can run here; else none, with a notice why. */
  private Ocr ocr(Catalog catalog, ImageIoDecoder decoder, Settings settings, List<String> notices) {
    OcrSettings ocr = settings.ocr();
    if (!ocr.enabled()) {
      return new Ocr(null, "off");
    }
    TesseractOcrEngines engines = new TesseractOcrEngines(ocr, env, osName);
    OcrAvailability availability = engines.availability();
    if (!availability.available()) {
      notices.add("Text recognition (OCR) is off. " + availability.reason() + ".");
      return new Ocr(null, "off: " + availability.reason());
    }
    notices.addAll(availability.notes());
    return new Ocr(new OcrStage(catalog, decoder, engines, ocr, settings.imports()),
        "on: " + ocr.languages() + ", " + ocr.threads() + " thread" + (ocr.threads() == 1 ? "" : "s"));
  }

  /**
   * The caption service when the user turned captions on; nothing is sent anywhere otherwise.
   */
  private Captions captions(Settings settings, List<AutoCloseable> opened) {
    CaptionSettings config = settings.captions();
    CostMeter costs = CostMeter.of(config);
    if (!config.enabled()) {
      return new Captions(null, costs, List.of());
    }
    OpenAiCaptioner captioner = new OpenAiCaptioner(config, env);
    opened.add(captioner);
    List<String> notices = new ArrayList<>();
    notices.add("Captions are on: images are sent to " + config.baseUrl() + " (model " + config.model() + ").");
    if (OpenAiCaptioner.apiKey(config, env) == null && config.baseUrl().contains("api.openai.com")) {
      notices.add("Captions need an API key: set captions.apiKey in settings.json or the OPENAI_API_KEY variable.");
    }
    return new Captions(captioner, costs, notices);
  }

  private static String captionsStatus(CaptionSettings config) {
    return config.enabled() ? "on: " + config.model() + " at " + config.baseUrl() : "off";
  }

  /** The caption service of a library (null when captions are off) and its running cost. */
  private record Captions(OpenAiCaptioner captioner, CostMeter costs, List<String> notices) {}

  /**
   * The encoders chosen for a library, and what to close with it.
   *
   * @param dimensions per vector name, the dimension of the vectors these encoders produce now
   * @param storeDimensions the same plus the configured visual model's dimension when it is known
   *     but not downloaded yet, so that a new remote collection is made for both vectors at once
   */
  private record Models(
      OnnxImageEmbedder visualImages, OnnxTextEmbedder visualTexts, BgeTextEmbedder text, ModelsStatus status,
      List<String> notices, Map<String, Integer> dimensions, Map<String, Integer> storeDimensions,
      List<AutoCloseable> closeables, int batchSize) {

    static Models withoutVisual(BgeTextEmbedder text, EmbeddingSettings embedding, String device,
        ModelsFolder folder, String modelId, String state, String note, Integer visualDimension) {
      ModelsStatus status = new ModelsStatus(modelId, state, note, text.modelId(), device, folder.root().toString());
      Map<String, Integer> dims = Map.of(VectorNames.TEXTUAL, text.dimension());
      Map<String, Integer> storeDims = visualDimension == null ? dims
          : Map.of(VectorNames.TEXTUAL, text.dimension(), VectorNames.VISUAL, visualDimension);
      return new Models(null, null, text, status, List.of("Visual search is off: " + note + "."),
          dims, storeDims, List.of(text), embedding.batchSize());
    }

    Encoders encoders() {
      return new Encoders(visualImages, visualTexts, text, status.visualNote());
    }
  }

  private static Settings loadSettings(LibraryPaths paths) {
    SettingsStore settingsStore = new JsonSettingsStore(paths.settingsFile());
    Settings settings = settingsStore.load();
    if (!Files.exists(paths.settingsFile())) {
      settingsStore.save(settings);
    }
    return settings;
  }

  /**
   * Repairs what a crash left and notices an index that lost entries (deleted, or another store
   * selected); work that needs an unreachable index server waits for it.
   */
  private static void recover(
      LibraryPaths paths, Catalog catalog, VectorStore store, Pipeline pipeline, boolean crashed,
      List<String> notices) {
    int resumed = catalog.resetRunning();
    int swept = pipeline.sweepTombstones();
    long entries;
    try {
      entries = store.count();
    } catch (StoreUnavailableException e) {
      notices.add("The index server is unreachable: " + e.getMessage() + " Indexing waits until it is back.");
      return;
    }
    boolean indexLost = entries < catalog.count(Catalog.INDEX_STAGE, StageState.DONE);
    if (crashed || indexLost) {
      Pipeline.RecoveryReport report = pipeline.reconcile();
      LOG.info("Recovered {} after {}: {} interrupted items resumed, {} removals finished, {}",
          paths.root(), crashed ? "an unclean shutdown" : "finding the index incomplete", resumed, swept, report);
    }
  }

  private static String describe(IOException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason() : message;
  }

  private Library openReadOnly(LibraryPaths paths, Options options) {
    SqliteCatalog catalog = Files.isWritable(paths.root())
        ? SqliteCatalog.openReadOnly(paths.catalogFile()) : SqliteCatalog.openImmutable(paths.catalogFile());
    List<AutoCloseable> opened = new ArrayList<>();
    opened.add(catalog);
    try {
      Settings settings = new JsonSettingsStore(paths.settingsFile()).load();
      Models models = models(settings, options, opened);
      StoreSettings storeSettings = storeSettings(settings, options);
      VectorStore store = storeSettings.isQdrant()
          ? QdrantVectorStore.open(storeSettings, paths.root(), models.storeDimensions(), true)
          : LuceneVectorStore.openReadOnly(paths.indexDir());
      opened.add(store);
      SearchService search = new SearchService(catalog, store, new ImageIoDecoder(), models.encoders(), null,
          settings.search());
      return new Library(paths, catalog, store, null, search, models.status(), models.notices(), models.closeables());
    } catch (RuntimeException e) {
      for (AutoCloseable closeable : opened) {
        closeQuietly(closeable, e);
      }
      throw e;
    }
  }

  private static void createFolders(LibraryPaths paths) {
    try {
      for (Path dir : List.of(paths.root(), paths.thumbnailsDir(), paths.indexDir(), paths.logsDir(), paths.tmpDir())) {
        Files.createDirectories(dir);
      }
    } catch (IOException e) {
      throw new ImageRagException("Could not create the library folder " + paths.root() + ": " + e.getMessage(), e);
    }
  }

  private static void markOpen(Path marker) {
    try {
      Files.writeString(marker, Long.toString(ProcessHandle.current().pid()));
    } catch (IOException e) {
      throw new ImageRagException("Could not write to the library folder " + marker.getParent() + ": "
          + e.getMessage(), e);
    }
  }

  private static void closeQuietly(AutoCloseable closeable, Exception cause) {
    try {
      closeable.close();
    } catch (Exception e) {
      cause.addSuppressed(e);
    }
  }
}
