package dev.imagerag.logic.chat;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.store.SearchFilter;
import dev.imagerag.support.Checks;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A question to answer from the library.
 *
 * @param text the question
 * @param conversationId the conversation it continues, or null to start one
 * @param filter retrieval considers only images matching it
 * @param selection when not empty, retrieval considers only these images (the user asks about a
 *     selection), ranked by the question; the filter is then ignored: the user chose the images
 * @param maxImages images to send, 1..{@link ChatSettings#MAX_IMAGES}, or 0 for the settings' number
 */
public record ChatQuestion(String text, Long conversationId, SearchFilter filter, Set<ImageId> selection,
    int maxImages) {

  public ChatQuestion {
    Checks.requireNonBlank(text, "question");
    text = text.strip();
    filter = Objects.requireNonNullElse(filter, SearchFilter.NONE);
    selection = selection == null ? Set.of() : java.util.Collections.unmodifiableSet(new LinkedHashSet<>(selection));
    if (maxImages != 0) {
      Checks.requireInRange(maxImages, 1, ChatSettings.MAX_IMAGES, "maxImages");
    }
  }

  public static ChatQuestion of(String text) {
    return new ChatQuestion(text, null, SearchFilter.NONE, Set.of(), 0);
  }

  public ChatQuestion inConversation(Long id) {
    return new ChatQuestion(text, id, filter, selection, maxImages);
  }

  public ChatQuestion withFilter(SearchFilter value) {
    return new ChatQuestion(text, conversationId, value, selection, maxImages);
  }

  public ChatQuestion aboutSelection(Collection<ImageId> ids) {
    return new ChatQuestion(text, conversationId, filter, new LinkedHashSet<>(ids), maxImages);
  }

  public ChatQuestion withMaxImages(int value) {
    return new ChatQuestion(text, conversationId, filter, selection, value);
  }
}
