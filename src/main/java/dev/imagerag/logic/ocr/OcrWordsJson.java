package dev.imagerag.logic.ocr;

import java.util.List;
import java.util.Locale;

/**
 * The word boxes of an image as compact JSON, stored in the catalog as the {@code ocr.words} text:
 * {@code [{"t":"refused","x":12,"y":40,"w":96,"h":22,"c":0.93},...]} with the word, its box in
 * pixels of the original upright image (x and y of the top-left corner, width and height) and the
 * confidence from 0 to 1 with two decimals. Written by hand because {@code logic} uses no JSON
 * library; strings are escaped as RFC 8259 requires.
 */
public final class OcrWordsJson {
  private OcrWordsJson() {}

  public static String write(List<OcrWord> words) {
    StringBuilder json = new StringBuilder(words.size() * 48 + 2).append('[');
    for (int i = 0; i < words.size(); i++) {
      OcrWord w = words.get(i);
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"t\":");
      string(json, w.text());
      json.append(",\"x\":").append(w.x()).append(",\"y\":").append(w.y())
          .append(",\"w\":").append(w.width()).append(",\"h\":").append(w.height())
          .append(",\"c\":").append(String.format(Locale.ROOT, "%.2f", w.confidence())).append('}');
    }
    return json.append(']').toString();
  }

  private static void string(StringBuilder json, String value) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        case '\b' -> json.append("\\b");
        case '\f' -> json.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
