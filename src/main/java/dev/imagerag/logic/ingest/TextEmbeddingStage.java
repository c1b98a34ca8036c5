package dev.imagerag.logic.ingest;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.catalog.StageResult;
import dev.imagerag.logic.embed.TextChunks;
import dev.imagerag.logic.embed.TextEmbedder;
import dev.imagerag.logic.embed.Vectors;
import dev.imagerag.logic.jobs.JobContext;
import dev.imagerag.logic.store.VectorNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Embeds what the image says in words (caption, tags, OCR text) with the text embedder and stores
 * the vector under {@code textual}. Long text is embedded in overlapping chunks whose vectors are
 * averaged. Images without any text are skipped with that reason.
 */
public final class TextEmbeddingStage implements Stage {
  public static final String NAME = "text";
  private static final String CHUNKING_VERSION = "c1";
  /** The stages whose text this one reads, when they are enabled. */
  public static final Set<String> INPUTS = Set.of("ocr", "caption", "tags");

  private final Catalog catalog;
  private final TextEmbedder embedder;

  public TextEmbeddingStage(Catalog catalog, TextEmbedder embedder) {
    this.catalog = catalog;
    this.embedder = embedder;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return embedder.modelId() + "/" + CHUNKING_VERSION;
  }

  @Override
  public Set<String> dependsOn() {
    return INPUTS;
  }

  @Override
  public int batchSize() {
    return 16;
  }

  @Override
  public List<StageResult> process(List<ImageId> batch, JobContext context) {
    List<StageResult> results = new ArrayList<>(batch.size());
    for (ImageId id : batch) {
      if (context.isCancelled()) {
        break;
      }
      List<String> chunks = TextChunks.of(text(catalog.texts(id)));
      if (chunks.isEmpty()) {
        results.add(StageResult.skipped(id, "no caption, tags or text in the image to embed"));
        continue;
      }
      float[] vector = Vectors.meanDirection(embedder.embedTexts(chunks));
      catalog.putVector(id, VectorNames.TEXTUAL, embedder.modelId(), vector);
      results.add(StageResult.done(id));
    }
    return results;
  }

  /** Caption first (most descriptive), then tags, then OCR text. */
  static String text(Map<String, String> texts) {
    StringBuilder all = new StringBuilder();
    append(all, texts.get(IndexStage.CAPTION));
    List<String> tags = IndexStage.tags(texts);
    if (!tags.isEmpty()) {
      append(all, String.join(", ", tags));
    }
    append(all, texts.get(IndexStage.OCR));
    return all.toString();
  }

  private static void append(StringBuilder all, String value) {
    if (value != null && !value.isBlank()) {
      all.append(value.strip()).append('\n');
    }
  }
}
