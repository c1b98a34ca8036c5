package dev.imagerag.logic.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.logic.embed.TextEmbedder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The query embedding cache: a repeated query is embedded once, until the cache is cleared. */
class CachingTextEmbedderTest {
  /** Embeds a text as its length and records every text it is asked for. */
  private static final class RecordingEmbedder implements TextEmbedder {
    final List<String> embedded = new ArrayList<>();

    @Override
    public String modelId() {
      return "length";
    }

    @Override
    public int dimension() {
      return 1;
    }

    @Override
    public List<float[]> embedTexts(List<String> texts) {
      embedded.addAll(texts);
      return texts.stream().map(t -> new float[] {t.length()}).toList();
    }
  }

  @Test
  void aRepeatedQueryIsEmbeddedOnce() {
    RecordingEmbedder delegate = new RecordingEmbedder();
    CachingTextEmbedder cache = new CachingTextEmbedder(delegate, 8);

    cache.embedTexts(List.of("red car"));
    float[] again = cache.embedTexts(List.of("red car")).get(0);

    assertThat(delegate.embedded).containsExactly("red car");
    assertThat(again).containsExactly(7f);
  }

  @Test
  void afterClearingEveryQueryIsEmbeddedAgain() {
    RecordingEmbedder delegate = new RecordingEmbedder();
    CachingTextEmbedder cache = new CachingTextEmbedder(delegate, 8);
    cache.embedTexts(List.of("red car", "night"));

    cache.clear();
    cache.embedTexts(List.of("red car"));

    assertThat(delegate.embedded).containsExactly("red car", "night", "red car");
  }
}
