package dev.imagerag.logic.ingest;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.ImageRecord;
import dev.imagerag.logic.jobs.JobContext;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.catalog.StageResult;
import dev.imagerag.logic.catalog.StoredVector;
import dev.imagerag.logic.catalog.TileVectors;
import dev.imagerag.logic.store.ImagePayload;
import dev.imagerag.logic.store.IndexedImage;
import dev.imagerag.logic.store.VectorNames;
import dev.imagerag.logic.store.VectorStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Copies images from the catalog into the {@link VectorStore}: payload (paths, text, tags, dates,
 * size, format), whatever vectors the catalog holds and the visual tile vectors of very large
 * images ({@link TileVectors}). The store's write is durable before the
 * catalog marks the images done, so a crash between the two only repeats an idempotent upsert.
 */
public final class IndexStage implements Stage {
  /** Text fields in the catalog that the payload carries. */
  public static final String CAPTION = "caption";

  public static final String OCR = "ocr";
  /** Zero-shot tags from the visual model (comma or newline separated). */
  public static final String TAGS = "tags";
  /** Tags the caption model suggested (comma or newline separated). */
  public static final String CAPTION_TAGS = "caption.tags";

  private final Catalog catalog;
  private final VectorStore store;
  private final Set<String> inputs;
  /**
   * The format of index entries. It does not depend on the store: a library moved to another store
   * with `migrate` needs no indexing again, and one switched without it is brought in line when it
   * opens (images missing from the index are queued). The value is the one existing libraries hold.
   */
  static final String VERSION = "lucene/v1";
  private final Map<String, String> vectorModels;

  /**
   * @param inputs the content stages whose results go into the index (the index waits for them)
   * @param vectorModels per vector name, the model whose vectors belong in the index now; vectors
   *     of another model (left in the catalog by a model switch) stay out until re-embedded, and
   *     names missing here are indexed whatever their model
   */
  public IndexStage(Catalog catalog, VectorStore store, Set<String> inputs, Map<String, String> vectorModels) {
    this.catalog = catalog;
    this.store = store;
    this.inputs = Set.copyOf(inputs);
    this.vectorModels = Map.copyOf(vectorModels);
  }

  public IndexStage(Catalog catalog, VectorStore store, Set<String> inputs) {
    this(catalog, store, inputs, Map.of());
  }

  @Override
  public String name() {
    return Catalog.INDEX_STAGE;
  }

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public Set<String> dependsOn() {
    return inputs;
  }

  @Override
  public int batchSize() {
    return 256;
  }

  @Override
  public List<StageResult> process(List<ImageId> batch, JobContext context) {
    List<IndexedImage> documents = new ArrayList<>(batch.size());
    List<StageResult> results = new ArrayList<>(batch.size());
    for (ImageId id : batch) {
      Optional<IndexedImage> document = document(id);
      if (document.isPresent()) {
        documents.add(document.get());
        results.add(StageResult.done(id));
      } else {
        results.add(StageResult.skipped(id, "the image has no file left in the library"));
      }
    }
    store.upsert(documents);
    return results;
  }

  /** Zero-shot and caption tags, each once, in that order. */
  static List<String> tags(Map<String, String> texts) {
    java.util.LinkedHashSet<String> tags = new java.util.LinkedHashSet<>();
    for (String field : List.of(TAGS, CAPTION_TAGS)) {
      Arrays.stream(texts.getOrDefault(field, "").split("[,\\n]"))
          .map(String::strip).filter(t -> !t.isEmpty()).forEach(tags::add);
    }
    return List.copyOf(tags);
  }

  /** Builds the index document of an image from the catalog; empty when it has no paths. */
  public Optional<IndexedImage> document(ImageId id) {
    Optional<ImageRecord> record = catalog.image(id);
    List<String> paths = catalog.paths(id);
    if (record.isEmpty() || paths.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> texts = catalog.texts(id);
    List<String> tags = tags(texts);
    ImageRecord r = record.get();
    ImagePayload payload = new ImagePayload(
        paths, texts.get(CAPTION), texts.get(OCR), tags, r.date(), r.width(), r.height(), r.sizeBytes(),
        r.format().id());
    Map<String, StoredVector> stored = new java.util.TreeMap<>(catalog.storedVectors(id));
    StoredVector tiles = stored.remove(TileVectors.NAME);
    Map<String, float[]> vectors = new java.util.TreeMap<>();
    stored.forEach((name, vector) -> {
      String wanted = vectorModels.get(name);
      if (wanted == null || wanted.equals(vector.model())) {
        vectors.put(name, vector.vector());
      }
    });
    return Optional.of(new IndexedImage(id, payload, vectors, tiles(tiles, stored.get(VectorNames.VISUAL), vectors)));
  }

  /**
   * The tile vectors that belong beside the indexed visual vector: made by the same model (tiles
   * left by another model are stale), else none.
   */
  private static List<float[]> tiles(StoredVector tiles, StoredVector visual, Map<String, float[]> indexed) {
    if (tiles == null || visual == null || !indexed.containsKey(VectorNames.VISUAL)
        || !tiles.model().equals(visual.model()) || tiles.vector().length % visual.vector().length != 0) {
      return List.of();
    }
    return TileVectors.split(tiles.vector(), visual.vector().length);
  }
}
