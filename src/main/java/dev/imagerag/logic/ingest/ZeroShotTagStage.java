package dev.imagerag.logic.ingest;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.catalog.StageResult;
import dev.imagerag.logic.catalog.StoredVector;
import dev.imagerag.logic.embed.TagVocabulary;
import dev.imagerag.logic.embed.TextEmbedder;
import dev.imagerag.logic.embed.Vectors;
import dev.imagerag.logic.jobs.JobContext;
import dev.imagerag.logic.store.VectorNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Local, free tags: each image's visual vector (already in the catalog) is compared with the visual
 * model's text embedding of every concept of a vocabulary, CLIP-style: similarities scaled by
 * CLIP's logit scale (100) and turned into probabilities with a softmax over the vocabulary; the
 * concepts above a threshold become the image's {@code tags}. No model runs per image: only the
 * vocabulary is embedded, once per run.
 */
public final class ZeroShotTagStage implements Stage {
  public static final String NAME = "tags";
  /** CLIP's learned logit scale (exp(4.6052) = 100). */
  static final double LOGIT_SCALE = 100.0;
  /** A tag needs this much of the probability mass; with ~250 concepts chance is 0.004. */
  static final double MIN_PROBABILITY = 0.08;
  static final int MAX_TAGS = 5;

  private final Catalog catalog;
  private final TextEmbedder texts;
  private final TagVocabulary vocabulary;
  private volatile List<float[]> concepts;

  /**
   * @param texts the visual model's text tower (same space as its image vectors)
   */
  public ZeroShotTagStage(Catalog catalog, TextEmbedder texts, TagVocabulary vocabulary) {
    this.catalog = catalog;
    this.texts = texts;
    this.vocabulary = vocabulary;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return texts.modelId() + "/" + vocabulary.fingerprint() + "/t1";
  }

  @Override
  public Set<String> dependsOn() {
    return Set.of(VisualEmbeddingStage.NAME);
  }

  @Override
  public int batchSize() {
    return 64;
  }

  @Override
  public List<StageResult> process(List<ImageId> batch, JobContext context) {
    List<float[]> conceptVectors = concepts();
    List<StageResult> results = new ArrayList<>(batch.size());
    for (ImageId id : batch) {
      StoredVector visual = catalog.storedVectors(id).get(VectorNames.VISUAL);
      if (visual == null || !visual.model().equals(texts.modelId())) {
        results.add(StageResult.skipped(id, "the image has no visual vector from " + texts.modelId()));
        continue;
      }
      catalog.putText(id, IndexStage.TAGS, version(), String.join(", ", tags(visual.vector(), conceptVectors)));
      results.add(StageResult.done(id));
    }
    return results;
  }

  /** The tags of one image vector, most probable first. */
  List<String> tags(float[] image, List<float[]> conceptVectors) {
    float[] unit = Vectors.normalized(image);
    double[] logits = new double[conceptVectors.size()];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < logits.length; i++) {
      logits[i] = LOGIT_SCALE * Vectors.dot(unit, conceptVectors.get(i));
      max = Math.max(max, logits[i]);
    }
    double sum = 0;
    double[] p = new double[logits.length];
    for (int i = 0; i < logits.length; i++) {
      p[i] = Math.exp(logits[i] - max);
      sum += p[i];
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
      if (p[i] >= MIN_PROBABILITY) {
        order.add(i);
      }
    }
    order.sort(Comparator.comparingDouble((Integer i) -> p[i]).reversed());
    return order.stream().limit(MAX_TAGS).map(vocabulary.tags()::get).collect(Collectors.toList());
  }

  private List<float[]> concepts() {
    List<float[]> current = concepts;
    if (current == null) {
      synchronized (this) {
        if (concepts == null) {
          concepts = texts.embedTexts(vocabulary.prompts());
        }
        current = concepts;
      }
    }
    return current;
  }
}
