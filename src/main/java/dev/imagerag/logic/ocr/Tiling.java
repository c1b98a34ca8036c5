package dev.imagerag.logic.ocr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts very large images (long scans, plans, panoramas) into overlapping tiles, so that the engine
 * never holds a huge page and the time budget can be checked between tiles, and merges the words
 * the tiles found: a word in an overlap is found twice, and one that crosses a tile's edge is found
 * cut off on one side and whole on the other. Of each such pair the whole, larger and surer copy
 * stays. Pure and thread-safe.
 */
final class Tiling {
  /** Images up to this size on both sides are read in one piece. */
  static final int SINGLE_MAX_SIDE = 4000;
  static final int TILE_SIDE = 2400;
  /** Wider than the longest usual word at the target text size, so each word is whole in one tile. */
  static final int OVERLAP = 240;
  /** A word this close to a tile's inner edge may be cut off. */
  private static final int EDGE_MARGIN = 3;
  /** Two words of different tiles are one when this share of the smaller box is shared. */
  private static final double SAME_WORD_OVERLAP = 0.3;

  private Tiling() {}

  /** The tiles covering a {@code width}×{@code height} image, row by row; one when it is small enough. */
  static List<Tile> plan(int width, int height) {
    List<int[]> columns = spans(width);
    List<int[]> rows = spans(height);
    List<Tile> tiles = new ArrayList<>(columns.size() * rows.size());
    for (int[] row : rows) {
      for (int[] column : columns) {
        tiles.add(new Tile(column[0], row[0], column[1], row[1]));
      }
    }
    return tiles;
  }

  /** Start and length of each span covering {@code length}, overlapping by {@link #OVERLAP}. */
  private static List<int[]> spans(int length) {
    if (length <= SINGLE_MAX_SIDE) {
      return List.of(new int[] {0, length});
    }
    int count = (int) Math.ceil((double) (length - OVERLAP) / (TILE_SIDE - OVERLAP));
    int span = (int) Math.ceil((double) (length + (count - 1) * OVERLAP) / count);
    List<int[]> spans = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int start = Math.min(i * (span - OVERLAP), length - span);
      spans.add(new int[] {start, span});
    }
    return spans;
  }

  /** The words one tile found, already in image coordinates. */
  record TileWords(Tile tile, List<OcrWord> words) {}

  /** The words of all tiles with each duplicate from the overlaps removed, in reading order. */
  static List<OcrWord> merge(List<TileWords> tiles, int imageWidth, int imageHeight) {
    List<Candidate> candidates = new ArrayList<>();
    for (int t = 0; t < tiles.size(); t++) {
      TileWords tile = tiles.get(t);
      for (OcrWord word : tile.words()) {
        candidates.add(new Candidate(word, t, tile.tile().cuts(word, imageWidth, imageHeight, EDGE_MARGIN)));
      }
    }
    candidates.sort(Comparator.comparingInt(c -> c.word.x()));
    boolean[] dropped = new boolean[candidates.size()];
    for (int i = 0; i < candidates.size(); i++) {
      Candidate a = candidates.get(i);
      for (int j = i + 1; j < candidates.size() && candidates.get(j).word.x() < a.word.right(); j++) {
        Candidate b = candidates.get(j);
        if (a.tile != b.tile && !dropped[i] && !dropped[j] && sameWord(a.word, b.word)) {
          if (a.betterThan(b)) {
            dropped[j] = true;
          } else {
            dropped[i] = true;
          }
        }
      }
    }
    List<OcrWord> kept = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      if (!dropped[i]) {
        kept.add(candidates.get(i).word);
      }
    }
    return LineAssembler.readingOrder(kept);
  }

  private static boolean sameWord(OcrWord a, OcrWord b) {
    long w = Math.min(a.right(), b.right()) - Math.max(a.x(), b.x());
    long h = Math.min(a.bottom(), b.bottom()) - Math.max(a.y(), b.y());
    if (w <= 0 || h <= 0) {
      return false;
    }
    long smaller = Math.min((long) a.width() * a.height(), (long) b.width() * b.height());
    return w * h >= SAME_WORD_OVERLAP * smaller;
  }

  private record Candidate(OcrWord word, int tile, boolean cut) {
    /** Whole beats cut off, then the larger box (more of the word), then the surer reading. */
    boolean betterThan(Candidate other) {
      if (cut != other.cut) {
        return !cut;
      }
      long area = (long) word.width() * word.height();
      long otherArea = (long) other.word.width() * other.word.height();
      if (area != otherArea) {
        return area > otherArea;
      }
      return word.confidence() >= other.word.confidence();
    }
  }
}
