package dev.imagerag.infra.qdrant;

import static dev.imagerag.logic.store.StoreTestData.payload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.logic.store.ImagePayload;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeywordVectorsTest {

  /** MurmurHash3 x86_32 reference values (seed 0), as FastEmbed and mmh3 compute them. */
  @Test
  void termsHashWithMurmur3() {
    assertThat(KeywordVectors.index("hello")).isEqualTo(613153351);
    assertThat(KeywordVectors.index("The quick brown fox jumps over the lazy dog")).isEqualTo(0x2e4ff723);
    assertThat(KeywordVectors.index("")).isZero();
  }

  @Test
  void aWordWeighsMoreInTheFileNameThanInAFolderName() {
    KeywordVectors.Terms inName = KeywordVectors.document(payload("/lib/misc/harbour.jpg").build());
    KeywordVectors.Terms inFolder = KeywordVectors.document(payload("/lib/harbour/misc.jpg").build());

    assertThat(weight(inName, "harbour")).isGreaterThan(weight(inFolder, "harbour")).isPositive();
  }

  @Test
  void repeatsSaturate() {
    ImagePayload once = payload("/lib/a.jpg").ocr("invoice").build();
    ImagePayload thrice = payload("/lib/a.jpg").ocr("invoice invoice invoice").build();

    double w1 = weight(KeywordVectors.document(once), "invoic");
    double w3 = weight(KeywordVectors.document(thrice), "invoic");

    assertThat(w3).isGreaterThan(w1).isLessThan(3 * w1).isLessThan(KeywordVectors.K1 + 1);
  }

  @Test
  void aQueryHasWeightOnePerDistinctTermWithSortedUniqueIndices() {
    KeywordVectors.Terms query = KeywordVectors.query("Red red bicycle");

    assertThat(query.distinct()).containsExactly("red", "bicycl");
    assertThat(query.weights()).containsOnly(1.0f);
    assertThat(query.indices()).isSorted().doesNotHaveDuplicates();
    assertThat(KeywordVectors.query(" -- ").isEmpty()).isTrue();
  }

  private static double weight(KeywordVectors.Terms terms, String term) {
    int index = Arrays.binarySearch(terms.indices(), KeywordVectors.index(term));
    return index < 0 ? 0 : terms.weights()[index];
  }
}
