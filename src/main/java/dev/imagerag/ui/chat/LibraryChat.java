package dev.imagerag.ui.chat;

import dev.imagerag.logic.chat.ChatOpener;
import dev.imagerag.logic.chat.ChatService;
import dev.imagerag.logic.chat.ChatSettings;
import dev.imagerag.logic.chat.InMemoryConversationStore;
import dev.imagerag.logic.library.Library;
import dev.imagerag.ui.common.LibrarySession;
import java.util.Objects;

/**
 * The chat of the library the session has open, made at first use and again when the session
 * opens another library (the previous one is closed). Without an opener, answers are
 * retrieval-only and conversations last as long as the window. Thread-safe.
 */
final class LibraryChat {
  private final LibrarySession session;
  private ChatOpener opener;
  private ChatService service;
  private Library library;

  LibraryChat(LibrarySession session) {
    this.session = session;
  }

  synchronized void use(ChatOpener value) {
    opener = Objects.requireNonNull(value, "opener");
    closeService();
  }

  /** Blocks (reads the settings file) when the library changed; throws when none is open. */
  synchronized ChatService current() {
    Library open = session.library();
    if (service == null || library != open) {
      closeService();
      service = opener != null ? opener.open(open) : new ChatService(open.search(), open.catalog(),
          session.decoder(), null, new InMemoryConversationStore(), ChatSettings.DEFAULTS);
      library = open;
    }
    return service;
  }

  synchronized void close() {
    closeService();
  }

  private void closeService() {
    if (service != null) {
      service.close();
    }
    service = null;
    library = null;
  }
}
