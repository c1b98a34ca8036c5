package dev.imagerag.logic.store;

import static dev.imagerag.logic.store.StoreTestData.cosine;
import static dev.imagerag.logic.store.StoreTestData.gaussian;
import static dev.imagerag.logic.store.StoreTestData.id;
import static dev.imagerag.logic.store.StoreTestData.image;
import static dev.imagerag.logic.store.StoreTestData.norm;
import static dev.imagerag.logic.store.StoreTestData.payload;
import static dev.imagerag.logic.store.StoreTestData.scaled;
import static dev.imagerag.logic.store.StoreTestData.textOnly;
import static dev.imagerag.logic.store.StoreTestData.visual;
import static dev.imagerag.logic.store.VectorNames.TEXTUAL;
import static dev.imagerag.logic.store.VectorNames.VISUAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.imagerag.domain.ImageId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link VectorStore} promises, run against each implementation by extending
 * this class. Scores of {@code nearest} are cosine similarities; filters are applied inside the
 * search (pre-filtering); keyword search is free text over every text field.
 *
 * <p>Dates in the test data are whole milliseconds, the catalog's precision (the Lucene store keeps
 * no more). Path prefixes are plain string prefixes, so the tests end folder prefixes with "/".
 * Subclasses supply the store; all data is generated here from fixed seeds ({@link StoreTestData}).
 */
public abstract class VectorStoreContract {
  private static final double VECTOR_TOLERANCE = 1e-5;
  private static final double SCORE_TOLERANCE = 1e-4;
  private static final int DIM = 8;

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

  // ---- upsert, get, delete, count ---------------------------------------------------------

  @Test
  void upsertThenGetReturnsPayloadAndUnitVectors() {
    ImagePayload payload = payload("/lib/photos/beach.jpg", "/lib/copies/beach (1).jpg")
        .caption("two dogs on a beach").ocr("Welcome to Brighton").tags("Beach", "dogs")
        .date("2023-06-01T10:15:30.123Z").size(4032, 3024).bytes(3_456_789L).format("jpeg").build();
    float[] visualVector = {3, 4, 0, 0, 0, 0, 0, 12};
    float[] textualVector = {0.5f, -0.5f, 0.5f, -0.5f, 2};

    store.upsert(List.of(image(1, payload, Map.of(VISUAL, visualVector, TEXTUAL, textualVector))));

    IndexedImage got = store.get(id(1)).orElseThrow();
    assertThat(got.id()).isEqualTo(id(1));
    assertThat(got.payload()).isEqualTo(payload);
    assertThat(got.vectors()).containsOnlyKeys(VISUAL, TEXTUAL);
    assertUnitAndParallel(got.vectors().get(VISUAL), visualVector);
    assertUnitAndParallel(got.vectors().get(TEXTUAL), textualVector);
  }

  @Test
  void getOfAnUnknownIdIsEmpty() {
    store.upsert(List.of(visual(1, gaussian(new Random(1), DIM))));

    assertThat(store.get(id(2))).isEmpty();
  }

  @Test
  void upsertReplacesAnExistingId() {
    Random random = new Random(2);
    ImagePayload first = payload("/lib/old.jpg").caption("old caption").tags("old").build();
    ImagePayload second = payload("/lib/new.png").caption("new caption").format("png").build();
    float[] newVisual = gaussian(random, DIM);
    store.upsert(List.of(image(1, first, Map.of(VISUAL, gaussian(random, DIM), TEXTUAL, gaussian(random, 4)))));

    store.upsert(List.of(image(1, second, Map.of(VISUAL, newVisual))));

    assertThat(store.count()).isEqualTo(1);
    IndexedImage got = store.get(id(1)).orElseThrow();
    assertThat(got.payload()).isEqualTo(second);
    assertThat(got.vectors()).containsOnlyKeys(VISUAL);
    assertUnitAndParallel(got.vectors().get(VISUAL), newVisual);
    assertThat(store.nearest(TEXTUAL, gaussian(random, 4), 10, SearchFilter.NONE)).isEmpty();
    assertThat(store.keyword("old", 10, SearchFilter.NONE)).isEmpty();
  }

