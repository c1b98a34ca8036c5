package dev.imagerag.infra.lucene;

import static dev.imagerag.logic.store.StoreTestData.id;
import static dev.imagerag.logic.store.StoreTestData.payload;
import static dev.imagerag.logic.store.VectorNames.VISUAL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.logic.store.IndexedImage;
import dev.imagerag.logic.store.SearchFilter;
import dev.imagerag.logic.store.StoreHit;
import dev.imagerag.logic.store.VectorStore;
import dev.imagerag.logic.store.VectorStoreTilesContract;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tile contract on a real index in a temporary folder, plus what only Lucene has. */
class LuceneVectorStoreTilesTest extends VectorStoreTilesContract {
  @TempDir Path dir;

  @Override
  protected VectorStore openStore() {
    return LuceneVectorStore.open(dir.resolve("index"));
  }

  @Override
  protected VectorStore reopen(VectorStore closed) {
    return LuceneVectorStore.open(dir.resolve("index"));
  }

  @Test
  void aReadOnlyStoreSearchesTheWritersTiles() {
    Path shared = dir.resolve("shared");
    try (LuceneVectorStore writer = LuceneVectorStore.open(shared);
        LuceneVectorStore reader = LuceneVectorStore.openReadOnly(shared)) {
      writer.upsert(List.of(
          new IndexedImage(id(1), payload("/lib/plans/a0.png").build(), Map.of(VISUAL, at(0.2, 2)),
              List.of(at(0.95, 3))),
          new IndexedImage(id(2), payload("/lib/a.jpg").build(), Map.of(VISUAL, at(0.6, 4)))));

      List<StoreHit> hits = reader.nearest(VISUAL, at(1.0, 1), 5, SearchFilter.NONE);

      assertThat(hits).extracting(StoreHit::id).containsExactly(id(1), id(2));
      assertThat(reader.count()).isEqualTo(2);
      assertThat(reader.get(id(1)).orElseThrow().visualTiles()).hasSize(1);
    }
  }
}
