package dev.imagerag.logic.eval;

import java.util.SplittableRandom;

/**
 * Embedding-like synthetic vectors: a shared mean direction, plus a random point in a fixed
 * low-rank subspace with a decaying spectrum, plus isotropic noise. Real image and sentence
 * embeddings look like this (a dominant common direction, most variance in a few dozen
 * directions); uniform random vectors do not, and make HNSW look far worse than it is.
 *
 * <p>With the defaults, two unrelated vectors have a cosine similarity of about 0.3 and the
 * noise carries about a fifth of the variance. Deterministic: vector {@code i} depends only on
 * the seed and {@code i}. Thread-safe.
 */
public final class EmbeddingSpace {
  private static final double MEAN_WEIGHT = 0.8;
  private static final double NOISE = 0.5;

  private final int dim;
  private final int rank;
  private final long seed;
  private final float[] mean;
  /** Row j is basis direction j, already scaled by its share of the spectrum. */
  private final float[][] basis;

  public EmbeddingSpace(int dim, int rank, long seed) {
    if (dim < 2 || rank < 1 || rank > dim) {
      throw new IllegalArgumentException("need 1 <= rank <= dim and dim >= 2, got rank " + rank + ", dim " + dim);
    }
    this.dim = dim;
    this.rank = rank;
    this.seed = seed;
    SplittableRandom random = new SplittableRandom(seed);
    this.mean = unit(random);
    double total = 0;
    double[] scale = new double[rank];
    for (int j = 0; j < rank; j++) {
      scale[j] = 1.0 / Math.sqrt(1 + j / 8.0);
      total += scale[j] * scale[j];
    }
    this.basis = new float[rank][];
    for (int j = 0; j < rank; j++) {
      float[] direction = unit(random);
      double s = scale[j] / Math.sqrt(total);
      for (int d = 0; d < dim; d++) {
        direction[d] *= (float) s;
      }
      basis[j] = direction;
    }
  }

  public int dimension() {
    return dim;
  }

  /** Vector {@code i} of the space, unit length. {@code stream} separates independent families. */
  public float[] vector(long stream, long i) {
    SplittableRandom random = new SplittableRandom(mix(seed ^ (stream * 0x9E3779B97F4A7C15L), i));
    double[] v = new double[dim];
    for (int d = 0; d < dim; d++) {
      v[d] = MEAN_WEIGHT * mean[d] + NOISE * random.nextGaussian() / Math.sqrt(dim);
    }
    for (int j = 0; j < rank; j++) {
      double z = random.nextGaussian();
      float[] b = basis[j];
      for (int d = 0; d < dim; d++) {
        v[d] += z * b[d];
      }
    }
    double norm = 0;
    for (double x : v) {
      norm += x * x;
    }
    float[] out = new float[dim];
    double inv = 1 / Math.sqrt(norm);
    for (int d = 0; d < dim; d++) {
      out[d] = (float) (v[d] * inv);
    }
    return out;
  }

  private float[] unit(SplittableRandom random) {
    float[] v = new float[dim];
    double norm = 0;
    for (int d = 0; d < dim; d++) {
      double x = random.nextGaussian();
      v[d] = (float) x;
      norm += x * x;
    }
    double inv = 1 / Math.sqrt(norm);
    for (int d = 0; d < dim; d++) {
      v[d] *= (float) inv;
    }
    return v;
  }

  /** SplitMix64 finaliser of a seed and an index. */
  static long mix(long seed, long i) {
    long z = seed + (i + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
