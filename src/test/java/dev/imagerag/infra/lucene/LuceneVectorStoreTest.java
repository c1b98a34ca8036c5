package dev.imagerag.infra.lucene;

import static dev.imagerag.logic.store.StoreTestData.gaussian;
import static dev.imagerag.logic.store.StoreTestData.id;
import static dev.imagerag.logic.store.StoreTestData.image;
import static dev.imagerag.logic.store.StoreTestData.payload;
import static dev.imagerag.logic.store.StoreTestData.visual;
import static dev.imagerag.logic.store.VectorNames.TEXTUAL;
import static dev.imagerag.logic.store.VectorNames.VISUAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagerag.logic.store.SearchFilter;
import dev.imagerag.logic.store.StoreHit;
import dev.imagerag.logic.store.StoreInfo;
import dev.imagerag.logic.store.VectorStore;
import dev.imagerag.logic.store.VectorStoreContract;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a real index in a temporary folder, plus what only Lucene has. */
class LuceneVectorStoreTest extends VectorStoreContract {
  @TempDir Path dir;

  @Override
  protected VectorStore openStore() {
    return LuceneVectorStore.open(indexDir());
  }

  @Override
  protected VectorStore reopen(VectorStore closed) {
    return LuceneVectorStore.open(indexDir());
  }

  private Path indexDir() {
    return dir.resolve("index");
  }

  // The contract's store already holds the write lock on indexDir(); these tests use their own folder.

  @Test
  void readOnlyStoreSeesTheWritersCommits() {
    Random random = new Random(1);
    Path shared = dir.resolve("shared");
    float[] second = gaussian(random, 8);
    try (LuceneVectorStore writer = LuceneVectorStore.open(shared)) {
      writer.upsert(List.of(visual(1, gaussian(random, 8))));
      try (LuceneVectorStore reader = LuceneVectorStore.openReadOnly(shared)) {
        assertThat(reader.count()).isEqualTo(1);

        writer.upsert(List.of(image(2, payload("/lib/late/lighthouse.jpg").build(), Map.of(VISUAL, second))));

        assertThat(reader.count()).isEqualTo(2);
        assertThat(reader.get(id(2))).isPresent();
        assertThat(reader.nearest(VISUAL, second, 1, SearchFilter.NONE))
            .extracting(StoreHit::id).containsExactly(id(2));
        assertThat(reader.keyword("lighthouse", 5, SearchFilter.NONE)).extracting(StoreHit::id).containsExactly(id(2));
      }
    }
  }

  @Test
  void readOnlyStoreRefusesWrites() {
    Path shared = dir.resolve("shared");
    try (LuceneVectorStore writer = LuceneVectorStore.open(shared)) {
      writer.upsert(List.of(visual(1, gaussian(new Random(2), 8))));
    }
    try (LuceneVectorStore reader = LuceneVectorStore.openReadOnly(shared)) {
      assertThatThrownBy(() -> reader.upsert(List.of(visual(2, gaussian(new Random(3), 8)))))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> reader.delete(List.of(id(1)))).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(reader::deleteAll).isInstanceOf(IllegalStateException.class);
      assertThat(reader.count()).isEqualTo(1);
    }
  }

  /** The first import of a new library: the search side opens before the writer's first commit. */
  @Test
  void readOnlyStoreOpenedBeforeAnyIndexSeesLaterCommits() {
    Random random = new Random(4);
    Path shared = dir.resolve("shared");
    float[] v = gaussian(random, 8);
    float[] t = gaussian(random, 4);
    try (LuceneVectorStore writer = LuceneVectorStore.open(shared);
        LuceneVectorStore reader = LuceneVectorStore.openReadOnly(shared)) {
      assertThat(reader.count()).isZero();
      assertThat(reader.get(id(1))).isEmpty();
      assertThat(reader.nearest(VISUAL, v, 5, SearchFilter.NONE)).isEmpty();
      assertThat(reader.keyword("harbour", 5, SearchFilter.NONE)).isEmpty();

      writer.upsert(List.of(image(1, payload("/lib/harbour.jpg").build(), Map.of(VISUAL, v, TEXTUAL, t))));

      assertThat(reader.nearest(VISUAL, v, 5, SearchFilter.NONE)).extracting(StoreHit::id).containsExactly(id(1));
      assertThat(reader.nearest(TEXTUAL, t, 5, SearchFilter.NONE)).extracting(StoreHit::id).containsExactly(id(1));
      assertThat(reader.keyword("harbour", 5, SearchFilter.NONE)).extracting(StoreHit::id).containsExactly(id(1));
      assertThat(reader.count()).isEqualTo(1);
    }
  }

  /** A reindex with a new model in the writing process must not leave the reader on the old dimension. */
  @Test
  void readOnlyStoreFollowsADimensionChangeAfterReindex() {
    Random random = new Random(5);
    Path shared = dir.resolve("shared");
    float[] wide = gaussian(random, 12);
    try (LuceneVectorStore writer = LuceneVectorStore.open(shared)) {
      writer.upsert(List.of(visual(1, gaussian(random, 8))));
      try (LuceneVectorStore reader = LuceneVectorStore.openReadOnly(shared)) {
        assertThat(reader.count()).isEqualTo(1);

        writer.deleteAll();
        writer.upsert(List.of(visual(2, wide)));

        assertThat(reader.nearest(VISUAL, wide, 5, SearchFilter.NONE)).extracting(StoreHit::id).containsExactly(id(2));
        assertThat(reader.info().dimensions()).containsEntry(VISUAL, 12);
      }
    }
  }

  @Test
  void infoReportsKindCountSizeAndDimensions() {
    Path own = dir.resolve("own");
    try (LuceneVectorStore store = LuceneVectorStore.open(own)) {
      Random random = new Random(6);
      store.upsert(List.of(
          image(1, payload("/lib/a.jpg").build(), Map.of(VISUAL, gaussian(random, 8), TEXTUAL, gaussian(random, 4))),
          visual(2, gaussian(random, 8))));

      StoreInfo info = store.info();

      assertThat(info.kind()).isEqualTo("lucene");
      assertThat(info.location()).isEqualTo(own.toString());
      assertThat(info.count()).isEqualTo(2);
      assertThat(info.sizeBytes()).isPositive();
      assertThat(info.dimensions()).isEqualTo(Map.of(VISUAL, 8, TEXTUAL, 4));
    }
  }
}
