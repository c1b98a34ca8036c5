package dev.imagerag.logic.catalog;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.StageState;
import java.util.Objects;

/**
 * How one stage ended for one image: done, failed or skipped; failures and skips carry a reason a
 * user can act on.
 */
public record StageResult(ImageId id, StageState state, String reason) {
  public StageResult {
    Objects.requireNonNull(id, "id");
    if (!state.terminal()) {
      throw new IllegalArgumentException("a result must be terminal, got " + state);
    }
  }

  public static StageResult done(ImageId id) {
    return new StageResult(id, StageState.DONE, null);
  }

  public static StageResult failed(ImageId id, String reason) {
    return new StageResult(id, StageState.FAILED, reason);
  }

  /** Failed because none of the image's files exists any more (moved or deleted since import). */
  public static StageResult fileGone(ImageId id) {
    return failed(id, "none of the image's files exists any more");
  }

  public static StageResult skipped(ImageId id, String reason) {
    return new StageResult(id, StageState.SKIPPED, reason);
  }
}