  @Test
  void upsertOfAnEmptyListChangesNothing() {
    store.upsert(List.of(visual(1, gaussian(new Random(3), DIM))));

    store.upsert(List.of());

    assertThat(store.count()).isEqualTo(1);
  }

  @Test
  void deleteRemovesAndIgnoresUnknownIds() {
    Random random = new Random(4);
    store.upsert(List.of(
        image(1, payload("/lib/a.jpg").caption("lighthouse").build(), Map.of(VISUAL, gaussian(random, DIM))),
        visual(2, gaussian(random, DIM)), visual(3, gaussian(random, DIM))));

    store.delete(List.of(id(1), id(99)));

    assertThat(store.count()).isEqualTo(2);
    assertThat(store.get(id(1))).isEmpty();
    assertThat(allIds()).containsExactlyInAnyOrder(id(2), id(3));
    assertThat(ids(store.nearest(VISUAL, gaussian(random, DIM), 10, SearchFilter.NONE)))
        .containsExactlyInAnyOrder(id(2), id(3));
    assertThat(store.keyword("lighthouse", 10, SearchFilter.NONE)).isEmpty();
  }

  @Test
  void deleteAllEmptiesTheStore() {
    Random random = new Random(5);
    store.upsert(List.of(
        image(1, payload("/lib/a.jpg").caption("lighthouse").build(), Map.of(VISUAL, gaussian(random, DIM))),
        visual(2, gaussian(random, DIM))));

    store.deleteAll();

    assertThat(store.count()).isZero();
    assertThat(allIds()).isEmpty();
    assertThat(store.get(id(1))).isEmpty();
    assertThat(store.nearest(VISUAL, gaussian(random, DIM), 10, SearchFilter.NONE)).isEmpty();
    assertThat(store.keyword("lighthouse", 10, SearchFilter.NONE)).isEmpty();
  }

  /** Reindexing after a model change empties the store, then fills it with the new dimension. */
  @Test
  void deleteAllAcceptsANewDimension() {
    Random random = new Random(6);
    store.upsert(List.of(visual(1, gaussian(random, DIM))));
    store.deleteAll();
    float[] wider = gaussian(random, 12);

    store.upsert(List.of(visual(2, wider)));

    assertThat(store.count()).isEqualTo(1);
    List<StoreHit> hits = store.nearest(VISUAL, wider, 10, SearchFilter.NONE);
    assertThat(ids(hits)).containsExactly(id(2));
    assertThat(hits.get(0).score()).isCloseTo(1.0, within(SCORE_TOLERANCE));
  }

  @Test
  void countAndForEachIdSeeEveryImage() {
    Random random = new Random(7);
    Set<ImageId> expected = new HashSet<>();
    for (int batch = 0; batch < 3; batch++) {
      List<IndexedImage> images = new ArrayList<>();
      for (int i = 0; i < 80; i++) {
        int n = batch * 1000 + i;
        // A third of them carry no vector: they still count.
        images.add(i % 3 == 0 ? textOnly(n, payload("/lib/t" + n + ".png").build()) : visual(n, gaussian(random, DIM)));
        expected.add(id(n));
      }
      store.upsert(images);
    }

    List<ImageId> seen = allIds();

    assertThat(store.count()).isEqualTo(240);
    assertThat(seen).hasSize(240).containsExactlyInAnyOrderElementsOf(expected);
  }

  // ---- nearest -----------------------------------------------------------------------------

