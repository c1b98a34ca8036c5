package dev.imagerag.logic.store;

import static dev.imagerag.logic.store.StoreTestData.id;
import static dev.imagerag.logic.store.StoreTestData.norm;
import static dev.imagerag.logic.store.StoreTestData.payload;
import static dev.imagerag.logic.store.VectorNames.TEXTUAL;
import static dev.imagerag.logic.store.VectorNames.VISUAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.imagerag.domain.ImageId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a {@link VectorStore} promises about the visual tiles of very large images, run against
 * each implementation that indexes tiles by extending this class: {@code nearest} on the visual
 * vector scores an image by the best of its whole vector and its tiles, each image once; filters
 * hold whichever vector matched; tiles are replaced and removed with their image and never count
 * as images; {@code nearestWhole} ignores them.
 *
 * <p>Vectors are built at known cosines to the query (axis 0), so expected scores are exact.
 */
public abstract class VectorStoreTilesContract {
  private static final int DIM = 16;
  private static final double SCORE_TOLERANCE = 1e-4;
  private static final float[] QUERY = at(1.0, 1);

  private VectorStore store;

  /** A fresh, empty, writable store; each test gets its own. */
  protected abstract VectorStore openStore();

  /** The storage behind {@code closed} (already closed by the test), opened again for writing. */
  protected abstract VectorStore reopen(VectorStore closed);

  @BeforeEach
  void openFreshStore() {
    store = openStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  // ---- ranking -----------------------------------------------------------------------------

  /** The plan's whole vector is far from the query, one of its tiles is near: the tile counts. */
  @Test
  void anImageWhoseBestTileMatchesOutranksACloserWholeImage() {
    store.upsert(List.of(
        tiled(1, "/lib/plans/a0.png", at(0.2, 2), at(0.1, 3), at(0.95, 4), at(0.3, 5)),
        whole(2, "/lib/photos/near.jpg", at(0.6, 6)),
        whole(3, "/lib/photos/far.jpg", at(0.4, 7)),
        whole(4, "/lib/photos/away.jpg", at(-0.5, 8))));

    List<StoreHit> hits = store.nearest(VISUAL, QUERY, 10, SearchFilter.NONE);

    assertThat(ids(hits)).containsExactly(id(1), id(2), id(3), id(4));
    assertScores(hits, 0.95, 0.6, 0.4, -0.5);
  }

  @Test
  void nearestWholeIgnoresTiles() {
    store.upsert(List.of(
        tiled(1, "/lib/plans/a0.png", at(0.2, 2), at(0.95, 3)),
        whole(2, "/lib/photos/near.jpg", at(0.6, 4))));

    List<StoreHit> hits = store.nearestWhole(VISUAL, QUERY, 10, SearchFilter.NONE);

    assertThat(ids(hits)).containsExactly(id(2), id(1));
    assertScores(hits, 0.6, 0.2);
  }

  @Test
  void aWholeVectorBetterThanEveryTileKeepsItsScore() {
    store.upsert(List.of(tiled(1, "/lib/plans/a0.png", at(0.9, 2), at(0.5, 3), at(0.7, 4))));

    assertScores(store.nearest(VISUAL, QUERY, 10, SearchFilter.NONE), 0.9);
  }

  /** Sixteen tiles near the query still make one hit, and k distinct images come back. */
  @Test
  void eachImageComesBackOnceWithManyMatchingTiles() {
    List<float[]> tiles = new ArrayList<>();
    for (int t = 0; t < 16; t++) {
      tiles.add(at(0.9 - 0.001 * t, 2 + t % 10));
    }
    List<IndexedImage> images = new ArrayList<>();
    images.add(new IndexedImage(id(1), payload("/lib/plans/a0.png").build(), Map.of(VISUAL, at(0.1, 12)), tiles));
    for (int n = 2; n <= 6; n++) {
      images.add(whole(n, "/lib/photos/p" + n + ".jpg", at(0.5 - 0.05 * n, 12 + n % 3)));
    }
    store.upsert(images);

    List<StoreHit> hits = store.nearest(VISUAL, QUERY, 3, SearchFilter.NONE);

    assertThat(ids(hits)).containsExactly(id(1), id(2), id(3));
    assertScores(hits, 0.9, 0.4, 0.35);
  }

  @Test
  void tilesMatchOnlyVisualSearch() {
    float[] textual = {1, 0, 0, 0};
    store.upsert(List.of(
        new IndexedImage(id(1), payload("/lib/plans/a0.png").build(),
            Map.of(VISUAL, at(0.2, 2), TEXTUAL, textual), List.of(at(0.95, 3))),
        whole(2, "/lib/photos/near.jpg", at(0.6, 4))));

    assertThat(ids(store.nearest(TEXTUAL, textual, 10, SearchFilter.NONE))).containsExactly(id(1));
    assertThat(ids(store.nearest(VISUAL, QUERY, 10, SearchFilter.NONE))).containsExactly(id(1), id(2));
  }

  /** Many images with tiles, written in many batches: each query tile finds its own image first. */
  @Test
  void everyTileLeadsToItsOwnImageAcrossManyWrites() {
    StoreTestData.EmbeddingLike source = new StoreTestData.EmbeddingLike(21, 64, 32);
    Map<ImageId, List<float[]>> tilesOf = new java.util.HashMap<>();
    for (int batch = 0; batch < 12; batch++) {
      List<IndexedImage> images = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        int n = batch * 25 + i;
        List<float[]> tiles = new ArrayList<>();
        if (n % 5 == 0) {
          for (int t = 0; t < 1 + n % 16; t++) {
            tiles.add(source.next());
          }
          tilesOf.put(id(n), tiles);
        }
        images.add(new IndexedImage(id(n), payload("/lib/all/i" + n + ".png").build(),
            Map.of(VISUAL, source.next()), tiles));
      }
      store.upsert(images);
    }
    // Replacing some images rewrites their blocks in later segments.
    List<IndexedImage> again = new ArrayList<>();
    for (int n = 0; n < 300; n += 50) {
      List<float[]> tiles = List.of(source.next(), source.next());
      tilesOf.put(id(n), tiles);
      again.add(new IndexedImage(id(n), payload("/lib/all/i" + n + ".png").build(), Map.of(VISUAL, source.next()),
          tiles));
    }
    store.upsert(again);

    assertThat(store.count()).isEqualTo(300);
    tilesOf.forEach((image, tiles) -> {
      for (float[] tile : tiles) {
        List<StoreHit> hits = store.nearest(VISUAL, tile, 5, SearchFilter.NONE);
        assertThat(hits.get(0).id()).as("image of a tile of %s", image).isEqualTo(image);
        assertThat(hits.get(0).score()).isCloseTo(1.0, within(SCORE_TOLERANCE));
        assertThat(ids(hits)).doesNotHaveDuplicates();
      }
    });
  }

