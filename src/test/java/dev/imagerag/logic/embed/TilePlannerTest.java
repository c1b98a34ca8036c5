package dev.imagerag.logic.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which images the visual stage tiles, and how: pure arithmetic on sizes. */
class TilePlannerTest {
  private static final int CLIP = 224;

  @ParameterizedTest(name = "{0}x{1}: {2}")
  @CsvSource({
      // Ordinary photos and screens: the whole-image vector is enough.
      "4032, 3024, phone photo (12 MP)",
      "6000, 4000, 24 MP camera",
      "6240, 4160, 26 MP camera",
      "3840, 2160, 4K screenshot",
      "3440, 1440, 21:9 screenshot (aspect 2.39)",
      "2480, 3508, A4 page at 300 dpi",
      // Wide but too small for a tile to show more than the whole image does.
      "1000, 300, banner with a short side under twice the input",
      "1800, 500, wide banner under a megapixel",
      "120, 90, thumbnail"
  })
  void ordinaryImagesAreNotTiled(int width, int height, String what) {
    assertThat(TilePlanner.isVeryLarge(width, height, CLIP)).as(what).isFalse();
    assertThat(TilePlanner.plan(width, height, CLIP)).as(what).isEmpty();
  }

  @ParameterizedTest(name = "{0}x{1}: {2}")
  @CsvSource({
      "9000, 3000, panorama",
      "3000, 9000, portrait panorama",
      "5120, 1440, 32:9 screenshot",
      "600, 3000, long receipt",
      "6720, 4480, 30 MP camera",
      "4961, 7016, A2 page at 300 dpi (35 MP)",
      "9933, 14043, A0 plan at 300 dpi (140 MP)",
      "20000, 500, extreme strip"
  })
  void veryLargeImagesAreCoveredByOverlappingSquareTiles(int width, int height, String what) {
    List<TileRect> tiles = TilePlanner.plan(width, height, CLIP);

    assertThat(TilePlanner.isVeryLarge(width, height, CLIP)).as(what).isTrue();
    assertThat(tiles).as(what).hasSizeBetween(2, TilePlanner.MAX_TILES);
    int side = tiles.get(0).width();
    assertThat(side).as("tile side of %s", what)
        .isGreaterThanOrEqualTo(TilePlanner.MIN_SHORT_SIDE_INPUTS * CLIP)
        .isLessThanOrEqualTo(Math.min(width, height));
    assertThat(tiles).allSatisfy(tile -> {
      assertThat(tile.width()).isEqualTo(side);
      assertThat(tile.height()).isEqualTo(side);
      assertThat(tile.right()).isLessThanOrEqualTo(width);
      assertThat(tile.bottom()).isLessThanOrEqualTo(height);
    });
    assertThat(tiles).as("tiles are distinct").doesNotHaveDuplicates();
  }

  @Test
  void aPanoramaIsOneRowOfFullHeightTilesThatCoverItWithOverlap() {
    List<TileRect> tiles = TilePlanner.plan(8000, 2000, CLIP);

    // Two rows would make tiles of 1,067 px in 18 tiles, over the cap: one row of 2,000 px.
    assertThat(tiles).hasSize(5).allSatisfy(tile -> {
      assertThat(tile.y()).isZero();
      assertThat(tile.height()).isEqualTo(2000);
    });
    assertThat(tiles.get(0).x()).isZero();
    assertThat(tiles.get(tiles.size() - 1).right()).isEqualTo(8000);
    assertCoveredWithOverlap(tiles, 8000, 2000);
  }

  @Test
  void aPlanIsTiledInRowsAndColumnsWithinTheCap() {
    List<TileRect> tiles = TilePlanner.plan(9933, 14043, CLIP);

    // Three columns of ~3,600 px over the short side, five rows over the long one: 15 tiles.
    assertThat(tiles).hasSize(15);
    assertThat(tiles.stream().map(TileRect::x).distinct()).hasSize(3);
    assertThat(tiles.stream().map(TileRect::y).distinct()).hasSize(5);
    assertThat(tiles.get(0).width()).isBetween(3500, 3700);
    assertCoveredWithOverlap(tiles, 9933, 14043);
    // Row by row from the top left.
    assertThat(tiles.get(0)).extracting(TileRect::x, TileRect::y).containsExactly(0, 0);
    assertThat(tiles.get(1).y()).isZero();
    assertThat(tiles.get(3).y()).isPositive();
  }

  @Test
  void tilesKeepAtLeastFourInputsASideWhenTheShortSideIsSplit() {
    // A 45 MP camera: the short side in three rows of ~2,000 px, not four of ~1,500 (28 tiles).
    List<TileRect> tiles = TilePlanner.plan(8256, 5504, CLIP);

    assertThat(tiles).hasSize(15);
    assertThat(tiles.get(0).width()).isGreaterThanOrEqualTo(TilePlanner.MIN_TILE_INPUTS * CLIP);
    assertCoveredWithOverlap(tiles, 8256, 5504);
  }

