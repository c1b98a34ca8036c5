package dev.imagerag.ui.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.domain.ImageId;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GallerySelectionTest {
  private static GalleryItem item(int i) {
    String hex = String.format("%064x", i);
    return new GalleryItem(new ImageId(hex), "/p/img" + i + ".jpg", 10, 10, "jpeg", 100, Instant.EPOCH, 0, 0, 0,
        Double.NaN, List.of(), List.of(), List.of());
  }

  private static List<GalleryItem> items(int n) {
    return IntStream.range(0, n).mapToObj(GallerySelectionTest::item).toList();
  }

  private final GallerySelection selection = new GallerySelection();

  @Test
  void aClickSelectsOneAndCtrlClickToggles() {
    selection.itemsChanged(items(5));

    selection.click(1, false, false);
    selection.click(3, true, false);
    selection.click(1, true, false);

    assertThat(selection.selectedItems()).extracting(GalleryItem::path).containsExactly("/p/img3.jpg");
    assertThat(selection.focusProperty().get()).isEqualTo(1);
  }

  @Test
  void shiftClickSelectsTheRangeFromTheAnchor() {
    selection.itemsChanged(items(6));

    selection.click(4, false, false);
    selection.click(1, false, true);

    assertThat(selection.selectedItems()).hasSize(4);
    assertThat(selection.isSelected(item(1).id())).isTrue();
    assertThat(selection.isSelected(item(4).id())).isTrue();
    assertThat(selection.isSelected(item(5).id())).isFalse();
  }

  @Test
  void arrowsMoveTheFocusAndShiftArrowsExtend() {
    selection.itemsChanged(items(10));

    selection.move(1, false);
    selection.move(4, false);
    selection.move(1, true);
    selection.move(1, true);

    assertThat(selection.focusProperty().get()).isEqualTo(6);
    assertThat(selection.selectedItems()).extracting(GalleryItem::path)
        .containsExactly("/p/img4.jpg", "/p/img5.jpg", "/p/img6.jpg");
  }

  @Test
  void movesStopAtTheEnds() {
    selection.itemsChanged(items(3));

    selection.move(-5, false);
    assertThat(selection.focusProperty().get()).isZero();
    selection.move(Integer.MAX_VALUE / 2, false);
    assertThat(selection.focusProperty().get()).isEqualTo(2);
  }

  @Test
  void selectAllAndClear() {
    selection.itemsChanged(items(4));

    selection.selectAll();
    assertThat(selection.size()).isEqualTo(4);
    selection.clear();
    assertThat(selection.size()).isZero();
  }

  @Test
  void aReloadKeepsTheSelectionAndFocusByIdentity() {
    selection.itemsChanged(items(5));
    selection.click(2, false, false);
    long before = selection.versionProperty().get();

    selection.itemsChanged(List.of(item(9), item(2), item(0)));

    assertThat(selection.focusProperty().get()).isEqualTo(1);
    assertThat(selection.selectedItems()).extracting(GalleryItem::path).containsExactly("/p/img2.jpg");
    assertThat(selection.versionProperty().get()).isGreaterThan(before);
  }

  @Test
  void imagesThatLeftAreDeselected() {
    selection.itemsChanged(items(3));
    selection.selectAll();

    selection.itemsChanged(List.of(item(0)));

    assertThat(selection.size()).isEqualTo(1);
  }
}
