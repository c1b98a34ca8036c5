package dev.imagerag.ui.jobs;

import dev.imagerag.logic.ingest.ImportOutcome;
import dev.imagerag.logic.ingest.ImportRequest;
import dev.imagerag.logic.ingest.ImportSummary;
import dev.imagerag.logic.ingest.Pipeline;
import dev.imagerag.logic.jobs.JobControl;
import dev.imagerag.logic.jobs.Progress;
import dev.imagerag.logic.jobs.ProgressSnapshot;
import dev.imagerag.logic.jobs.StageProgress;
import dev.imagerag.ui.common.LibrarySession;
import dev.imagerag.ui.common.NotificationsViewModel;
import dev.imagerag.ui.common.UiTasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Background work of the library: pipeline runs (imports, retries, resumed work) one after the
 * other on their own thread, with pause, resume and cancel. The view polls {@link #poll()} (every
 * 200 ms) and shows per-stage progress and the errors; view models submit requests. Requests
 * arriving during a run are merged into the next one. UI thread only, except the run itself.
 */
public final class JobsViewModel {
  static final int MAX_ERRORS = 1_000;

  /** What the background work is doing. */
  public enum State { IDLE, RUNNING, PAUSED, STOPPING }

  private final LibrarySession session;
  private final UiTasks tasks;
  private final NotificationsViewModel notices;
  private final RequestQueue queue = new RequestQueue();
  private final List<Runnable> idleWaiters = new ArrayList<>();
  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
  private final ObservableList<StageRow> rows = FXCollections.observableArrayList();
  private final ObservableList<StageRow> rowsView = FXCollections.unmodifiableObservableList(rows);
  private final ObservableList<JobError> errors = FXCollections.observableArrayList();
  private final ObservableList<JobError> errorsView = FXCollections.unmodifiableObservableList(errors);
  private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper("");
  private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper(0);
  private final ReadOnlyLongWrapper changes = new ReadOnlyLongWrapper(0);
  private final ReadOnlyObjectWrapper<ImportSummary> lastSummary = new ReadOnlyObjectWrapper<>();
  private volatile JobControl control;
  private volatile Progress progress;
  private long changesBefore;
  private int runErrorsShown;

  public JobsViewModel(LibrarySession session, UiTasks tasks, NotificationsViewModel notices) {
    this.session = session;
    this.tasks = tasks;
    this.notices = notices;
  }

  /** Queues a run; starts at once when nothing runs. Read-only libraries refuse with a notice. */
  public void submit(ImportRequest request) {
    if (session.current().map(LibrarySession.Opened::readOnly).orElse(true)) {
      notices.warning("This library is read-only",
          "Another Image RAG process is writing it. Close that process, then reopen the library to import.");
      return;
    }
    queue.add(request);
    if (state.get() == State.IDLE) {
      start();
    }
  }

  private void start() {
    state.set(State.RUNNING);
    Pipeline pipeline = session.library().pipeline();
    tasks.runLong("import-run", () -> {
      drain(pipeline);
      return null;
    }, done -> becameIdle(), failure -> {
      notices.error("Background work stopped", failure);
      becameIdle();
    });
  }

  private void drain(Pipeline pipeline) throws InterruptedException {
    ImportRequest request;
    while ((request = queue.takeMerged()) != null) {
      JobControl runControl = new JobControl();
      Progress runProgress = pipeline.newProgress();
      control = runControl;
      progress = runProgress;
      ImportSummary summary = pipeline.run(request, runControl, runProgress);
      ProgressSnapshot last = runProgress.snapshot();
      tasks.onUi(() -> runFinished(summary, last));
      if (runControl.isCancelled()) {
        queue.clear();
      }
    }
  }

  private void runFinished(ImportSummary summary, ProgressSnapshot snapshot) {
    show(snapshot);
    changesBefore = changes.get();
    runErrorsShown = 0;
    lastSummary.set(summary);
    for (ImportOutcome skipped : summary.skipped()) {
      addError(new JobError("Import", skipped.path(), skipped.skip().toString()));
    }
    summary.errors().forEach(message -> addError(new JobError("Pipeline", "", message)));
    String title = RunReport.title(summary);
    int problems = summary.skipped().size() + summary.errors().size();
    if (problems > 0) {
      notices.show(NotificationsViewModel.Level.WARNING, title,
          String.format("%,d file%s could not be imported", problems, problems == 1 ? "" : "s"),
          "Show errors", this::requestErrors, Duration.ofSeconds(15));
    } else {
      notices.success(title, "");
    }
    changes.set(changes.get() + 1);
  }

