package dev.imagerag.domain;

import java.util.Locale;

/** How a query is matched against the library. */
public enum SearchMode {
  /** Fusion of every signal available. */
  HYBRID,
  /** CLIP text or image query against the images' visual vectors. */
  VISUAL,
  /** Meaning of captions, tags and OCR text (text embeddings). */
  TEXT,
  /** BM25 over OCR text, captions, tags, file and folder names. */
  KEYWORD;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
