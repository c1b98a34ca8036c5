package dev.imagerag.infra.qdrant;

import dev.imagerag.logic.store.ImagePayload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * BM25 keyword search on Qdrant, whose full-text match filters but does not rank: each image gets
 * a sparse vector over hashed terms whose weights are BM25F term-frequency parts, and the
 * collection applies Qdrant's IDF modifier, which multiplies each query term by
 * ln(1 + (N − n + 0.5) / (n + 0.5)) from live collection statistics (Lucene's BM25 idf). A query
 * is a sparse vector with weight 1 per distinct term, so the score of an image is
 * Σ idf(t) · tf'(t) · (k1 + 1) / (tf'(t) + k1 · (1 − b + b · dl / avgdl)) over the query terms it
 * holds: BM25F, where tf' and dl weigh each field like the embedded index (file name 2,
 * tags 1.5, caption and OCR text 1, folder names 0.5). Scores are ≥ 0 and rank like the embedded
 * index; their values differ (Lucene scores each field apart and keeps the best).
 *
 * <p>The average document length is a constant ({@value #AVERAGE_LENGTH} weighted terms, typical
 * of file name + folders + tags + a caption): Qdrant keeps no per-field length statistics, and a
 * constant keeps stored vectors valid as the collection grows. Terms are hashed to 31-bit indices
 * (MurmurHash3); a rare collision could only add a candidate, and the full-text filter on the
 * {@code terms} payload field removes it.
 */
final class KeywordVectors {
  static final String NAME = "keywords";
  static final double K1 = 1.2;
  static final double B = 0.75;
  static final double AVERAGE_LENGTH = 32;

  /** Field weights, as in the embedded index. */
  private static final double FILE_NAME = 2.0;
  private static final double TAGS = 1.5;
  private static final double TEXT = 1.0;
  private static final double FOLDER = 0.5;

  private KeywordVectors() {}

  /**
   * An image's keyword vector and its distinct terms.
   *
   * @param indices ascending, unique; empty when the image has no words at all
   */
  record Terms(int[] indices, float[] weights, List<String> distinct) {
    boolean isEmpty() {
      return indices.length == 0;
    }
  }

  static Terms document(ImagePayload payload) {
    Map<String, Double> weightedTf = new LinkedHashMap<>();
    double[] length = {0};
    for (String path : payload.paths()) {
      Path file = Path.of(path);
      if (file.getFileName() != null) {
        add(weightedTf, length, file.getFileName().toString(), FILE_NAME);
      }
      if (file.getParent() != null) {
        add(weightedTf, length, file.getParent().toString(), FOLDER);
      }
    }
    add(weightedTf, length, payload.caption(), TEXT);
    add(weightedTf, length, payload.ocrText(), TEXT);
    for (String tag : payload.tags()) {
      add(weightedTf, length, tag, TAGS);
    }
    double norm = K1 * (1 - B + B * length[0] / AVERAGE_LENGTH);
    Map<Integer, Double> byIndex = new TreeMap<>();
    weightedTf.forEach((term, tf) -> byIndex.merge(index(term), tf * (K1 + 1) / (tf + norm), Double::sum));
    return toTerms(byIndex, new ArrayList<>(weightedTf.keySet()));
  }

  /** The query vector (weight 1 per distinct term); empty when the text holds no word. */
  static Terms query(String text) {
    Set<String> distinct = new LinkedHashSet<>(KeywordAnalyzer.terms(text));
    Map<Integer, Double> byIndex = new TreeMap<>();
    distinct.forEach(term -> byIndex.merge(index(term), 1.0, Double::sum));
    return toTerms(byIndex, new ArrayList<>(distinct));
  }

  private static void add(Map<String, Double> weightedTf, double[] length, String text, double weight) {
    for (String term : KeywordAnalyzer.terms(text)) {
      weightedTf.merge(term, weight, Double::sum);
      length[0] += weight;
    }
  }

  private static Terms toTerms(Map<Integer, Double> byIndex, List<String> distinct) {
    int[] indices = new int[byIndex.size()];
    float[] weights = new float[byIndex.size()];
    int i = 0;
    for (Map.Entry<Integer, Double> entry : byIndex.entrySet()) {
      indices[i] = entry.getKey();
      weights[i] = entry.getValue().floatValue();
      i++;
    }
    return new Terms(indices, weights, List.copyOf(distinct));
  }

  /** MurmurHash3 (x86, 32 bit, seed 0) of the term's UTF-8 bytes, top bit cleared. */
  @SuppressWarnings("fallthrough")
  static int index(String term) {
    byte[] data = term.getBytes(StandardCharsets.UTF_8);
    int h = 0;
    int blocks = data.length / 4;
    for (int i = 0; i < blocks; i++) {
      int k = (data[4 * i] & 0xff) | (data[4 * i + 1] & 0xff) << 8 | (data[4 * i + 2] & 0xff) << 16
          | (data[4 * i + 3] & 0xff) << 24;
      h ^= mix(k);
      h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
    }
    int tail = 0;
    int offset = blocks * 4;
    switch (data.length & 3) {
      case 3:
        tail ^= (data[offset + 2] & 0xff) << 16;
        // fall through
      case 2:
        tail ^= (data[offset + 1] & 0xff) << 8;
        // fall through
      case 1:
        tail ^= data[offset] & 0xff;
        h ^= mix(tail);
        break;
      default:
        break;
    }
    h ^= data.length;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h & 0x7fffffff;
  }

  private static int mix(int k) {
    k *= 0xcc9e2d51;
    k = Integer.rotateLeft(k, 15);
    return k * 0x1b873593;
  }
}