  @Test
  void nearestReturnsCosineSimilarityBestFirst() {
    Random random = new Random(8);
    float[] query = gaussian(random, 16);
    Map<ImageId, float[]> vectors = new HashMap<>();
    List<IndexedImage> images = new ArrayList<>();
    for (int n = 1; n <= 40; n++) {
      float[] v = n == 1 ? scaled(query, 3f) : n == 2 ? scaled(query, -0.5f) : gaussian(random, 16);
      vectors.put(id(n), v);
      images.add(visual(n, v));
    }
    store.upsert(images);

    List<StoreHit> hits = store.nearest(VISUAL, query, 100, SearchFilter.NONE);

    assertThat(hits).hasSize(40);
    assertThat(hits.get(0).id()).isEqualTo(id(1));
    assertThat(hits.get(0).score()).isCloseTo(1.0, within(SCORE_TOLERANCE));
    assertThat(hits.get(39).id()).isEqualTo(id(2));
    assertThat(hits.get(39).score()).isCloseTo(-1.0, within(SCORE_TOLERANCE));
    for (int i = 0; i < hits.size(); i++) {
      StoreHit hit = hits.get(i);
      assertThat(hit.score()).as("score of %s", hit.id())
          .isBetween(-1.0, 1.0)
          .isCloseTo(cosine(vectors.get(hit.id()), query), within(SCORE_TOLERANCE));
      if (i > 0) {
        assertThat(hit.score()).isLessThanOrEqualTo(hits.get(i - 1).score());
      }
    }
  }

  @Test
  void nearestReturnsAtMostK() {
    Random random = new Random(9);
    List<IndexedImage> images = new ArrayList<>();
    for (int n = 1; n <= 30; n++) {
      images.add(visual(n, gaussian(random, DIM)));
    }
    store.upsert(images);

    assertThat(store.nearest(VISUAL, gaussian(random, DIM), 5, SearchFilter.NONE)).hasSize(5);
  }

  @Test
  void nearestRecallAgainstExactSearch() {
    StoreTestData.EmbeddingLike source = new StoreTestData.EmbeddingLike(10, 512, 256);
    List<float[]> vectors = new ArrayList<>();
    for (int batch = 0; batch < 4; batch++) {
      List<IndexedImage> images = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        float[] v = source.next();
        images.add(visual(vectors.size(), v));
        vectors.add(v);
      }
      store.upsert(images);
    }

    int found = 0;
    int queries = 20;
    int k = 10;
    for (int q = 0; q < queries; q++) {
      float[] query = source.next();
      Set<ImageId> exact = StoreTestData.exactTopK(vectors, query, k).stream()
          .map(StoreTestData::id).collect(Collectors.toSet());
      List<StoreHit> hits = store.nearest(VISUAL, query, k, SearchFilter.NONE);
      assertThat(hits).hasSize(k);
      for (StoreHit hit : hits) {
        assertThat(hit.score()).isCloseTo(cosine(vectors.get(indexOf(hit.id())), query), within(SCORE_TOLERANCE));
        found += exact.contains(hit.id()) ? 1 : 0;
      }
    }

    assertThat(found / (double) (queries * k)).as("recall@10").isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void nearestWithFilterStillReturnsKWhenKMatch() {
    StoreTestData.EmbeddingLike source = new StoreTestData.EmbeddingLike(11, 64, 8);
    float[] query = source.next();
    List<IndexedImage> images = new ArrayList<>();
    Set<ImageId> far = new HashSet<>();
    for (int n = 0; n < 500; n++) {
      if (n % 50 == 7) {
        // The only matches point away from the query: a post-filter on the k nearest finds none.
        float[] away = scaled(query, -1f);
        away[n % 64] += 0.2f;
        images.add(image(n, payload("/lib/far/f" + n + ".jpg").build(), Map.of(VISUAL, away)));
        far.add(id(n));
      } else {
        float[] near = query.clone();
        near[n % 64] += 0.1f * (n % 10);
        images.add(image(n, payload("/lib/near/n" + n + ".jpg").build(), Map.of(VISUAL, near)));
      }
    }
    store.upsert(images);

    List<StoreHit> hits = store.nearest(VISUAL, query, 10, pathPrefix("/lib/far/"));

    assertThat(ids(hits)).hasSize(10).containsExactlyInAnyOrderElementsOf(far);
    assertThat(hits).allSatisfy(hit -> assertThat(hit.score()).isLessThan(-0.9));
  }