  @Test
  void anExtremeStripGetsTheMostTilesSpreadEvenlyEndToEnd() {
    List<TileRect> tiles = TilePlanner.plan(20000, 500, CLIP);

    assertThat(tiles).hasSize(TilePlanner.MAX_TILES);
    assertThat(tiles.get(0).x()).isZero();
    assertThat(tiles.get(tiles.size() - 1).right()).isEqualTo(20000);
    assertThat(tiles.get(1).x() - tiles.get(0).x()).isEqualTo(1300);
  }

  @Test
  void aLargerModelInputMakesFewerLargerTiles() {
    // 30 MP square: four rows of 1,518 px for 224 inputs, but 1,518 < 4 × 384, so three rows.
    List<TileRect> small = TilePlanner.plan(5500, 5500, CLIP);
    List<TileRect> large = TilePlanner.plan(5500, 5500, 384);

    assertThat(small).hasSize(16);
    assertThat(large).hasSize(9);
    assertThat(large.get(0).width()).isGreaterThan(small.get(0).width());
    assertThat(TilePlanner.isVeryLarge(2000, 700, CLIP)).isTrue();
    assertThat(TilePlanner.isVeryLarge(2000, 700, 384)).as("short side under 2 × 384").isFalse();
  }

  @Test
  void tilingOffTilesNothing() {
    assertThat(TilePlanner.plan(9933, 14043, CLIP, TileSettings.OFF)).isEmpty();
    assertThat(TilePlanner.plan(9000, 3000, CLIP, TileSettings.OFF)).isEmpty();
  }

  @Test
  void aLowerThresholdTilesOrdinaryPhotos() {
    TileSettings from12Mp = TileSettings.DEFAULTS.withMinPixels(12_000_000L);

    // 4032×3024: three rows of ~1,100 px (four would be under 4 × 224), five columns.
    List<TileRect> tiles = TilePlanner.plan(4032, 3024, CLIP, from12Mp);

    assertThat(tiles).hasSize(15);
    assertThat(tiles.get(0).width()).isGreaterThanOrEqualTo(TilePlanner.MIN_TILE_INPUTS * CLIP);
    assertCoveredWithOverlap(tiles, 4032, 3024);
    assertThat(TilePlanner.plan(3840, 2160, CLIP, from12Mp)).as("8 MP").isEmpty();
  }

  @Test
  void thePanoramaThresholdIsASetting() {
    TileSettings from2Mp = new TileSettings(true, 30_000_000L, 2_000_000L);

    assertThat(TilePlanner.isVeryLarge(2400, 600, CLIP)).as("1.4 MP panorama, default").isTrue();
    assertThat(TilePlanner.isVeryLarge(2400, 600, CLIP, from2Mp)).isFalse();
    assertThat(TilePlanner.isVeryLarge(5120, 1440, CLIP, from2Mp)).isTrue();
  }

  @Test
  void thresholdsMustBePositive() {
    assertThatThrownBy(() -> new TileSettings(true, 0, 1_000_000L))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
  }

  @Test
  void nonsenseSizesAreRefused() {
    assertThatThrownBy(() -> TilePlanner.plan(0, 100, CLIP)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TilePlanner.plan(100, 100, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTileScalesToAReducedDecodeRoundingOutwards() {
    TileRect tile = new TileRect(3001, 1000, 2000, 2000);

    // A 9000×3000 image decoded at a third of its size (3000×1000).
    assertThat(tile.scaled(9000, 3000, 3000, 1000)).isEqualTo(new TileRect(1000, 333, 667, 667));
    // Decoders round odd sizes up: the edge stays inside the decoded pixels.
    assertThat(new TileRect(7000, 1000, 2000, 2000).scaled(9000, 3000, 4500, 1500))
        .isEqualTo(new TileRect(3500, 500, 1000, 1000));
    assertThat(new TileRect(8000, 0, 1000, 3000).scaled(9000, 3000, 3001, 1001).right()).isLessThanOrEqualTo(3001);
  }

  /** Every pixel is in a tile, and neighbours share at least an eighth of the tile side. */
  private static void assertCoveredWithOverlap(List<TileRect> tiles, int width, int height) {
    int side = tiles.get(0).width();
    List<Integer> xs = tiles.stream().map(TileRect::x).distinct().sorted().toList();
    List<Integer> ys = tiles.stream().map(TileRect::y).distinct().sorted().toList();
    assertThat(xs.get(0)).isZero();
    assertThat(ys.get(0)).isZero();
    assertThat(xs.get(xs.size() - 1) + side).isEqualTo(width);
    assertThat(ys.get(ys.size() - 1) + side).isEqualTo(height);
    assertThat(tiles).hasSize(xs.size() * ys.size());
    for (List<Integer> starts : List.of(xs, ys)) {
      for (int i = 1; i < starts.size(); i++) {
        assertThat(side - (starts.get(i) - starts.get(i - 1))).as("overlap").isGreaterThanOrEqualTo(side / 8);
      }
    }
  }
}
