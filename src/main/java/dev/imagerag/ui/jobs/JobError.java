package dev.imagerag.ui.jobs;

import java.util.Objects;

/**
 * Something that went wrong in background work, for the errors list.
 *
 * @param stage the stage label ("Import", "Visual embedding", ...)
 * @param item the file or image concerned, or empty
 * @param message what happened, in words a user can act on
 */
public record JobError(String stage, String item, String message) {
  public JobError {
    Objects.requireNonNull(stage, "stage");
    item = item == null ? "" : item;
    message = message == null ? "" : message;
  }
}
