package dev.imagerag.logic.store;

import static dev.imagerag.logic.store.StoreTestData.id;
import static dev.imagerag.logic.store.StoreTestData.payload;
import static dev.imagerag.logic.store.VectorNames.TEXTUAL;
import static dev.imagerag.logic.store.VectorNames.VISUAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexedImageTest {
  private static final ImagePayload PAYLOAD = payload("/lib/plans/a0.png").build();

  @Test
  void theThreeArgumentFormHasNoTiles() {
    assertThat(new IndexedImage(id(1), PAYLOAD, Map.of(VISUAL, new float[] {1, 0})).visualTiles()).isEmpty();
  }

  @Test
  void tilesAreCopied() {
    float[] tile = {0, 1};
    List<float[]> tiles = new ArrayList<>(List.of(tile));
    IndexedImage image = new IndexedImage(id(1), PAYLOAD, Map.of(VISUAL, new float[] {1, 0}), tiles);

    tile[0] = 9;
    tiles.clear();

    assertThat(image.visualTiles()).hasSize(1);
    assertThat(image.visualTiles().get(0)).containsExactly(0, 1);
    assertThatThrownBy(() -> image.visualTiles().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void tilesNeedAVisualVectorOfTheirDimension() {
    assertThatThrownBy(() -> new IndexedImage(id(1), PAYLOAD, Map.of(TEXTUAL, new float[] {1, 0}),
        List.of(new float[] {0, 1})))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no visual vector");
    assertThatThrownBy(() -> new IndexedImage(id(1), PAYLOAD, Map.of(VISUAL, new float[] {1, 0}),
        List.of(new float[] {0, 1, 0})))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 dimensions");
  }
}
