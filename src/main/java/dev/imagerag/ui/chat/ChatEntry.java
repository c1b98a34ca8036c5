package dev.imagerag.ui.chat;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.chat.AnswerStatus;
import dev.imagerag.logic.chat.ChatAnswer;
import dev.imagerag.logic.chat.ChatTurn;
import dev.imagerag.logic.chat.SourceImage;
import dev.imagerag.logic.chat.TurnImage;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** One question in the chat pane and its answer as it streams in. UI thread only. */
public final class ChatEntry {
  /** Where the answer stands. */
  public enum Status {
    /** Asked; images being chosen, nothing streamed yet. */
    WAITING,
    /** Pieces of the answer are arriving. */
    STREAMING,
    COMPLETE,
    /** Cut short by the model's token limit or content filter. */
    TRUNCATED,
    /** Stopped by the user; what had arrived is kept. */
    STOPPED,
    /** Failed; what had arrived is kept, with the error. Can be retried. */
    FAILED,
    /** No model was asked: the best images and their matching text. */
    NOT_GENERATED
  }

  /**
   * An image shown with the question.
   *
   * @param cited whether the answer cites it as {@code [Image number]}
   */
  public record ImageRef(int number, ImageId id, String path, double score, boolean cited) {
    public String label() {
      return "[Image " + number + "]";
    }

    public String fileName() {
      int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
      return path.substring(slash + 1);
    }
  }

  private final String question;
  private final ReadOnlyStringWrapper answer = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(Status.WAITING);
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final ObservableList<ImageRef> images = FXCollections.observableArrayList();
  private final ObservableList<String> notices = FXCollections.observableArrayList();
  // Kept: a read-only view listens to its list weakly and would lose its listeners once collected.
  private final ObservableList<ImageRef> imagesView = FXCollections.unmodifiableObservableList(images);
  private final ObservableList<String> noticesView = FXCollections.unmodifiableObservableList(notices);

  ChatEntry(String question) {
    this.question = question;
  }

  /** A turn of a stored conversation, as it ended. */
  static ChatEntry of(ChatTurn turn) {
    ChatEntry entry = new ChatEntry(turn.question());
    entry.answer.set(turn.answer());
    entry.status.set(status(turn.status()));
    entry.error.set(turn.error() == null ? "" : turn.error());
    entry.images.setAll(turn.images().stream().map(ChatEntry::ref).toList());
    return entry;
  }

  void showImages(List<SourceImage> shown) {
    images.setAll(shown.stream().map(i -> new ImageRef(i.number(), i.id(), i.path(), i.score(), false)).toList());
  }

  void append(String piece) {
    if (status.get() == Status.WAITING) {
      status.set(Status.STREAMING);
    }
    answer.set(answer.get() + piece);
  }

  /** The final answer replaces what streamed (they are the same text when nothing was lost). */
  void finish(ChatAnswer done) {
    answer.set(done.text());
    error.set(done.error() == null ? "" : done.error());
    images.setAll(done.turn().images().stream().map(ChatEntry::ref).toList());
    notices.setAll(done.notices());
    status.set(status(done.status()));
  }

  void fail(String message) {
    error.set(message);
    status.set(Status.FAILED);
  }

  private static ImageRef ref(TurnImage image) {
    return new ImageRef(image.number(), image.id(), image.path(), image.score(), image.cited());
  }

  private static Status status(AnswerStatus status) {
    return switch (status) {
      case COMPLETE -> Status.COMPLETE;
      case TRUNCATED -> Status.TRUNCATED;
      case STOPPED -> Status.STOPPED;
      case FAILED -> Status.FAILED;
      case RETRIEVAL_ONLY -> Status.NOT_GENERATED;
    };
  }

  public String question() {
    return question;
  }

  public ReadOnlyStringProperty answerProperty() {
    return answer.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Status> statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** The error's message when the answer failed, else "". */
  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  /** The images shown with the question, by number; {@link ImageRef#cited()} once the answer is in. */
  public ObservableList<ImageRef> images() {
    return imagesView;
  }

  /** The cited images, or all shown ones when the answer cites none (a retrieval-only answer, say). */
  public List<ImageRef> citedOrShown() {
    List<ImageRef> cited = images.stream().filter(ImageRef::cited).toList();
    return cited.isEmpty() ? List.copyOf(images) : cited;
  }

  /** Things to know that are not errors (not saved, an image sent as text only, cut short). */
  public ObservableList<String> notices() {
    return noticesView;
  }

  /** The answer with its cited images' paths, as the Copy button puts it on the clipboard. */
  public String copyText() {
    List<ImageRef> cited = citedOrShown();
    if (cited.isEmpty()) {
      return answer.get();
    }
    return answer.get() + "\n\n" + cited.stream().map(i -> i.label() + " " + i.path())
        .collect(Collectors.joining("\n"));
  }
}
