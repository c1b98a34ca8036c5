package dev.imagerag.domain;

/** Another process holds the library's write lock. */
public final class LibraryInUseException extends ImageRagException {
  private static final long serialVersionUID = 1L;

  public LibraryInUseException(String userMessage) {
    super(userMessage);
  }
}
