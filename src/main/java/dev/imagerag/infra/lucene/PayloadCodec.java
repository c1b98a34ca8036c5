package dev.imagerag.infra.lucene;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagerag.logic.store.ImagePayload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** The payload stored beside each document, as compact JSON. */
final class PayloadCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PayloadCodec() {}

  /** JSON shape of a payload; dates as epoch milliseconds. */
  record Stored(
      List<String> paths, String caption, String ocr, List<String> tags, long date, int width, int height,
      long size, String format) {}

  static byte[] encode(ImagePayload p) {
    try {
      return JSON.writeValueAsBytes(new Stored(p.paths(), p.caption(), p.ocrText(), p.tags(),
          p.date().toEpochMilli(), p.width(), p.height(), p.sizeBytes(), p.format()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ImagePayload decode(byte[] bytes) {
    try {
      Stored s = JSON.readValue(bytes, Stored.class);
      return new ImagePayload(s.paths(), s.caption(), s.ocr(), s.tags(), Instant.ofEpochMilli(s.date()),
          s.width(), s.height(), s.size(), s.format());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
