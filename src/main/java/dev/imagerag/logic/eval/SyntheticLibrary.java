package dev.imagerag.logic.eval;

import dev.imagerag.domain.ImageFormat;
import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.ImageRecord;
import dev.imagerag.logic.catalog.PathEntry;
import dev.imagerag.logic.store.ImagePayload;
import dev.imagerag.logic.store.IndexedImage;
import dev.imagerag.logic.store.VectorNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A made-up library for benchmarks, image by image and reproducible from a seed: embedding-like
 * visual vectors, a share of images with OCR-like text (Zipf word soup) and a text vector, a few
 * tags each, paths in a few hundred folders, dates over ten years. Queries are new draws from the
 * same distributions (two words, a visual and a text vector), never copies of an image.
 * Thread-safe; nothing is held in memory per image.
 */
public final class SyntheticLibrary {
  /** The text vector's dimension (bge-small-en). */
  public static final int TEXT_DIM = 384;
  public static final String VISUAL_MODEL = "bench-visual";
  public static final String TEXT_MODEL = "bench-text";
  private static final long IMAGES = 1;
  private static final long QUERIES = 2;
  private static final Instant EPOCH = Instant.parse("2015-01-01T00:00:00Z");
  private static final long TEN_YEARS_MILLIS = 10L * 365 * 24 * 3600 * 1000;
  /** The most common words are like stop words: queries skip them. */
  private static final int SKIPPED_COMMON_WORDS = 20;

  /**
   * @param images how many images
   * @param visualDim dimension of the visual vectors
   * @param rank rank of the low-rank part of both spaces
   * @param textShare share of images that carry text (screenshots, scans), 0..1
   */
  public record Spec(int images, int visualDim, int rank, double textShare, long seed) {
    public Spec {
      if (images < 1) {
        throw new IllegalArgumentException("images must be positive, got " + images);
      }
      if (!(textShare >= 0 && textShare <= 1)) {
        throw new IllegalArgumentException("textShare must be in [0, 1], got " + textShare);
      }
    }
  }

  /** One benchmark query: its words and the vectors its encoders would give. */
  public record Query(String words, float[] visual, float[] textual) {}

  private final Spec spec;
  private final EmbeddingSpace visualSpace;
  private final EmbeddingSpace textSpace;
  private final ZipfWords words;
  private final ZipfWords tags;

  public SyntheticLibrary(Spec spec) {
    this.spec = spec;
    this.visualSpace = new EmbeddingSpace(spec.visualDim(), spec.rank(), spec.seed());
    this.textSpace = new EmbeddingSpace(TEXT_DIM, Math.min(spec.rank(), TEXT_DIM), spec.seed() + 1);
    this.words = new ZipfWords(20_000, 1.0, spec.seed() + 2);
    this.tags = new ZipfWords(250, 1.0, spec.seed() + 3);
  }

  public Spec spec() {
    return spec;
  }

  public int size() {
    return spec.images();
  }

  /** Image {@code i}'s id: 64 hex digits whose last twelve are {@code i}. */
  public ImageId id(int i) {
    return new ImageId(String.format("%016x%048x", EmbeddingSpace.mix(spec.seed(), i), i));
  }

  /** The image number an {@link #id} was made from. */
  public static int indexOf(ImageId id) {
    return (int) Long.parseLong(id.hex().substring(52), 16);
  }

  private SplittableRandom random(long stream, int i) {
    return new SplittableRandom(EmbeddingSpace.mix(spec.seed() * 31 + stream, i));
  }

  public boolean hasText(int i) {
    return random(10, i).nextDouble() < spec.textShare();
  }

  public float[] visual(int i) {
    return visualSpace.vector(IMAGES, i);
  }

  /** The text vector, or null when the image carries no text. */
  public float[] textual(int i) {
    return hasText(i) ? textSpace.vector(IMAGES, i) : null;
  }

  /** OCR-like text of 8 to 80 words, or "" for an image without text. */
  public String ocr(int i) {
    if (!hasText(i)) {
      return "";
    }
    SplittableRandom random = random(11, i);
    return words.text(random, 8 + random.nextInt(73));
  }

  public List<String> tags(int i) {
    SplittableRandom random = random(12, i);
    List<String> list = new ArrayList<>(3);
    while (list.size() < 3) {
      String tag = tags.word(tags.sampleRank(random));
      if (!list.contains(tag)) {
        list.add(tag);
      }
    }
    return list;
  }

  public String path(int i) {
    return "/bench/" + words.word(100 + i % 300) + "/IMG_" + i + ".jpg";
  }

  private Instant date(int i) {
    return EPOCH.plusMillis((long) (random(13, i).nextDouble() * TEN_YEARS_MILLIS));
  }

  /** The image as the index holds it. */
  public IndexedImage image(int i) {
    ImagePayload payload = new ImagePayload(List.of(path(i)), "", ocr(i), tags(i), date(i), 4000, 3000,
        2_500_000L + i % 1000, "jpeg");
    Map<String, float[]> vectors = new TreeMap<>();
    vectors.put(VectorNames.VISUAL, visual(i));
    float[] text = textual(i);
    if (text != null) {
      vectors.put(VectorNames.TEXTUAL, text);
    }
    return new IndexedImage(id(i), payload, vectors);
  }

  /** The image as the catalog records it. */
  public ImageRecord record(int i) {
    return new ImageRecord(id(i), 2_500_000L + i % 1000, 4000, 3000, ImageFormat.JPEG, date(i), null, date(i));
  }

  public PathEntry pathEntry(int i) {
    return new PathEntry(path(i), id(i), 2_500_000L + i % 1000, date(i).toEpochMilli());
  }

  /** Query {@code q}: two uncommon-enough words and fresh vectors from both spaces. */
  public Query query(int q) {
    SplittableRandom random = random(QUERIES, q);
    StringBuilder text = new StringBuilder();
    for (int w = 0; w < 2; w++) {
      int rank;
      do {
        rank = words.sampleRank(random);
      } while (rank < SKIPPED_COMMON_WORDS);
      text.append(w == 0 ? "" : " ").append(words.word(rank));
    }
    return new Query(text.toString(), visualSpace.vector(QUERIES, q), textSpace.vector(QUERIES, q));
  }
}
