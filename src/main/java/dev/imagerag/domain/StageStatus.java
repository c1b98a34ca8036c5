package dev.imagerag.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The state of one stage for one image.
 *
 * @param version the stage/model version that produced a done state; null before that
 * @param reason a message a user can act on for failed and skipped states; null otherwise
 */
public record StageStatus(
    String stage, StageState state, String version, String reason, Instant updatedAt) {
  public StageStatus {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(state, "state");
  }
}