  @Test
  void imagesWithoutTheVectorAreNotReturnedByNearest() {
    Random random = new Random(12);
    store.upsert(List.of(
        image(1, payload("/lib/both.jpg").build(), Map.of(VISUAL, gaussian(random, DIM), TEXTUAL, gaussian(random, 4))),
        image(2, payload("/lib/textual.jpg").build(), Map.of(TEXTUAL, gaussian(random, 4))),
        textOnly(3, payload("/lib/none.jpg").build())));

    assertThat(ids(store.nearest(VISUAL, gaussian(random, DIM), 10, SearchFilter.NONE)))
        .containsExactly(id(1));
    assertThat(ids(store.nearest(TEXTUAL, gaussian(random, 4), 10, SearchFilter.NONE)))
        .containsExactlyInAnyOrder(id(1), id(2));
    assertThat(store.nearest(VISUAL, gaussian(random, DIM), 10, pathPrefix("/lib/none"))).isEmpty();
  }

  @Test
  void nearestOnAStoreWithoutThatVectorReturnsNothing() {
    Random random = new Random(13);
    store.upsert(List.of(image(1, payload("/lib/t.jpg").build(), Map.of(TEXTUAL, gaussian(random, 4)))));

    assertThat(store.nearest(VISUAL, gaussian(random, DIM), 10, SearchFilter.NONE)).isEmpty();
  }

  // ---- filters (each kind alone, then together) -------------------------------------------

  @Test
  void filterByPathPrefixMatchesAnyOfAnImagesPaths() {
    upsertFilterFixture();

    assertThat(nearestIds(pathPrefix("/lib/photos/2023/"))).containsExactlyInAnyOrder(id(1), id(2), id(4));
    assertThat(nearestIds(SearchFilter.NONE.withPathPrefixes(List.of("/lib/photos/2024/", "/lib/shots/"))))
        .containsExactlyInAnyOrder(id(3), id(4), id(5));
  }

  @Test
  void filterByDateIncludesFromAndExcludesTo() {
    upsertFilterFixture();
    Instant june = Instant.parse("2023-06-01T00:00:00Z");
    Instant newYear = Instant.parse("2024-01-01T00:00:00Z");

    assertThat(nearestIds(SearchFilter.NONE.withDateRange(june, newYear))).containsExactlyInAnyOrder(id(1), id(2));
    assertThat(nearestIds(SearchFilter.NONE.withDateRange(newYear, null))).containsExactlyInAnyOrder(id(3), id(5));
    assertThat(nearestIds(SearchFilter.NONE.withDateRange(null, june))).containsExactlyInAnyOrder(id(4));
  }

  @Test
  void filterByTagsRequiresEveryTagIgnoringCase() {
    upsertFilterFixture();

    assertThat(nearestIds(SearchFilter.NONE.withTags(Set.of("beach", "FAMILY"))))
        .containsExactlyInAnyOrder(id(1), id(5));
    assertThat(nearestIds(SearchFilter.NONE.withTags(Set.of("Family")))).containsExactlyInAnyOrder(id(1), id(3), id(5));
    assertThat(nearestIds(SearchFilter.NONE.withTags(Set.of("family", "nowhere")))).isEmpty();
  }

  @Test
  void filterByFormatsMatchesAnyOfThem() {
    upsertFilterFixture();

    assertThat(nearestIds(SearchFilter.NONE.withFormats(Set.of("PNG", "gif"))))
        .containsExactlyInAnyOrder(id(2), id(3), id(4));
  }