  // ---- filters -----------------------------------------------------------------------------

  @Test
  void filtersApplyToTheImageWhicheverVectorMatched() {
    store.upsert(List.of(
        new IndexedImage(id(1), payload("/lib/plans/a0.png").tags("plan").format("png").build(),
            Map.of(VISUAL, at(0.1, 2)), List.of(at(0.95, 3))),
        new IndexedImage(id(2), payload("/lib/photos/pano.jpg").tags("holiday").ocr("Welcome").build(),
            Map.of(VISUAL, at(0.2, 4)), List.of(at(0.9, 5))),
        whole(3, "/lib/photos/near.jpg", at(0.6, 6))));

    List<StoreHit> photos = store.nearest(VISUAL, QUERY, 10, SearchFilter.NONE.withPathPrefixes(List.of("/lib/photos/")));
    assertThat(ids(photos)).containsExactly(id(2), id(3));
    assertScores(photos, 0.9, 0.6);
    assertThat(ids(store.nearest(VISUAL, QUERY, 10, SearchFilter.NONE.withTags(Set.of("plan")))))
        .containsExactly(id(1));
    assertThat(ids(store.nearest(VISUAL, QUERY, 10, SearchFilter.NONE.withFormats(Set.of("jpeg")))))
        .containsExactly(id(2), id(3));
    assertThat(ids(store.nearest(VISUAL, QUERY, 10, SearchFilter.NONE.withHasText(false))))
        .containsExactly(id(1), id(3));
    assertThat(store.nearest(VISUAL, QUERY, 10, SearchFilter.NONE.withTags(Set.of("nowhere")))).isEmpty();
  }

