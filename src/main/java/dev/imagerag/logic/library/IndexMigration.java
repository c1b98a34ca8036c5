package dev.imagerag.logic.library;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.ingest.IndexStage;
import dev.imagerag.logic.jobs.JobContext;
import dev.imagerag.logic.jobs.Progress;
import dev.imagerag.logic.library.MigrationCheckpoint.Position;
import dev.imagerag.logic.store.IndexedImage;
import dev.imagerag.logic.store.VectorStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Moves a library's index to another store (embedded ↔ Qdrant) without running a model: the
 * catalog holds the vectors and text, so every image's document is built exactly as the index
 * stage builds it ({@link IndexStage#document}) and upserted into the target, in id order, in
 * batches of {@value #BATCH}. After each batch the target has stored durably, a checkpoint in the
 * library folder records the last id, so a killed or failed migration (a server that went away)
 * continues after it when run again with the same target; a new migration empties the target
 * first. At the end the target is compared with the catalog id by id: entries of images the
 * catalog no longer has are deleted, images missing are copied, and the target's count must equal
 * the number of images that have files. The catalog is only read.
 */
public final class IndexMigration {
  /** The progress stage name. */
  public static final String STAGE = "migrate";

  static final int BATCH = 256;

  private final Catalog catalog;
  private final Map<String, String> vectorModels;
  private final MigrationCheckpoint checkpoint;

  /**
   * @param vectorModels per vector name, the model whose vectors belong in the index (as for the
   *     index stage: vectors a previous model left in the catalog stay out)
   */
  public IndexMigration(Catalog catalog, Map<String, String> vectorModels, Path libraryRoot) {
    this.catalog = catalog;
    this.vectorModels = Map.copyOf(vectorModels);
    this.checkpoint = new MigrationCheckpoint(libraryRoot);
  }

  /**
   * What a migration did.
   *
   * @param images images in the catalog
   * @param copied documents upserted by the copy (this run)
   * @param resumedAfter the id the copy continued after, or null for a new migration
   * @param missingCopied images the final check found missing and copied
   * @param extraDeleted entries the final check deleted (images no longer in the catalog)
   * @param withoutFiles images with no file left (not indexed, as the index stage skips them)
   * @param expected entries the target must hold: {@code images - withoutFiles}
   * @param targetCount entries it holds
   */
  public record Result(long images, long copied, ImageId resumedAfter, long missingCopied, long extraDeleted,
      long withoutFiles, long expected, long targetCount, Duration elapsed) {

    public boolean complete() {
      return targetCount == expected;
    }
  }

  /** Where a checkpoint is kept while a migration is unfinished. */
  public Path checkpointFile() {
    return checkpoint.file();
  }

  /** Forgets an unfinished migration: the next run starts over. */
  public void restart() {
    checkpoint.delete();
  }

  /**
   * Copies the index into {@code target}.
   *
   * @param target the store to fill, open for writing (never the library's current store)
   * @param targetId names the target across runs (kind, address, collection or folder); a
   *     checkpoint left for another target is ignored and the copy starts over
   * @param progress counts stage {@value #STAGE}: queued images, then done or skipped
   * @throws java.util.concurrent.CancellationException when {@code context} is cancelled (the
   *     checkpoint stays, so the next run continues)
   */
  public Result run(VectorStore target, String targetId, JobContext context, Progress progress)
      throws InterruptedException {
    long start = System.nanoTime();
    IndexStage documents = new IndexStage(catalog, target, Set.of(), vectorModels);
    List<ImageId> ids = new ArrayList<>();
    catalog.forEachImageId(ids::add);
    Collections.sort(ids);
    Optional<Position> saved = checkpoint.load().filter(p -> p.target().equals(targetId));
    ImageId after = saved.map(Position::lastId).orElse(null);
    if (saved.isEmpty()) {
      target.deleteAll();
      checkpoint.save(new Position(targetId, null));
    }
    int from = after == null ? 0 : firstAfter(ids, after);
    progress.queued(STAGE, ids.size() - from);
    long copied = 0;
    for (int i = from; i < ids.size(); i += BATCH) {
      context.awaitResumed();
      List<ImageId> batch = ids.subList(i, Math.min(ids.size(), i + BATCH));
      progress.started(STAGE, batch.get(0).shortHex() + (batch.size() > 1 ? " +" + (batch.size() - 1) : ""));
      List<IndexedImage> docs = new ArrayList<>(batch.size());
      for (ImageId id : batch) {
        documents.document(id).ifPresentOrElse(docs::add, () -> progress.skipped(STAGE));
      }
      target.upsert(docs);
      copied += docs.size();
      docs.forEach(d -> progress.done(STAGE));
      checkpoint.save(new Position(targetId, batch.get(batch.size() - 1)));
    }
    progress.finished(STAGE);
    Check check = check(target, ids, documents);
    Result result = new Result(ids.size(), copied, after, check.missingCopied, check.extraDeleted, check.withoutFiles,
        ids.size() - check.withoutFiles, target.count(), Duration.ofNanos(System.nanoTime() - start));
    if (result.complete()) {
      checkpoint.delete();
    }
    return result;
  }

  private record Check(long missingCopied, long extraDeleted, long withoutFiles) {}

  /** Makes the target's ids those of the catalog's images that have files. */
  private static Check check(VectorStore target, List<ImageId> ids, IndexStage documents) {
    Set<ImageId> inTarget = new HashSet<>();
    target.forEachId(inTarget::add);
    List<IndexedImage> missing = new ArrayList<>();
    long missingCopied = 0;
    long withoutFiles = 0;
    for (ImageId id : ids) {
      if (inTarget.remove(id)) {
        continue;
      }
      Optional<IndexedImage> document = documents.document(id);
      if (document.isEmpty()) {
        withoutFiles++;
        continue;
      }
      missing.add(document.get());
      if (missing.size() == BATCH) {
        target.upsert(missing);
        missingCopied += missing.size();
        missing.clear();
      }
    }
    target.upsert(missing);
    missingCopied += missing.size();
    if (!inTarget.isEmpty()) {
      target.delete(inTarget);
    }
    return new Check(missingCopied, inTarget.size(), withoutFiles);
  }

  private static int firstAfter(List<ImageId> sorted, ImageId id) {
    int at = Collections.binarySearch(sorted, id);
    return at >= 0 ? at + 1 : -at - 1;
  }
}