  @Test
  void filterByMinimumSizeIncludesTheExactSize() {
    upsertFilterFixture();

    assertThat(nearestIds(SearchFilter.NONE.withMinSize(1920, 0))).containsExactlyInAnyOrder(id(1), id(4), id(5));
    assertThat(nearestIds(SearchFilter.NONE.withMinSize(0, 2000))).containsExactlyInAnyOrder(id(1), id(2));
    assertThat(nearestIds(SearchFilter.NONE.withMinSize(1000, 1080)))
        .containsExactlyInAnyOrder(id(1), id(2), id(4), id(5));
  }

  @Test
  void filterByHasTextSelectsImagesWithOrWithoutOcrText() {
    upsertFilterFixture();

    assertThat(nearestIds(SearchFilter.NONE.withHasText(true))).containsExactlyInAnyOrder(id(2), id(4), id(5));
    assertThat(nearestIds(SearchFilter.NONE.withHasText(false))).containsExactlyInAnyOrder(id(1), id(3));
  }

  @Test
  void filterConditionsCombineWithAnd() {
    upsertFilterFixture();
    SearchFilter all = pathPrefix("/lib/photos/")
        .withTags(Set.of("family"))
        .withHasText(false)
        .withDateRange(Instant.parse("2024-01-01T00:00:00Z"), null);

    assertThat(nearestIds(all)).containsExactly(id(3));
  }

  // ---- keyword -----------------------------------------------------------------------------

  @Test
  void keywordFindsEveryTextField() {
    store.upsert(List.of(
        textOnly(1, payload("/lib/misc/a1.png").ocr("quarterly budget spreadsheet").build()),
        textOnly(2, payload("/lib/misc/a2.jpg").caption("a golden retriever on grass").build()),
        textOnly(3, payload("/lib/misc/a3.jpg").tags("Volcano").build()),
        textOnly(4, payload("/lib/misc/zebra.png").build()),
        textOnly(5, payload("/lib/Kilimanjaro/a5.jpg").build()),
        textOnly(6, payload("/lib/misc/a6.jpg").caption("an empty street").ocr("nothing here").build())));

    assertThat(keywordIds("budget")).containsExactly(id(1));
    assertThat(keywordIds("retriever")).containsExactly(id(2));
    assertThat(keywordIds("volcano")).containsExactly(id(3));
    assertThat(keywordIds("zebra")).containsExactly(id(4));
    assertThat(keywordIds("kilimanjaro")).containsExactly(id(5));
    assertThat(store.keyword("budget", 10, SearchFilter.NONE)).allSatisfy(hit -> assertThat(hit.score()).isPositive());
  }

  @Test
  void keywordRanksImagesMatchingMoreWordsHigher() {
    store.upsert(List.of(
        textOnly(1, payload("/lib/k/a.jpg").ocr("red scooter near the station").build()),
        textOnly(2, payload("/lib/k/b.jpg").ocr("red bicycle near the station").build()),
        textOnly(3, payload("/lib/k/c.jpg").ocr("blue train near the station").build()),
        textOnly(4, payload("/lib/k/d.jpg").ocr("green tram by the harbour").build())));

    List<StoreHit> hits = store.keyword("red bicycle", 10, SearchFilter.NONE);

    assertThat(ids(hits)).containsExactly(id(2), id(1));
    assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
  }

  @Test
  void keywordWithBlankTextReturnsNothing() {
    store.upsert(List.of(textOnly(1, payload("/lib/k/a.jpg").ocr("anything at all").build())));

    assertThat(store.keyword("", 10, SearchFilter.NONE)).isEmpty();
    assertThat(store.keyword("   \t\n", 10, SearchFilter.NONE)).isEmpty();
    assertThat(store.keyword("?! ... --", 10, SearchFilter.NONE)).isEmpty();
  }

