package dev.imagerag.ui.detail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.SearchHit;
import dev.imagerag.domain.SearchMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageDetailsTest {

  private static SearchHit hit(int rank, char digit, double score) {
    return new SearchHit(rank, ImageId.of(String.valueOf(digit).repeat(64)), List.of("/photos/" + digit + ".jpg"),
        score, SearchMode.VISUAL, List.of(), List.of(), List.of());
  }

  @Test
  void theSimilarStripLeavesOutImagesWithNoPositiveSimilarity() {
    List<ImageDetails.Neighbour> similar = new ArrayList<>();
    List<ImageDetails.Neighbour> duplicates = new ArrayList<>();

    ImageDetails.sortNeighbours(List.of(hit(1, 'a', 0.97), hit(2, 'b', 0.41), hit(3, 'c', 0.0), hit(4, 'd', -0.12)),
        0.95, similar, duplicates);

    assertThat(duplicates).extracting(ImageDetails.Neighbour::path).containsExactly("/photos/a.jpg");
    assertThat(similar).extracting(ImageDetails.Neighbour::path).containsExactly("/photos/b.jpg");
  }
}
