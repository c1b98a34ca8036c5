package dev.imagerag.ui.detail;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.ImageRecord;
import dev.imagerag.domain.StageState;
import dev.imagerag.domain.StageStatus;
import dev.imagerag.logic.ingest.ImportRequest;
import dev.imagerag.support.ByteSizes;
import dev.imagerag.ui.common.DesktopActions;
import dev.imagerag.ui.common.LibrarySession;
import dev.imagerag.ui.common.NotificationsViewModel;
import dev.imagerag.ui.common.UiTasks;
import dev.imagerag.ui.jobs.JobsViewModel;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The detail view of one image: its caption, recognised text (query words highlighted), tags,
 * facts, the state of every stage (failed ones can be retried), near-duplicates, and a strip of
 * similar images to walk through, with back/forward history. UI thread only.
 */
public final class DetailViewModel {
  /** What the detail view shows. */
  public enum State { HIDDEN, LOADING, SHOWN, FAILED }

  /** One labelled fact ("Size", "4000 × 3000 · 2.9 MiB"). */
  public record Fact(String label, String value) { }

  /** One stage of the image: its state in words, the reason when it failed or was skipped. */
  public record StageLine(String stage, String state, String reason, boolean retryable) { }

  private final LibrarySession session;
  private final UiTasks tasks;
  private final JobsViewModel jobs;
  private final NotificationsViewModel notices;
  private final DesktopActions desktop;
  private final ZoneId zone;
  private final History history = new History();
  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.HIDDEN);
  private final ReadOnlyObjectWrapper<ImageId> id = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper imagePath = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper ocrText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper similarNote = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper canBack = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper canForward = new ReadOnlyBooleanWrapper();
  private final ObservableList<String> tags = FXCollections.observableArrayList();
  private final ObservableList<String> tagsView = FXCollections.unmodifiableObservableList(tags);
  private final ObservableList<String> paths = FXCollections.observableArrayList();
  private final ObservableList<String> pathsView = FXCollections.unmodifiableObservableList(paths);
  private final ObservableList<Fact> facts = FXCollections.observableArrayList();
  private final ObservableList<Fact> factsView = FXCollections.unmodifiableObservableList(facts);
  private final ObservableList<StageLine> stages = FXCollections.observableArrayList();
  private final ObservableList<StageLine> stagesView = FXCollections.unmodifiableObservableList(stages);
  private final ObservableList<ImageDetails.Neighbour> similar = FXCollections.observableArrayList();
  private final ObservableList<ImageDetails.Neighbour> similarView = FXCollections.unmodifiableObservableList(similar);
  private final ObservableList<ImageDetails.Neighbour> duplicates = FXCollections.observableArrayList();
  private final ObservableList<ImageDetails.Neighbour> duplicatesView = FXCollections.unmodifiableObservableList(duplicates);
  private final ObservableList<String> highlight = FXCollections.observableArrayList();
  private final ObservableList<String> highlightView = FXCollections.unmodifiableObservableList(highlight);
  private long generation;

  public DetailViewModel(LibrarySession session, UiTasks tasks, JobsViewModel jobs, NotificationsViewModel notices,
      DesktopActions desktop, ZoneId zone) {
    this.session = session;
    this.tasks = tasks;
    this.jobs = jobs;
    this.notices = notices;
    this.desktop = desktop;
    this.zone = zone;
  }

  /** Opens an image from the gallery; {@code words} are highlighted in its text. */
  public void open(ImageId image, List<String> words) {
    highlight.setAll(words);
    history.push(image);
    load(image);
  }

  /** Walks to a similar image (it joins the history). */
  public void openSimilar(ImageId image) {
    history.push(image);
    load(image);
  }

  public void back() {
    history.back().ifPresent(this::load);
  }

  public void forward() {
    history.forward().ifPresent(this::load);
  }

  public void close() {
    generation++;
    history.clear();
    updateHistory();
    state.set(State.HIDDEN);
  }

  /** Loads the current image again (after a retry finished, say). */
  public void refresh() {
    if (id.get() != null && state.get() != State.HIDDEN) {
      load(id.get());
    }
  }

  private void load(ImageId image) {
    long mine = ++generation;
    updateHistory();
    id.set(image);
    state.set(State.LOADING);
    tasks.run(() -> ImageDetails.load(session.library(), image), details -> {
      if (mine == generation) {
        show(details);
      }
    }, failure -> {
      if (mine == generation) {
        state.set(State.FAILED);
        message.set(dev.imagerag.ui.common.Problems.message(failure));
      }
    });
  }

  private void show(ImageDetails d) {
    if (d.record() == null || d.paths().isEmpty()) {
      state.set(State.FAILED);
      message.set("This image is no longer in the library.");
      return;
    }
    String path = d.paths().get(0);
    title.set(Path.of(path).getFileName().toString());
    imagePath.set(path);
    caption.set(d.texts().getOrDefault("caption", ""));
    ocrText.set(d.texts().getOrDefault("ocr", ""));
    tags.setAll(d.tags());
    paths.setAll(d.paths());
    facts.setAll(facts(d.record(), d.paths()));
    stages.setAll(d.stages().stream().map(DetailViewModel::line).toList());
    similar.setAll(d.similar());
    duplicates.setAll(d.duplicates());
    similarNote.set(d.similarNote());
    state.set(State.SHOWN);
  }

  private List<Fact> facts(ImageRecord r, List<String> filePaths) {
    DateTimeFormatter format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withZone(zone);
    List<Fact> list = new ArrayList<>();
    list.add(new Fact("Size", String.format("%,d × %,d · %s · %s", r.width(), r.height(),
        r.format().id().toUpperCase(Locale.ROOT), ByteSizes.format(r.sizeBytes()))));
    if (r.capturedAt() != null) {
      list.add(new Fact("Taken", format.format(r.capturedAt())));
    }
    list.add(new Fact("Modified", format.format(r.fileTime())));
    list.add(new Fact("Added", format.format(r.addedAt())));
    list.add(new Fact(filePaths.size() == 1 ? "File" : "Files", String.join("\n", filePaths)));
    list.add(new Fact("Id", r.id().hex()));
    return list;
  }

  private static StageLine line(StageStatus s) {
    String reason = s.reason() == null ? "" : s.reason();
    return new StageLine(s.stage(), s.state().id(), reason,
        s.state() == StageState.FAILED);
  }

  /** Queues one stage of this image again and runs it; the view refreshes when the run ends. */
  public void retry(StageLine line) {
    ImageId image = id.get();
    if (image == null) {
      return;
    }
    tasks.run(() -> session.library().catalog().requeueImages(line.stage(), List.of(image)), n -> {
      jobs.submit(ImportRequest.resume());
      notices.info("Retrying " + line.stage() + " for " + title.get());
      jobs.whenIdle(this::refresh);
    }, failure -> notices.error("Could not retry", failure));
  }

  public void openFile() {
    if (!imagePath.get().isEmpty()) {
      desktop.open(Path.of(imagePath.get()));
    }
  }

  public void showInFolder() {
    if (!imagePath.get().isEmpty()) {
      desktop.showInFolder(Path.of(imagePath.get()));
    }
  }

  public void copyText() {
    if (!ocrText.get().isBlank()) {
      desktop.copyText(ocrText.get());
      notices.info("Copied the recognised text");
    }
  }

  private void updateHistory() {
    canBack.set(history.canBack());
    canForward.set(history.canForward());
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<ImageId> idProperty() {
    return id.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty titleProperty() {
    return title.getReadOnlyProperty();
  }

  /** The original file, for the view to load (downscaled, off the UI thread). */
  public ReadOnlyStringProperty imagePathProperty() {
    return imagePath.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty captionProperty() {
    return caption.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty ocrTextProperty() {
    return ocrText.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty similarNoteProperty() {
    return similarNote.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canBackProperty() {
    return canBack.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canForwardProperty() {
    return canForward.getReadOnlyProperty();
  }

  public ObservableList<String> tags() {
    return tagsView;
  }

  public ObservableList<String> paths() {
    return pathsView;
  }

  public ObservableList<Fact> facts() {
    return factsView;
  }

  public ObservableList<StageLine> stages() {
    return stagesView;
  }

  public ObservableList<ImageDetails.Neighbour> similar() {
    return similarView;
  }

  public ObservableList<ImageDetails.Neighbour> duplicates() {
    return duplicatesView;
  }

  /** Query words to highlight in the recognised text. */
  public ObservableList<String> highlight() {
    return highlightView;
  }
}
