package dev.imagerag.logic.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TilingTest {

  private static OcrWord word(String text, int x, int y, int w, int h, double confidence) {
    return new OcrWord(text, x, y, w, h, confidence);
  }

  @Test
  void anOrdinaryImageIsOneTile() {
    assertThat(Tiling.plan(2560, 1440)).containsExactly(new Tile(0, 0, 2560, 1440));
  }

  @Test
  void aLongImageIsCutIntoOverlappingTilesThatCoverIt() {
    List<Tile> tiles = Tiling.plan(10500, 2625);

    assertThat(tiles).hasSizeGreaterThan(1);
    assertThat(tiles).allSatisfy(t -> assertThat(t.width()).isLessThanOrEqualTo(Tiling.TILE_SIDE + Tiling.OVERLAP));
    assertThat(tiles.get(0).x()).isZero();
    assertThat(tiles.get(tiles.size() - 1).right()).isEqualTo(10500);
    for (int i = 1; i < tiles.size(); i++) {
      assertThat(tiles.get(i - 1).right() - tiles.get(i).x()).isGreaterThanOrEqualTo(Tiling.OVERLAP);
    }
  }

  @Test
  void aWordFoundInBothTilesOfAnOverlapIsKeptOnceAsTheWholeCopy() {
    Tile left = new Tile(0, 0, 1000, 500);
    Tile right = new Tile(800, 0, 1000, 500);
    OcrWord cutOff = word("refu", 950, 100, 50, 20, 0.8);
    OcrWord whole = word("refused", 950, 100, 90, 20, 0.95);

    List<OcrWord> merged = Tiling.merge(List.of(
        new Tiling.TileWords(left, List.of(cutOff)), new Tiling.TileWords(right, List.of(whole))), 1800, 500);

    assertThat(merged).containsExactly(whole);
  }

  @Test
  void wordsInTheOverlapFoundTwiceAreKeptOnce() {
    Tile left = new Tile(0, 0, 1000, 500);
    Tile right = new Tile(800, 0, 1000, 500);
    OcrWord a = word("port", 850, 300, 60, 20, 0.9);
    OcrWord b = word("port", 851, 300, 60, 20, 0.96);

    List<OcrWord> merged = Tiling.merge(List.of(
        new Tiling.TileWords(left, List.of(a)), new Tiling.TileWords(right, List.of(b))), 1800, 500);

    assertThat(merged).containsExactly(b);
  }

  @Test
  void differentWordsOfDifferentTilesAllStayInReadingOrder() {
    Tile left = new Tile(0, 0, 1000, 500);
    Tile right = new Tile(800, 0, 1000, 500);
    OcrWord second = word("second", 1500, 300, 80, 20, 0.9);
    OcrWord first = word("first", 100, 50, 60, 20, 0.9);

    List<OcrWord> merged = Tiling.merge(List.of(
        new Tiling.TileWords(left, List.of(first)), new Tiling.TileWords(right, List.of(second))), 1800, 500);

    assertThat(merged).containsExactly(first, second);
  }
}