  @Test
  void keywordNeverInterpretsOperators() {
    store.upsert(List.of(
        textOnly(1, payload("/lib/k/a.jpg").ocr("foo fighters").build()),
        textOnly(2, payload("/lib/k/b.jpg").ocr("bar chart").build()),
        textOnly(3, payload("/lib/k/c.jpg").ocr("unrelated words").build())));

    assertThat(keywordIds("\"foo\" AND (bar")).containsExactlyInAnyOrder(id(1), id(2));
    for (String text : List.of("foo*", "-bar", "ocr:foo", "foo~2", "[a TO z]", "{x}", "/fo+/", "foo^3", "\\",
        "!bar && || ", "(((", "\"unclosed", "caption:", "*", "?")) {
      assertThat(store.keyword(text, 10, SearchFilter.NONE)).as("keyword(%s)", text).isNotNull();
    }
    assertThat(keywordIds("-bar")).containsExactly(id(2));
  }

  @Test
  void keywordSplitsFileNames() {
    store.upsert(List.of(
        textOnly(1, payload("/lib/shots/ConnectionRefused.png").build()),
        textOnly(2, payload("/lib/camera/IMG_2031.jpg").build()),
        textOnly(3, payload("/lib/camera/IMG_2032.jpg").build())));

    assertThat(keywordIds("connection")).containsExactly(id(1));
    assertThat(keywordIds("2031")).containsExactly(id(2));
  }

  @Test
  void keywordStemsEnglishWords() {
    store.upsert(List.of(
        textOnly(1, payload("/lib/shots/s1.png").ocr("connection refused").build()),
        textOnly(2, payload("/lib/shots/s2.png").ocr("upload complete").build())));

    assertThat(keywordIds("refuse")).containsExactly(id(1));
  }

  @Test
  void keywordRespectsFilters() {
    upsertFilterFixture();
    store.upsert(List.of(
        textOnly(10, payload("/lib/photos/2023/inv1.png").ocr("invoice number 7").tags("work").format("png").build()),
        textOnly(11, payload("/lib/shots/inv2.png").ocr("invoice overdue").tags("work").format("png").build()),
        textOnly(12, payload("/lib/photos/2023/inv3.jpg").ocr("old invoice").format("jpeg").build())));

    assertThat(keywordIds("invoice")).containsExactlyInAnyOrder(id(10), id(11), id(12));
    assertThat(keywordIds("invoice", pathPrefix("/lib/photos/2023/"))).containsExactlyInAnyOrder(id(10), id(12));
    assertThat(keywordIds("invoice", SearchFilter.NONE.withTags(Set.of("WORK"))))
        .containsExactlyInAnyOrder(id(10), id(11));
    assertThat(keywordIds("invoice", pathPrefix("/lib/photos/").withFormats(Set.of("png")))).containsExactly(id(10));
    assertThat(keywordIds("invoice", SearchFilter.NONE.withHasText(false))).isEmpty();
  }

  // ---- refusals ----------------------------------------------------------------------------

  @Test
  void dimensionMismatchIsRefusedWithReindexAdvice() {
    Random random = new Random(14);
    store.upsert(List.of(visual(1, gaussian(random, DIM))));
    List<IndexedImage> batch = List.of(visual(2, gaussian(random, DIM)), visual(3, gaussian(random, DIM + 4)));

    assertThatThrownBy(() -> store.upsert(batch))
        .isInstanceOf(StoreException.class)
        .hasMessageContainingAll(String.valueOf(DIM), String.valueOf(DIM + 4))
        .message().containsIgnoringCase("reindex");
    assertThat(store.count()).isEqualTo(1);
    // The next write must not carry a half-applied batch along with it either.
    store.upsert(List.of(visual(4, gaussian(random, DIM))));
    assertThat(allIds()).containsExactlyInAnyOrder(id(1), id(4));
  }

  @Test
  void dimensionMismatchWithinOneBatchIsRefused() {
    Random random = new Random(15);
    List<IndexedImage> batch = List.of(visual(1, gaussian(random, DIM)), visual(2, gaussian(random, DIM + 1)));

    assertThatThrownBy(() -> store.upsert(batch))
        .isInstanceOf(StoreException.class)
        .message().containsIgnoringCase("reindex");
    assertThat(store.count()).isZero();
    store.upsert(List.of(visual(3, gaussian(random, DIM))));
    assertThat(allIds()).containsExactly(id(3));
  }

