package dev.imagerag.logic.store;

import dev.imagerag.domain.ImageId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Test data for {@link VectorStore} tests: readable ids, payload builders and seeded synthetic
 * vectors. Everything is generated; nothing is read from disk.
 */
public final class StoreTestData {
  /** The date of every payload that does not set one (milliseconds: the catalog's precision). */
  public static final Instant DEFAULT_DATE = Instant.parse("2020-01-01T00:00:00Z");

  private StoreTestData() {}

  /** A valid id whose hex digits end in {@code n}, so failures name the image readably. */
  public static ImageId id(int n) {
    return new ImageId(String.format("%064x", n));
  }

  /** A payload builder with neutral defaults: no text, no tags, 800×600 jpeg. */
  public static PayloadBuilder payload(String... paths) {
    return new PayloadBuilder(List.of(paths));
  }

  /** Image {@code n} at a neutral path with one visual vector. */
  public static IndexedImage visual(int n, float[] vector) {
    return image(n, payload("/lib/default/p" + n + ".jpg").build(), Map.of(VectorNames.VISUAL, vector));
  }

  public static IndexedImage image(int n, ImagePayload payload, Map<String, float[]> vectors) {
    return new IndexedImage(id(n), payload, vectors);
  }

  /** Image {@code n} with the given payload and no vectors (keyword-only). */
  public static IndexedImage textOnly(int n, ImagePayload payload) {
    return new IndexedImage(id(n), payload, Map.of());
  }

  /** Independent standard normal components: fine for small exact tests, bad for HNSW recall. */
  public static float[] gaussian(Random random, int dim) {
    float[] v = new float[dim];
    for (int i = 0; i < dim; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  public static float[] scaled(float[] v, float factor) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * factor;
    }
    return out;
  }

  public static double norm(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    return Math.sqrt(sum);
  }

  /** Cosine similarity in double precision, the reference for store scores. */
  public static double cosine(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
    }
    return dot / (norm(a) * norm(b));
  }

  /** Brute-force top {@code k} indexes of {@code vectors} by cosine to {@code query}. */
  public static List<Integer> exactTopK(List<float[]> vectors, float[] query, int k) {
    return IntStream.range(0, vectors.size()).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -cosine(vectors.get(i), query)))
        .limit(k)
        .collect(Collectors.toList());
  }

  /**
   * Embedding-like vectors: a shared mean direction, a low-rank component whose directions weigh
   * less and less (weight ∝ (r+1)^-0.25) and a little isotropic noise. Real CLIP/BGE embeddings look
   * like this (positive mean cosine, many directions that matter); uniform random vectors are a
   * pathological worst case for HNSW. With rank 256 at 512-d the data is hard enough that a search
   * beam of k=10 alone measurably loses recall (≈0.85–0.89 over several seeds, 2,000 vectors) while
   * a beam of 100 finds ≥0.995.
   */
  public static final class EmbeddingLike {
    private final Random random;
    private final int dim;
    private final float[] mean;
    private final List<float[]> basis = new ArrayList<>();

    public EmbeddingLike(long seed, int dim, int rank) {
      this.random = new Random(seed);
      this.dim = dim;
      this.mean = scaled(gaussian(random, dim), 0.5f);
      for (int r = 0; r < rank; r++) {
        basis.add(gaussian(random, dim));
      }
    }

    public float[] next() {
      float[] v = mean.clone();
      for (int r = 0; r < basis.size(); r++) {
        float weight = (float) (random.nextGaussian() / Math.pow(r + 1.0, 0.25));
        float[] direction = basis.get(r);
        for (int i = 0; i < dim; i++) {
          v[i] += weight * direction[i];
        }
      }
      for (int i = 0; i < dim; i++) {
        v[i] += (float) (0.2 * random.nextGaussian());
      }
      return v;
    }
  }

  /** Builds an {@link ImagePayload}; every setter returns this. */
  public static final class PayloadBuilder {
    private final List<String> paths;
    private String caption = "";
    private String ocrText = "";
    private List<String> tags = List.of();
    private Instant date = DEFAULT_DATE;
    private int width = 800;
    private int height = 600;
    private long sizeBytes = 12_345;
    private String format = "jpeg";

    private PayloadBuilder(List<String> paths) {
      this.paths = paths;
    }

    public PayloadBuilder caption(String value) {
      caption = value;
      return this;
    }

    public PayloadBuilder ocr(String value) {
      ocrText = value;
      return this;
    }

    public PayloadBuilder tags(String... values) {
      tags = List.of(values);
      return this;
    }

    /** An ISO-8601 instant such as {@code 2023-06-01T00:00:00Z}. */
    public PayloadBuilder date(String iso) {
      date = Instant.parse(iso);
      return this;
    }

    public PayloadBuilder size(int w, int h) {
      width = w;
      height = h;
      return this;
    }

    public PayloadBuilder bytes(long value) {
      sizeBytes = value;
      return this;
    }

    public PayloadBuilder format(String value) {
      format = value;
      return this;
    }

    public ImagePayload build() {
      return new ImagePayload(paths, caption, ocrText, tags, date, width, height, sizeBytes, format);
    }
  }
}
