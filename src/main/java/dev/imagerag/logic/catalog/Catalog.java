package dev.imagerag.logic.catalog;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.ImageRecord;
import dev.imagerag.domain.Skip;
import dev.imagerag.domain.SkipReason;
import dev.imagerag.domain.StageState;
import dev.imagerag.domain.StageStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The library's source of truth: images (content-addressed), their file paths, per-stage states,
 * extracted text and vectors, skipped files and tombstones of removed images. Every method is
 * atomic; implementations are thread-safe and may block on disk I/O. Paths are absolute strings.
 */
public interface Catalog extends AutoCloseable {

  /**
   * The stage that copies an image into the search index. Linking or unlinking a path of an image
   * sets this stage back to pending for it, because the indexed payload holds the paths.
   */
  String INDEX_STAGE = "index";

  int schemaVersion();

  // ---- paths and images ------------------------------------------------------------------

  Optional<PathEntry> findPath(String path);

  Optional<SkippedFile> findSkipped(String path);

  boolean hasImage(ImageId id);

  Optional<ImageRecord> image(ImageId id);

  /** Paths of the image, most recently seen first; empty when unknown. */
  List<String> paths(ImageId id);

  /** The first of the image's paths (most recently seen first) whose file still exists, if any. */
  default Optional<Path> existingFile(ImageId id) {
    return paths(id).stream().map(Path::of).filter(Files::isRegularFile).findFirst();
  }

  /** Ids whose hex starts with {@code prefix} (at most {@code limit}). */
  List<ImageId> findByIdPrefix(String prefix, int limit);

  /**
   * Records that {@code path} holds {@code image}. Inserts the image when new, with a pending row
   * for each of {@code pendingStages} and a done row for each entry of {@code doneStages} (stage to
   * version); links the path to it (moving it from another image, which is deleted with a tombstone
   * when left without paths); forgets a previous skip of the path.
   *
   * @return true when the image was new to the catalog
   */
  boolean recordImport(
      ImageRecord image, PathEntry path, Collection<String> pendingStages, Map<String, String> doneStages);

  /**
   * Links {@code path} to the already known image {@code path.imageId()} (a duplicate, a moved file
   * or a touched one), updating size and modification time.
   *
   * @return false when that image is not in the catalog (nothing changed)
   */
  boolean linkPath(PathEntry path);

  /** Remembers that the file at {@code path} was skipped, and unlinks the path from any image. */
  void recordSkipped(SkippedFile skipped);

  /** Paths equal to {@code folder} or under it (with a separator), in no particular order. */
  List<String> pathsUnder(String folder);

  /** Skipped files equal to {@code folder} or under it. */
  List<String> skippedUnder(String folder);

  /**
   * Unlinks the paths (and forgets skips of them). Images left without any path are deleted along
   * with their states, text and vectors, and a tombstone is written for each.
   *
   * @return the ids of images deleted this way
   */
  List<ImageId> removePaths(Collection<String> paths);

  /** Ids of removed images whose index entries and thumbnails may still need deleting. */
  List<ImageId> tombstones();

  void clearTombstones(Collection<ImageId> ids);

  long imageCount();

  /**
   * A page of images for browsing, in {@code sort} order; with a non-null {@code folder}, only
   * images with a path equal to it or under it.
   */
  List<ImageSummary> listImages(ImageSort sort, String folder, int offset, int limit);

  long pathCount();

  void forEachImageId(Consumer<ImageId> action);

  // ---- stages ---------------------------------------------------------------------------

  /**
   * Makes {@code stage} known at {@code version}: images without a row for it get a pending one, and
   * done rows made by another version become pending.
   *
   * @return how many rows became pending
   */
  int registerStage(String stage, String version);

  /** Turns rows left running by a crash into pending ones; returns how many. */
  int resetRunning();

  /** Sets every row of {@code stage} in one of {@code from} to pending; returns how many. */
  int requeue(String stage, Set<StageState> from);

  /** Sets {@code stage} of the given images to pending (rows that exist); returns how many. */
  int requeueImages(String stage, Collection<ImageId> ids);

  /**
   * Claims up to {@code limit} images pending for {@code stage} whose {@code dependencies} are all
   * in a terminal state (or absent), marking them running.
   */
  List<ImageId> claimPending(String stage, Set<String> dependencies, int limit);

  /**
   * Records the results of {@code stage} at {@code version} for rows still running (a row set back
   * to pending meanwhile stays pending). For each done image, its {@code dependents} stages become
   * pending again, because their input changed.
   *
   * @return per dependent stage, how many rows became pending
   */
  Map<String, Integer> finishStage(
      String stage, String version, List<StageResult> results, Set<String> dependents);

  List<StageStatus> stages(ImageId id);

  /** For every stage, the number of images in each state. */
  Map<String, Map<StageState, Long>> stageCounts();

  long count(String stage, StageState state);

  // ---- extracted content ----------------------------------------------------------------

  /** Stores a named vector (e.g. "visual") produced by {@code model}; replaces the old one. */
  void putVector(ImageId id, String name, String model, float[] vector);

  Map<String, float[]> vectors(ImageId id);

  /** The image's vectors with the model that produced each, by vector name. */
  Map<String, StoredVector> storedVectors(ImageId id);

  /** Removes the image's vector {@code name} (e.g. tiles it no longer has); absent is fine. */
  void removeVector(ImageId id, String name);

  /** Stores a text field (e.g. "ocr", "caption", "tags") produced by {@code model}. */
  void putText(ImageId id, String field, String model, String text);

  Map<String, String> texts(ImageId id);

  /**
   * How many images carry each tag (the comma-separated {@code tags} and {@code caption.tags}
   * texts, an image counted once per tag), for browsing by tag. Tags are trimmed and lower-cased.
   * The default reads every image; implementations answer with one query.
   */
  default Map<String, Long> tagCounts() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    forEachImageId(id -> Tags.of(texts(id)).forEach(tag -> counts.merge(tag, 1L, Long::sum)));
    return counts;
  }

  /** Images carrying {@code tag} (as in {@link #tagCounts()}, case-insensitive). */
  default Set<ImageId> imagesTagged(String tag) {
    String wanted = tag.strip().toLowerCase(java.util.Locale.ROOT);
    Set<ImageId> ids = new java.util.HashSet<>();
    forEachImageId(id -> {
      if (Tags.of(texts(id)).contains(wanted)) {
        ids.add(id);
      }
    });
    return ids;
  }

  /** Images whose text {@code field} (e.g. "ocr") is present and not blank. */
  default Set<ImageId> imagesWithText(String field) {
    Set<ImageId> ids = new java.util.HashSet<>();
    forEachImageId(id -> {
      String text = texts(id).get(field);
      if (text != null && !text.isBlank()) {
        ids.add(id);
      }
    });
    return ids;
  }

  // ---- skipped files and roots -----------------------------------------------------------

  Map<SkipReason, Long> skippedCounts();

  List<SkippedFile> skipped(int limit);

  /** Remembers a folder or file the user imported, for later rescans. */
  void addRoot(String path);

  List<String> roots();

  /** Forgets remembered roots equal to {@code folder} or under it. */
  void removeRoots(String folder);

  @Override
  void close();

  /** Convenience for callers recording a skip now. */
  static SkippedFile skippedNow(String path, long size, long modified, Skip skip) {
    return new SkippedFile(path, size, modified, skip, java.time.Instant.now());
  }
}