  @Test
  void eachNamedVectorHasItsOwnDimension() {
    Random random = new Random(16);
    store.upsert(List.of(image(1, payload("/lib/a.jpg").build(),
        Map.of(VISUAL, gaussian(random, DIM), TEXTUAL, gaussian(random, 4)))));

    store.upsert(List.of(image(2, payload("/lib/b.jpg").build(), Map.of(TEXTUAL, gaussian(random, 4)))));

    assertThat(store.count()).isEqualTo(2);
  }

  @Test
  void zeroVectorIsRefused() {
    Random random = new Random(17);
    store.upsert(List.of(visual(1, gaussian(random, DIM))));
    List<IndexedImage> batch = List.of(visual(2, gaussian(random, DIM)), visual(3, new float[DIM]));

    assertThatThrownBy(() -> store.upsert(batch))
        .isInstanceOfAny(IllegalArgumentException.class, StoreException.class);
    assertThat(store.count()).isEqualTo(1);
    store.upsert(List.of(visual(4, gaussian(random, DIM))));
    assertThat(allIds()).containsExactlyInAnyOrder(id(1), id(4));
  }

  @Test
  void queryWithWrongDimensionGivesStoreException() {
    Random random = new Random(18);
    store.upsert(List.of(visual(1, gaussian(random, DIM))));

    assertThatThrownBy(() -> store.nearest(VISUAL, gaussian(random, DIM + 4), 10, SearchFilter.NONE))
        .isInstanceOf(StoreException.class);
  }

  @Test
  void zeroQueryIsRefused() {
    store.upsert(List.of(visual(1, gaussian(new Random(19), DIM))));

    assertThatThrownBy(() -> store.nearest(VISUAL, new float[DIM], 10, SearchFilter.NONE))
        .isInstanceOfAny(IllegalArgumentException.class, StoreException.class);
  }

