package dev.imagerag.logic.embed;

import java.util.List;

/** Small vector operations on float[] (no allocation beyond the result). */
public final class Vectors {
  private Vectors() {}

  /** A unit-length copy; throws when the vector has no direction. */
  public static float[] normalized(float[] v) {
    return normalized(v, "");
  }

  /**
   * A unit-length copy; throws when the vector has no direction, naming it as {@code what} (e.g.
   * "query", "visual vector of 3f2a…") in the message.
   */
  public static float[] normalized(float[] v, String what) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    if (!(sum > 0) || Double.isInfinite(sum)) {
      throw new IllegalArgumentException("the " + (what.isEmpty() ? "" : what + " ")
          + "vector has no direction (zero, NaN or infinite)");
    }
    float inv = (float) (1.0 / Math.sqrt(sum));
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * inv;
    }
    return out;
  }

  public static double dot(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("dimensions differ: " + a.length + " vs " + b.length);
    }
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }

  public static double cosine(float[] a, float[] b) {
    return dot(normalized(a), normalized(b));
  }

  /** The normalised mean of unit vectors (used to pool the chunks of a long text). */
  public static float[] meanDirection(List<float[]> vectors) {
    if (vectors.isEmpty()) {
      throw new IllegalArgumentException("no vectors to average");
    }
    float[] sum = new float[vectors.get(0).length];
    for (float[] v : vectors) {
      for (int i = 0; i < sum.length; i++) {
        sum[i] += v[i];
      }
    }
    return normalized(sum);
  }
}
