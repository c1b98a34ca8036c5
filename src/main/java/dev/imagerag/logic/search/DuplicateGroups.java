package dev.imagerag.logic.search;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.embed.Vectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Groups near-duplicates in a ranked list: walking best first, an image joins the first earlier
 * group whose first member is at least {@code threshold} similar to it (visual cosine), else it
 * starts a group. Images without a visual vector stay alone. Each group is shown once, at its best
 * rank, by its best member ({@code better}: e.g. largest resolution, then sharpest).
 */
public final class DuplicateGroups {
  private DuplicateGroups() {}

  /** A group in rank order; {@code representative} is its best member. */
  public record Group(ImageId representative, List<ImageId> members) {
    public List<ImageId> others() {
      return members.stream().filter(m -> !m.equals(representative)).toList();
    }
  }

  public static List<Group> of(
      List<ImageId> ranked, Function<ImageId, float[]> visual, double threshold, Comparator<ImageId> better) {
    List<List<ImageId>> groups = new ArrayList<>();
    List<float[]> leaders = new ArrayList<>();
    for (ImageId id : ranked) {
      float[] vector = visual.apply(id);
      int joined = -1;
      if (vector != null) {
        float[] unit = Vectors.normalized(vector);
        for (int g = 0; g < groups.size(); g++) {
          if (leaders.get(g) != null && Vectors.dot(unit, leaders.get(g)) >= threshold) {
            joined = g;
            break;
          }
        }
        if (joined < 0) {
          leaders.add(unit);
        }
      } else {
        leaders.add(null);
      }
      if (joined >= 0) {
        groups.get(joined).add(id);
      } else {
        List<ImageId> group = new ArrayList<>();
        group.add(id);
        groups.add(group);
      }
    }
    List<Group> result = new ArrayList<>(groups.size());
    for (List<ImageId> members : groups) {
      ImageId best = members.size() == 1 ? members.get(0) : members.stream().max(better).orElseThrow();
      result.add(new Group(best, members));
    }
    return result;
  }
}