  @Test
  void unknownVectorNameIsRefused() {
    store.upsert(List.of(visual(1, gaussian(new Random(20), DIM))));

    assertThatThrownBy(() -> store.nearest("colour", new float[] {1, 0, 0, 0, 0, 0, 0, 0}, 10, SearchFilter.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("colour");
  }

  // ---- durability and threads --------------------------------------------------------------

  @Test
  void dataSurvivesReopen() {
    Random random = new Random(21);
    float[] v1 = gaussian(random, DIM);
    ImagePayload p1 = payload("/lib/keep/harbour.jpg").caption("boats in a harbour").tags("sea").build();
    store.upsert(List.of(image(1, p1, Map.of(VISUAL, v1)), visual(2, gaussian(random, DIM)),
        visual(3, gaussian(random, DIM))));
    store.delete(List.of(id(3)));

    store.close();
    store = reopen(store);

    assertThat(store.count()).isEqualTo(2);
    assertThat(store.get(id(1)).orElseThrow().payload()).isEqualTo(p1);
    assertThat(store.get(id(3))).isEmpty();
    assertThat(store.nearest(VISUAL, v1, 1, SearchFilter.NONE).get(0).id()).isEqualTo(id(1));
    assertThat(keywordIds("harbour")).containsExactly(id(1));
  }

  @Test
  void dimensionsAreEnforcedAfterReopen() {
    Random random = new Random(22);
    store.upsert(List.of(visual(1, gaussian(random, DIM))));

    store.close();
    store = reopen(store);

    assertThatThrownBy(() -> store.upsert(List.of(visual(2, gaussian(random, DIM + 2)))))
        .isInstanceOf(StoreException.class)
        .message().containsIgnoringCase("reindex");
    assertThatThrownBy(() -> store.nearest(VISUAL, gaussian(random, DIM + 2), 5, SearchFilter.NONE))
        .isInstanceOf(StoreException.class);
  }

  @Test
  void concurrentWritesAndSearchesAllLand() throws Exception {
    store.upsert(List.of(visual(0, gaussian(new Random(23), DIM))));
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        work.add(pool.submit(() -> {
          Random random = new Random(100 + thread);
          for (int b = 0; b < 10; b++) {
            int n = 1 + thread * 100 + b * 2;
            store.upsert(List.of(visual(n, gaussian(random, DIM)), visual(n + 1, gaussian(random, DIM))));
          }
        }));
      }
      for (int t = 0; t < 2; t++) {
        work.add(pool.submit(() -> {
          Random random = new Random(200);
          for (int i = 0; i < 30; i++) {
            assertThat(store.nearest(VISUAL, gaussian(random, DIM), 5, SearchFilter.NONE)).isNotEmpty();
            assertThat(store.count()).isPositive();
          }
        }));
      }
      for (Future<?> future : work) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(store.count()).isEqualTo(81);
  }

  // ---- helpers -----------------------------------------------------------------------------

  /**
   * Five images that tell every filter apart. Image 4 lives in the shots folder and has a copy
   * under photos/2023; images 1 and 3 are dated exactly on the range bounds used by the tests.
   */
  private void upsertFilterFixture() {
    Random random = new Random(99);
    List<ImagePayload> payloads = List.of(
        payload("/lib/photos/2023/beach.jpg").date("2023-06-01T00:00:00Z").tags("Beach", "Family")
            .size(4000, 3000).build(),
        payload("/lib/photos/2023/receipt.png").date("2023-12-31T23:59:59.999Z").tags("receipt")
            .format("png").size(1000, 2000).ocr("TOTAL 12.50").build(),
        payload("/lib/photos/2024/party.gif").date("2024-01-01T00:00:00Z").tags("family")
            .format("gif").size(640, 480).build(),
        payload("/lib/shots/error.png", "/lib/photos/2023/copy-of-error.png").date("2022-05-05T12:00:00Z")
            .format("png").size(1920, 1080).ocr("connection refused").build(),
        payload("/lib/shots/notes.webp").date("2024-03-01T09:00:00Z").tags("BEACH", "family", "sunset")
            .format("webp").size(1920, 1080).ocr("meeting notes").build());
    List<IndexedImage> images = new ArrayList<>();
    for (int i = 0; i < payloads.size(); i++) {
      images.add(image(i + 1, payloads.get(i), Map.of(VISUAL, gaussian(random, DIM))));
    }
    store.upsert(images);
  }

  private Set<ImageId> nearestIds(SearchFilter filter) {
    return new HashSet<>(ids(store.nearest(VISUAL, gaussian(new Random(98), DIM), 100, filter)));
  }

  private List<ImageId> keywordIds(String text) {
    return keywordIds(text, SearchFilter.NONE);
  }

  private List<ImageId> keywordIds(String text, SearchFilter filter) {
    return ids(store.keyword(text, 100, filter));
  }

  private static SearchFilter pathPrefix(String prefix) {
    return SearchFilter.NONE.withPathPrefixes(List.of(prefix));
  }

  private List<ImageId> allIds() {
    List<ImageId> seen = new ArrayList<>();
    store.forEachId(seen::add);
    return seen;
  }

  private static List<ImageId> ids(List<StoreHit> hits) {
    return hits.stream().map(StoreHit::id).collect(Collectors.toList());
  }

  /** The number {@link StoreTestData#id} encoded. */
  private static int indexOf(ImageId id) {
    return Integer.parseInt(id.hex(), 16);
  }

  private static void assertUnitAndParallel(float[] stored, float[] original) {
    assertThat(norm(stored)).isCloseTo(1.0, within(VECTOR_TOLERANCE));
    double length = norm(original);
    assertThat(stored).hasSameSizeAs(original);
    for (int i = 0; i < original.length; i++) {
      assertThat((double) stored[i]).as("component %d", i).isCloseTo(original[i] / length, within(VECTOR_TOLERANCE));
    }
  }
}