  /** Few images match the filter: the store searches them exactly, tiles included. */
  @Test
  void aNarrowFilterStillFindsTheImageByItsTile() {
    List<IndexedImage> images = new ArrayList<>();
    Random random = new Random(3);
    for (int n = 1; n <= 300; n++) {
      images.add(whole(n, "/lib/photos/p" + n + ".jpg", at(0.3 + 0.6 * random.nextDouble(), 2 + n % 14)));
    }
    images.add(new IndexedImage(id(1000), payload("/lib/plans/a0.png").build(), Map.of(VISUAL, at(0.0, 2)),
        List.of(at(0.5, 3), at(0.2, 4))));
    store.upsert(images);

    List<StoreHit> hits = store.nearest(VISUAL, QUERY, 5, SearchFilter.NONE.withPathPrefixes(List.of("/lib/plans/")));

    assertThat(ids(hits)).containsExactly(id(1000));
    assertScores(hits, 0.5);
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  @Test
  void getReturnsTheTilesAsUnitVectorsInOrder() {
    float[] first = scaled(at(0.3, 2), 5);
    float[] second = scaled(at(0.8, 3), 0.5f);
    store.upsert(List.of(new IndexedImage(id(1), payload("/lib/plans/a0.png").build(),
        Map.of(VISUAL, at(0.1, 4)), List.of(first, second))));

    IndexedImage got = store.get(id(1)).orElseThrow();

    assertThat(got.visualTiles()).hasSize(2);
    assertParallelUnit(got.visualTiles().get(0), first);
    assertParallelUnit(got.visualTiles().get(1), second);
    assertThat(store.get(id(2))).isEmpty();
  }

  @Test
  void countAndForEachIdSeeImagesNotTiles() {
    store.upsert(List.of(
        tiled(1, "/lib/plans/a0.png", at(0.1, 2), at(0.2, 3), at(0.3, 4), at(0.4, 5)),
        whole(2, "/lib/photos/a.jpg", at(0.5, 6)),
        tiled(3, "/lib/plans/b.png", at(0.1, 7), at(0.2, 8))));

    List<ImageId> seen = new ArrayList<>();
    store.forEachId(seen::add);

    assertThat(store.count()).isEqualTo(3);
    assertThat(seen).containsExactlyInAnyOrder(id(1), id(2), id(3));
    assertThat(store.info().count()).isEqualTo(3);
  }

  @Test
  void keywordSearchFindsTheImageOnce() {
    store.upsert(List.of(new IndexedImage(id(1), payload("/lib/plans/harbour.png").caption("harbour plan").build(),
        Map.of(VISUAL, at(0.1, 2)), List.of(at(0.9, 3), at(0.8, 4)))));

    assertThat(ids(store.keyword("harbour", 10, SearchFilter.NONE))).containsExactly(id(1));
  }

  @Test
  void upsertReplacesTheTiles() {
    store.upsert(List.of(tiled(1, "/lib/plans/a0.png", at(0.1, 2), at(0.95, 3)), whole(2, "/lib/a.jpg", at(0.6, 4))));

    store.upsert(List.of(whole(1, "/lib/plans/a0.png", at(0.1, 2))));

    assertThat(store.get(id(1)).orElseThrow().visualTiles()).isEmpty();
    List<StoreHit> hits = store.nearest(VISUAL, QUERY, 10, SearchFilter.NONE);
    assertThat(ids(hits)).containsExactly(id(2), id(1));
    assertScores(hits, 0.6, 0.1);

    store.upsert(List.of(tiled(1, "/lib/plans/a0.png", at(0.1, 2), at(0.7, 5))));

    assertScores(store.nearest(VISUAL, QUERY, 10, SearchFilter.NONE), 0.7, 0.6);
    assertThat(store.get(id(1)).orElseThrow().visualTiles()).hasSize(1);
    assertThat(store.count()).isEqualTo(2);
  }

  @Test
  void deleteRemovesTheImageWithItsTiles() {
    store.upsert(List.of(tiled(1, "/lib/plans/a0.png", at(0.1, 2), at(0.95, 3)), whole(2, "/lib/a.jpg", at(0.6, 4))));

    store.delete(List.of(id(1)));

    List<StoreHit> hits = store.nearest(VISUAL, QUERY, 10, SearchFilter.NONE);
    assertThat(ids(hits)).containsExactly(id(2));
    assertScores(hits, 0.6);
    assertScores(store.nearest(VISUAL, at(0.95, 3), 10, SearchFilter.NONE), 0.6 * 0.95);
    assertThat(store.count()).isEqualTo(1);
    assertThat(store.get(id(1))).isEmpty();
  }

  @Test
  void deleteAllRemovesTilesAndAcceptsANewDimension() {
    store.upsert(List.of(tiled(1, "/lib/plans/a0.png", at(0.1, 2), at(0.95, 3))));

    store.deleteAll();

    assertThat(store.nearest(VISUAL, QUERY, 10, SearchFilter.NONE)).isEmpty();
    float[] wide = new float[DIM + 4];
    wide[0] = 1;
    float[] wideTile = new float[DIM + 4];
    wideTile[DIM + 1] = 1;
    store.upsert(List.of(new IndexedImage(id(2), payload("/lib/plans/b.png").build(), Map.of(VISUAL, wide),
        List.of(wideTile))));
    assertThat(ids(store.nearest(VISUAL, wideTile, 10, SearchFilter.NONE))).containsExactly(id(2));
    assertScores(store.nearest(VISUAL, wideTile, 10, SearchFilter.NONE), 1.0);
  }

  @Test
  void tilesSurviveReopen() {
    store.upsert(List.of(tiled(1, "/lib/plans/a0.png", at(0.2, 2), at(0.95, 3)), whole(2, "/lib/a.jpg", at(0.6, 4))));
    store.close();

    store = reopen(store);

    assertThat(ids(store.nearest(VISUAL, QUERY, 10, SearchFilter.NONE))).containsExactly(id(1), id(2));
    assertThat(store.get(id(1)).orElseThrow().visualTiles()).hasSize(1);
    assertThat(store.count()).isEqualTo(2);
  }

  @Test
  void aZeroTileIsRefusedWithoutWritingTheBatch() {
    IndexedImage bad = new IndexedImage(id(2), payload("/lib/plans/b.png").build(), Map.of(VISUAL, at(0.2, 2)),
        List.of(new float[DIM]));

    assertThatThrownBy(() -> store.upsert(List.of(whole(1, "/lib/a.jpg", at(0.5, 3)), bad)))
        .isInstanceOfAny(IllegalArgumentException.class, StoreException.class);
    assertThat(store.count()).isZero();
  }

  // ---- helpers -----------------------------------------------------------------------------

  /** A unit vector at cosine {@code cos} to the query (axis 0), leaning towards axis {@code other}. */
  protected static float[] at(double cos, int other) {
    float[] v = new float[DIM];
    v[0] = (float) cos;
    v[other] = (float) Math.sqrt(1 - cos * cos);
    return v;
  }

  private static IndexedImage whole(int n, String path, float[] visual) {
    return new IndexedImage(id(n), payload(path).build(), Map.of(VISUAL, visual));
  }

  private static IndexedImage tiled(int n, String path, float[] visual, float[]... tiles) {
    return new IndexedImage(id(n), payload(path).build(), Map.of(VISUAL, visual), List.of(tiles));
  }

  private static float[] scaled(float[] v, float factor) {
    return StoreTestData.scaled(v, factor);
  }

  private static List<ImageId> ids(List<StoreHit> hits) {
    return hits.stream().map(StoreHit::id).toList();
  }

  private static void assertScores(List<StoreHit> hits, double... expected) {
    assertThat(hits).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(hits.get(i).score()).as("score of hit %d (%s)", i, hits.get(i).id())
          .isCloseTo(expected[i], within(SCORE_TOLERANCE));
    }
  }

  private static void assertParallelUnit(float[] stored, float[] original) {
    assertThat(norm(stored)).isCloseTo(1.0, within(1e-5));
    assertThat(StoreTestData.cosine(stored, original)).isCloseTo(1.0, within(1e-5));
  }
}
