package dev.imagerag.ui.common;

import dev.imagerag.domain.ImageRagException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns failures into what the window says: a sentence for the user, and details on request. */
public final class Problems {
  private Problems() {}

  /** The user message: an {@link ImageRagException}'s own, else the technical message, named. */
  public static String message(Throwable failure) {
    Throwable e = unwrap(failure);
    if (e instanceof ImageRagException || e instanceof IllegalArgumentException) {
      return e.getMessage();
    }
    String text = e.getMessage();
    return text == null || text.isBlank() ? e.getClass().getSimpleName() : text;
  }

  /** The chain of causes, one line each (never stack frames: they help nobody in a toast). */
  public static String details(Throwable failure) {
    StringBuilder out = new StringBuilder();
    Throwable e = unwrap(failure);
    int depth = 0;
    while (e != null && depth++ < 6) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(e.getClass().getSimpleName());
      if (e.getMessage() != null) {
        out.append(": ").append(e.getMessage());
      }
      e = e.getCause() == e ? null : e.getCause();
    }
    return out.toString();
  }

  private static Throwable unwrap(Throwable e) {
    Throwable current = e;
    while ((current instanceof ExecutionException || current instanceof CompletionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
