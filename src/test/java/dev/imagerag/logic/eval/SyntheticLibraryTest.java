package dev.imagerag.logic.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.logic.store.IndexedImage;
import dev.imagerag.logic.store.VectorNames;
import org.junit.jupiter.api.Test;

/** A reproducible made-up library for benchmarks. */
class SyntheticLibraryTest {
  private final SyntheticLibrary library = new SyntheticLibrary(new SyntheticLibrary.Spec(1000, 64, 8, 0.4, 5));

  @Test
  void anIdLeadsBackToItsImageNumber() {
    assertThat(SyntheticLibrary.indexOf(library.id(987))).isEqualTo(987);
    assertThat(library.id(1)).isNotEqualTo(library.id(2));
  }

  @Test
  void aboutTheChosenShareOfImagesCarryText() {
    long withText = java.util.stream.IntStream.range(0, 1000).filter(library::hasText).count();

    assertThat(withText).isBetween(340L, 460L);
  }

  @Test
  void anImageWithTextHasOcrTextAndATextVector() {
    int i = java.util.stream.IntStream.range(0, 1000).filter(library::hasText).findFirst().orElseThrow();

    IndexedImage image = library.image(i);

    assertThat(image.payload().ocrText().split(" ").length).isBetween(8, 80);
    assertThat(image.vectors().get(VectorNames.TEXTUAL)).hasSize(SyntheticLibrary.TEXT_DIM);
    assertThat(image.vectors().get(VectorNames.VISUAL)).hasSize(64);
    assertThat(image.payload().tags()).hasSize(3).doesNotHaveDuplicates();
  }

  @Test
  void anImageWithoutTextHasNeitherTextNorATextVector() {
    int i = java.util.stream.IntStream.range(0, 1000).filter(n -> !library.hasText(n)).findFirst().orElseThrow();

    IndexedImage image = library.image(i);

    assertThat(image.payload().hasText()).isFalse();
    assertThat(image.vectors()).containsOnlyKeys(VectorNames.VISUAL);
  }

  @Test
  void theSameImageIsGeneratedTwiceAlike() {
    assertThat(library.image(17)).usingRecursiveComparison().isEqualTo(library.image(17));
    assertThat(library.record(17).id()).isEqualTo(library.id(17));
    assertThat(library.pathEntry(17).path()).isEqualTo(library.path(17));
  }

  @Test
  void aQueryHasTwoWordsAndVectorsOfBothSpaces() {
    SyntheticLibrary.Query query = library.query(3);

    assertThat(query.words().split(" ")).hasSize(2);
    assertThat(query.visual()).hasSize(64);
    assertThat(query.textual()).hasSize(SyntheticLibrary.TEXT_DIM);
  }
}