  private void becameIdle() {
    control = null;
    progress = null;
    if (!queue.isEmpty() && state.get() != State.STOPPING) {
      start();
      return;
    }
    state.set(State.IDLE);
    headline.set("");
    fraction.set(0);
    List<Runnable> waiting = new ArrayList<>(idleWaiters);
    idleWaiters.clear();
    waiting.forEach(Runnable::run);
  }

  /** Reads the running job's progress into the properties; the view calls it on a timer. */
  public void poll() {
    Progress running = progress;
    if (running != null) {
      show(running.snapshot());
    }
  }

  private void show(ProgressSnapshot snapshot) {
    List<StageRow> now = snapshot.stages().stream().map(StageRow::of).toList();
    if (!now.equals(rows)) {
      rows.setAll(now);
    }
    List<ProgressSnapshot.ProgressError> recent = snapshot.recentErrors();
    for (int i = Math.min(runErrorsShown, recent.size()); i < recent.size(); i++) {
      ProgressSnapshot.ProgressError e = recent.get(i);
      addError(new JobError(StageRow.label(e.stage()), e.item(), e.message()));
    }
    runErrorsShown = recent.size();
    long total = snapshot.totalWork();
    fraction.set(total == 0 ? -1 : (double) snapshot.finishedWork() / total);
    headline.set(headlineOf(snapshot.stages()));
    long finished = snapshot.stages().stream().mapToLong(StageProgress::finished).sum();
    if (changesBefore + finished != changes.get()) {
      changes.set(changesBefore + finished);
    }
  }

  private static String headlineOf(List<StageProgress> stages) {
    for (StageProgress stage : stages) {
      if (stage.active() && stage.finished() < stage.total() || stage.active() && stage.stage().equals("import")) {
        String current = stage.current().isEmpty() ? "" : " — " + stage.current();
        return StageRow.label(stage.stage()) + String.format(" %,d/%,d", stage.finished(), stage.total()) + current;
      }
    }
    return "Finishing…";
  }

  private void addError(JobError error) {
    errors.add(error);
    if (errors.size() > MAX_ERRORS) {
      errors.remove(0, errors.size() - MAX_ERRORS);
    }
  }

  private final ReadOnlyLongWrapper errorRequests = new ReadOnlyLongWrapper(0);

  /** Asks the view to show the errors list (from a notice's button). */
  public void requestErrors() {
    errorRequests.set(errorRequests.get() + 1);
  }

  public void pause() {
    JobControl running = control;
    if (running != null && state.get() == State.RUNNING) {
      running.pause();
      state.set(State.PAUSED);
    }
  }

  public void resume() {
    JobControl running = control;
    if (running != null && state.get() == State.PAUSED) {
      running.resume();
      state.set(State.RUNNING);
    }
  }

  /** Stops the run (work done so far is kept; the rest resumes at the next start) and drops the queue. */
  public void cancel() {
    queue.clear();
    JobControl running = control;
    if (running != null) {
      state.set(State.STOPPING);
      running.cancel();
    }
  }

  /** Runs {@code then} once nothing runs any more: at once when idle. */
  public void whenIdle(Runnable then) {
    if (state.get() == State.IDLE) {
      then.run();
    } else {
      idleWaiters.add(then);
    }
  }

  public void clearErrors() {
    errors.clear();
  }

  public boolean busy() {
    return state.get() != State.IDLE;
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  public ObservableList<StageRow> rows() {
    return rowsView;
  }

  public ObservableList<JobError> errors() {
    return errorsView;
  }

  /** "Visual embedding 30/120 — IMG_0042.jpg" while running, else empty. */
  public ReadOnlyStringProperty headlineProperty() {
    return headline.getReadOnlyProperty();
  }

  /** Overall progress 0..1, or -1 while the amount of work is unknown. */
  public ReadOnlyDoubleProperty fractionProperty() {
    return fraction.getReadOnlyProperty();
  }

  /** Grows whenever the catalog may show something new (images imported, stages finished). */
  public ReadOnlyLongProperty changesProperty() {
    return changes.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<ImportSummary> lastSummaryProperty() {
    return lastSummary.getReadOnlyProperty();
  }

  /** Grows when something asked to show the errors list. */
  public ReadOnlyLongProperty errorRequestsProperty() {
    return errorRequests.getReadOnlyProperty();
  }
}
