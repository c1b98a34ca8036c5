package dev.imagerag.logic.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.search.DuplicateGroups.Group;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Near-duplicates in a ranked list are shown once, by their best member. */
class DuplicateGroupsTest {
  private static final double THRESHOLD = 0.95;
  private final Map<ImageId, float[]> vectors = new HashMap<>();
  private final Map<ImageId, Integer> pixels = new HashMap<>();

  private static ImageId id(int n) {
    return new ImageId(String.format("%064x", n));
  }

  /** Image n with a vector at {@code degrees} from the x axis in the plane, and a pixel count. */
  private ImageId image(int n, double degrees, int pixelCount) {
    double radians = Math.toRadians(degrees);
    vectors.put(id(n), new float[] {(float) Math.cos(radians), (float) Math.sin(radians), 0});
    pixels.put(id(n), pixelCount);
    return id(n);
  }

  private List<Group> group(ImageId... ranked) {
    Comparator<ImageId> larger = Comparator.comparingInt(pixels::get);
    return DuplicateGroups.of(List.of(ranked), vectors::get, THRESHOLD, larger);
  }

  @Test
  void aNearDuplicateJoinsTheGroupOfTheImageItResembles() {
    ImageId photo = image(1, 0, 100);
    ImageId copy = image(2, 10, 100); // cos 10° = 0.985
    ImageId other = image(3, 90, 100);

    List<Group> groups = group(photo, copy, other);

    assertThat(groups).extracting(Group::members).containsExactly(List.of(photo, copy), List.of(other));
  }

  @Test
  void theBetterMemberRepresentsTheGroupEvenWhenRankedLower() {
    ImageId small = image(1, 0, 100);
    ImageId large = image(2, 5, 400);

    Group group = group(small, large).get(0);

    assertThat(group.representative()).isEqualTo(large);
    assertThat(group.others()).containsExactly(small);
  }

  @Test
  void equallyGoodMembersKeepTheHigherRankedOneInFront() {
    ImageId first = image(1, 0, 100);
    ImageId second = image(2, 5, 100);

    assertThat(group(first, second).get(0).representative()).isEqualTo(first);
  }

  @Test
  void similarityBelowTheThresholdKeepsImagesApart() {
    ImageId a = image(1, 0, 100);
    ImageId b = image(2, 20, 100); // cos 20° = 0.940

    assertThat(group(a, b)).hasSize(2);
  }

  @Test
  void groupsKeepTheRankOfTheirFirstMember() {
    ImageId a = image(1, 0, 100);
    ImageId b = image(2, 90, 100);
    ImageId aCopy = image(3, 3, 100);
    ImageId c = image(4, 180, 100);

    assertThat(group(a, b, aCopy, c)).extracting(Group::representative).containsExactly(a, b, c);
  }

  @Test
  void imagesWithoutAVisualVectorStayAlone() {
    ImageId a = image(1, 0, 100);
    ImageId textOnly = id(9);
    ImageId otherTextOnly = id(10);
    pixels.put(textOnly, 100);
    pixels.put(otherTextOnly, 100);

    assertThat(group(a, textOnly, otherTextOnly)).hasSize(3);
  }

  @Test
  void vectorsAreComparedByDirectionNotLength() {
    ImageId a = image(1, 0, 100);
    ImageId b = image(2, 5, 100);
    float[] longer = vectors.get(b).clone();
    for (int i = 0; i < longer.length; i++) {
      longer[i] *= 7;
    }
    vectors.put(b, longer);

    assertThat(group(a, b)).hasSize(1);
  }
}
