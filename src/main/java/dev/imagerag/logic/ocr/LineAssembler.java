package dev.imagerag.logic.ocr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Puts words back into lines of text by their boxes alone: for images read in tiles, whose pieces of
 * text the engine never saw together. A word belongs to a line when its vertical centre lies within
 * the line's first word; words far apart on one line (more than {@value #GAP_IN_LINE_HEIGHTS} line
 * heights) are separate lines, as labels scattered over a plan are. Pure and thread-safe.
 */
final class LineAssembler {
  static final double GAP_IN_LINE_HEIGHTS = 4;

  private LineAssembler() {}

  /** The words sorted line by line, top to bottom, and left to right within a line. */
  static List<OcrWord> readingOrder(List<OcrWord> words) {
    List<OcrWord> ordered = new ArrayList<>();
    lines(words).forEach(ordered::addAll);
    return ordered;
  }

  /** The text: words of a line separated by spaces, lines by '\n'. */
  static String text(List<OcrWord> words) {
    StringBuilder text = new StringBuilder();
    for (List<OcrWord> line : lines(words)) {
      if (text.length() > 0) {
        text.append('\n');
      }
      for (int i = 0; i < line.size(); i++) {
        if (i > 0) {
          text.append(' ');
        }
        text.append(line.get(i).text());
      }
    }
    return text.toString();
  }

  private static List<List<OcrWord>> lines(List<OcrWord> words) {
    List<OcrWord> byTop = new ArrayList<>(words);
    byTop.sort(Comparator.comparingDouble(OcrWord::centerY));
    List<List<OcrWord>> rows = new ArrayList<>();
    List<OcrWord> row = new ArrayList<>();
    OcrWord first = null;
    for (OcrWord word : byTop) {
      if (first != null && (word.centerY() < first.y() || word.centerY() > first.bottom())) {
        rows.add(row);
        row = new ArrayList<>();
        first = null;
      }
      if (first == null) {
        first = word;
      }
      row.add(word);
    }
    if (!row.isEmpty()) {
      rows.add(row);
    }
    List<List<OcrWord>> lines = new ArrayList<>();
    for (List<OcrWord> r : rows) {
      r.sort(Comparator.comparingInt(OcrWord::x));
      lines.addAll(splitAtGaps(r));
    }
    return lines;
  }

  private static List<List<OcrWord>> splitAtGaps(List<OcrWord> row) {
    List<List<OcrWord>> parts = new ArrayList<>();
    List<OcrWord> part = new ArrayList<>();
    for (OcrWord word : row) {
      if (!part.isEmpty()) {
        OcrWord previous = part.get(part.size() - 1);
        double lineHeight = Math.max(previous.height(), word.height());
        if (word.x() - previous.right() > GAP_IN_LINE_HEIGHTS * lineHeight) {
          parts.add(part);
          part = new ArrayList<>();
        }
      }
      part.add(word);
    }
    if (!part.isEmpty()) {
      parts.add(part);
    }
    return parts;
  }
}
