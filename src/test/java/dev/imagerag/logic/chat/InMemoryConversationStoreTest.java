package dev.imagerag.logic.chat;

class InMemoryConversationStoreTest extends ConversationStoreContract {
  private final InMemoryConversationStore store = new InMemoryConversationStore();

  @Override
  protected ConversationStore store() {
    return store;
  }
}
