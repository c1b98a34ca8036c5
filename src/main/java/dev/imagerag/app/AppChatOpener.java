package dev.imagerag.app;

import dev.imagerag.infra.catalog.SqliteCatalog;
import dev.imagerag.infra.catalog.SqliteConversationStore;
import dev.imagerag.infra.files.ImageIoDecoder;
import dev.imagerag.infra.files.JsonSettingsStore;
import dev.imagerag.infra.openai.OpenAiChatModel;
import dev.imagerag.logic.chat.ChatOpener;
import dev.imagerag.logic.chat.ChatService;
import dev.imagerag.logic.chat.ChatSettings;
import dev.imagerag.logic.chat.ConversationStore;
import dev.imagerag.logic.chat.InMemoryConversationStore;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.settings.Settings;
import java.util.Map;

/**
 * Wires the chat of an open library: the {@code chat} settings resolved against the caption ones,
 * the OpenAI-compatible model when one is configured (else none: retrieval-only answers, no
 * connection), and the conversations kept in the library's catalog.
 */
public final class AppChatOpener implements ChatOpener {
  private final Map<String, String> env;

  /** @param env the process environment (for {@code OPENAI_API_KEY}) */
  public AppChatOpener(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  @Override
  public ChatService open(Library library) {
    Settings settings = new JsonSettingsStore(library.paths().settingsFile()).load();
    ChatSettings chat = settings.chat().resolve(settings.captions());
    ConversationStore conversations = library.catalog() instanceof SqliteCatalog sqlite
        ? SqliteConversationStore.of(sqlite) : new InMemoryConversationStore();
    OpenAiChatModel model = chat.generates() ? new OpenAiChatModel(chat, env) : null;
    ChatService service = new ChatService(library.search(), library.catalog(), new ImageIoDecoder(), model,
        conversations, chat);
    return model == null ? service : service.alsoClosing(model);
  }
}
