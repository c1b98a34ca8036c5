package dev.imagerag.logic.chat;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the time of one answer went, each measured from the moment the question was asked.
 *
 * @param retrieval until the images were chosen (search and catalog reads)
 * @param images until the chosen images were decoded and encoded
 * @param firstToken until the first piece of the answer arrived, or null when none did
 * @param total until the answer was complete and saved
 */
public record ChatTimings(Duration retrieval, Duration images, Duration firstToken, Duration total) {
  public ChatTimings {
    Objects.requireNonNull(retrieval, "retrieval");
    Objects.requireNonNull(images, "images");
    Objects.requireNonNull(total, "total");
  }
}
