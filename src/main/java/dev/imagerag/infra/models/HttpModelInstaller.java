package dev.imagerag.infra.models;

import dev.imagerag.infra.models.FetchException.Kind;
import dev.imagerag.infra.models.ResumableDownload.Target;
import dev.imagerag.logic.embed.DownloadListener;
import dev.imagerag.logic.embed.InstallState;
import dev.imagerag.logic.embed.ModelException;
import dev.imagerag.logic.embed.ModelInstaller;
import dev.imagerag.logic.embed.ModelManifest;
import dev.imagerag.logic.embed.ModelManifest.ModelFile;
import dev.imagerag.logic.embed.ModelState;
import dev.imagerag.logic.embed.ModelState.FileState;
import dev.imagerag.logic.jobs.JobContext;
import dev.imagerag.support.NamedThreadFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs models over HTTP(S) with {@link java.net.http.HttpClient} (which follows the JVM's proxy
 * selector: {@code -Dhttps.proxyHost=…} or {@code -Djava.net.useSystemProxies=true}). Files land in
 * {@code <folder>/<id>/<name>}: each is downloaded to {@code <name>.part} (resumed with a Range
 * request), checked against its SHA-256 and then renamed into place atomically, so a file under
 * its final name is always complete. Checksums already computed are kept in
 * {@code <id>/.verified.json}, so {@link #state} reads sizes only and a large file is hashed once.
 */
public final class HttpModelInstaller implements ModelInstaller {
  private static final Logger LOG = LoggerFactory.getLogger(HttpModelInstaller.class);
  private static final String LOCK_FILE = ".lock";

  private final Path folder;
  private final List<ModelManifest> bundled;
  private final DownloadSettings settings;
  private final SpaceProbe space;
  private final PartFileOpener opener;
  private HttpClient client;

  /** An installer with the shipped manifests and default network settings. */
  public HttpModelInstaller(Path folder) {
    this(folder, ManifestLoader.bundled(), DownloadSettings.DEFAULTS, SpaceProbe.FILE_STORE);
  }

  /**
   * @param bundled the manifests shipped with the application (the user's own in {@code folder}
   *     are added on every {@link #manifests()} call)
   */
  public HttpModelInstaller(Path folder, List<ModelManifest> bundled, DownloadSettings settings, SpaceProbe space) {
    this(folder, bundled, settings, space, PartFileOpener.FILES);
  }

  HttpModelInstaller(Path folder, List<ModelManifest> bundled, DownloadSettings settings, SpaceProbe space,
      PartFileOpener opener) {
    this.folder = folder.toAbsolutePath().normalize();
    this.bundled = List.copyOf(bundled);
    this.settings = Objects.requireNonNull(settings, "settings");
    this.space = Objects.requireNonNull(space, "space");
    this.opener = Objects.requireNonNull(opener, "opener");
  }

  @Override
  public Path folder() {
    return folder;
  }

  @Override
  public List<ModelManifest> manifests() {
    return ManifestLoader.merge(bundled, ManifestLoader.inFolder(folder), folder);
  }

  @Override
  public ModelManifest manifest(String modelId) {
    List<ModelManifest> all = manifests();
    return all.stream().filter(m -> m.id().equals(modelId)).findFirst()
        .orElseThrow(() -> InstallMessages.unknown(modelId, all));
  }

  @Override
  public ModelState state(String modelId) {
    return state(manifest(modelId));
  }

  private ModelState state(ModelManifest model) {
    Path dir = folder.resolve(model.id());
    VerifiedFiles sidecar = VerifiedFiles.load(dir);
    List<FileState> files = model.files().stream()
        .map(f -> InstalledFiles.inspect(model, f, dir, sidecar)).toList();
    return ModelState.of(model.id(), dir, files);
  }

  @Override
  public ModelState verify(String modelId, JobContext context) {
    ModelManifest model = manifest(modelId);
    Path dir = folder.resolve(model.id());
    for (ModelFile file : model.files()) {
      if (Files.isRegularFile(dir.resolve(file.name()))) {
        hashAndRecord(model, file, dir, context, DownloadListener.NONE);
      }
    }
    return state(model);
  }

  @Override
  public ModelState download(String modelId, DownloadListener listener, JobContext context) {
    ModelManifest model = manifest(modelId);
    Path dir = folder.resolve(model.id());
    createFolder(dir);
    // One download per model folder at a time, across processes: two writers on one .part would
    // interleave their bytes.
    try (FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE)) {
      FileLock lock = tryLock(lockChannel, model, dir);
      try {
        List<ModelFile> needed = filesToFetch(model, dir, listener, context);
        checkSpace(model, dir, needed);
        for (int i = 0; i < needed.size(); i++) {
          fetchOne(model, dir, needed.get(i), needed.subList(i, needed.size()), listener, context);
        }
      } finally {
        lock.release();
      }
    } catch (IOException e) {
      throw new ModelException("Could not use the model folder " + dir + ": " + e.getMessage(), e);
    }
    ModelState after = state(model);
    LOG.info("Model {} is {} in {}", model.id(), after.state().id(), dir);
    return after;
  }

  /** Files not yet in place and verified; a present file of unknown state is hashed first. */
  private List<ModelFile> filesToFetch(ModelManifest model, Path dir, DownloadListener listener,
      JobContext context) throws IOException {
    List<ModelFile> needed = new ArrayList<>();
    for (ModelFile file : model.files()) {
      FileState state = InstalledFiles.inspect(model, file, dir, VerifiedFiles.load(dir));
      if (state.state() == InstallState.READY && !state.verified()) {
        listener.verifying(model.id(), file.name());
        state = hashAndRecord(model, file, dir, context, listener);
      }
      if (state.state() == InstallState.READY && state.verified()) {
        continue;
      }
      if (state.state() == InstallState.CORRUPT) {
        LOG.warn("Replacing {} of model {}: it {}", file.name(), model.id(), state.detail());
        Files.deleteIfExists(state.path());
      }
      needed.add(file);
    }
    return needed;
  }

  private void checkSpace(ModelManifest model, Path dir, List<ModelFile> needed) {
    long remaining = 0;
    for (ModelFile file : needed) {
      if (file.size() > 0) {
        remaining += Math.max(0, file.size() - ResumableDownload.partLength(InstalledFiles.part(dir.resolve(file.name()))));
      }
    }
    long usable;
    try {
      usable = space.usableBytes(dir);
    } catch (IOException e) {
      LOG.warn("Cannot tell the free space in {}: {}", dir, e.getMessage());
      return;
    }
    if (remaining > usable) {
      throw InstallMessages.notEnoughSpace(model, dir, remaining, usable);
    }
  }

  private void fetchOne(ModelManifest model, Path dir, ModelFile file, List<ModelFile> notYetInPlace,
      DownloadListener listener, JobContext context) throws IOException {
    Path path = dir.resolve(file.name());
    Path part = InstalledFiles.part(path);
    try {
      new ResumableDownload(client(), settings, opener)
          .fetch(new Target(model.id(), file.name(), URI.create(file.url()), part, file.size()), listener, context);
    } catch (FetchException e) {
      if (e.kind() == Kind.WRITE_FAILED) {
        throw InstallMessages.writeFailed(model, dir, file, e);
      }
      if (e.kind() == Kind.WRONG_SIZE) {
        Files.deleteIfExists(part);
        throw InstallMessages.wrongSize(model, file, e);
      }
      throw InstallMessages.byHand(model, dir, notYetInPlace, e);
    }
    listener.verifying(model.id(), file.name());
    String actual = FileDigest.sha256(part, context);
    VerifiedFiles sidecar = VerifiedFiles.load(dir);
    if (file.pinned() && !file.sha256().equals(actual)) {
      Files.deleteIfExists(part);
      throw InstallMessages.checksumMismatch(model, file, actual);
    }
    if (!file.pinned()) {
      String previous = sidecar.trusted(file.name()).map(VerifiedFiles.Trusted::sha256).orElse(null);
      String warning = InstallMessages.firstDownloadWarning(model, file, actual, previous);
      LOG.warn(warning);
      listener.warning(warning);
      sidecar.recordTrusted(file.name(), Files.size(part), actual, file.url());
    }
    moveIntoPlace(part, path);
    sidecar.recordObserved(file.name(), Files.size(path), Files.getLastModifiedTime(path).toMillis(), actual);
    sidecar.save();
    listener.fileDone(model.id(), file.name(), path);
  }

  /** Computes a present file's SHA-256, records it, and returns the file's state against it. */
  private FileState hashAndRecord(ModelManifest model, ModelFile file, Path dir, JobContext context,
      DownloadListener listener) {
    Path path = dir.resolve(file.name());
    try {
      long size = Files.size(path);
      long mtime = Files.getLastModifiedTime(path).toMillis();
      String actual = FileDigest.sha256(path, context);
      VerifiedFiles sidecar = VerifiedFiles.load(dir);
      sidecar.recordObserved(file.name(), size, mtime, actual);
      if (!file.pinned() && sidecar.trusted(file.name()).isEmpty()) {
        String warning = InstallMessages.firstVerifyWarning(model, file, actual);
        LOG.warn(warning);
        listener.warning(warning);
        sidecar.recordTrusted(file.name(), size, actual, file.url());
      }
      sidecar.save();
      return InstalledFiles.inspect(model, file, dir, sidecar);
    } catch (IOException e) {
      throw new ModelException("Could not read " + path + " to verify it: " + e.getMessage(), e);
    }
  }

  private static void moveIntoPlace(Path part, Path path) throws IOException {
    try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
      channel.force(true); // the bytes reach the disk before the name says "complete"
    }
    try {
      Files.move(part, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(part, path, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static FileLock tryLock(FileChannel channel, ModelManifest model, Path dir) throws IOException {
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw InstallMessages.busy(model, dir);
      }
      return lock;
    } catch (OverlappingFileLockException e) {
      throw InstallMessages.busy(model, dir);
    }
  }

  private static void createFolder(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new ModelException("Cannot create the model folder " + dir + " (" + e.getMessage()
          + "). Choose another models folder with --models DIR or IMAGE_RAG_MODELS.", e);
    }
  }

  private synchronized HttpClient client() {
    if (client == null) {
      client = HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(settings.connectTimeout())
          .followRedirects(HttpClient.Redirect.NORMAL)
          .executor(Executors.newCachedThreadPool(new NamedThreadFactory("download")))
          .build();
    }
    return client;
  }
}
