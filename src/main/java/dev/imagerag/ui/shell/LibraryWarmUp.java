package dev.imagerag.ui.shell;

import dev.imagerag.domain.StageState;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.search.Encoders;
import java.util.List;
import java.util.Map;

/**
 * What happens in the background once a library is open: the query encoders are loaded (so the
 * first search does not wait for them), and queued work left by an interrupted run is counted so
 * the window can resume it. Blocks for seconds: off the UI thread.
 */
final class LibraryWarmUp {
  private LibraryWarmUp() {}

  /** Loads the encoders; returns how many stage items are pending or were left running. */
  static long run(Library library) {
    long pending = 0;
    for (Map<StageState, Long> counts : library.catalog().stageCounts().values()) {
      pending += counts.getOrDefault(StageState.PENDING, 0L) + counts.getOrDefault(StageState.RUNNING, 0L);
    }
    try {
      Encoders encoders = library.search().encoders();
      if (encoders.texts() != null) {
        encoders.texts().embedTexts(List.of("warm up"));
      }
      if (encoders.visualTexts() != null) {
        encoders.visualTexts().embedTexts(List.of("warm up"));
      }
    } catch (RuntimeException e) {
      // A model that cannot load says so at the first search, with its reason.
    }
    return pending;
  }
}
