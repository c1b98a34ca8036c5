package dev.imagerag.ui.settings;

import dev.imagerag.logic.embed.DownloadListener;
import dev.imagerag.logic.embed.DownloadProgress;
import dev.imagerag.logic.embed.InstallState;
import dev.imagerag.logic.embed.ModelInstaller;
import dev.imagerag.logic.embed.ModelManifest;
import dev.imagerag.logic.embed.ModelState;
import dev.imagerag.logic.jobs.JobControl;
import dev.imagerag.support.ByteSizes;
import dev.imagerag.ui.common.Problems;
import dev.imagerag.ui.common.UiTasks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The visual models the user can pick, their install state, and downloading one with progress
 * and cancel (partial files stay, the next download resumes). UI thread only.
 */
public final class ModelsViewModel {
  /** What the models section is doing. */
  public enum State { LOADING, IDLE, DOWNLOADING, CANCELLING }

  /** One model of the list. */
  public record ModelRow(String id, String name, String family, int dimension, long downloadBytes, InstallState state,
      boolean isDefault) {

    /** "CLIP ViT-B/32 — 512-d · 580 MiB · ready". */
    public String label() {
      String size = downloadBytes > 0 ? " · " + ByteSizes.format(downloadBytes) : "";
      return name + " — " + dimension + "-d" + size + " · " + state.id() + (isDefault ? " · default" : "");
    }
  }

  private final ModelInstaller installer;
  private final UiTasks tasks;
  private final ObservableList<ModelRow> rows = FXCollections.observableArrayList();
  private final ObservableList<ModelRow> rowsView = FXCollections.unmodifiableObservableList(rows);
  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.LOADING);
  private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper(0);
  private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private JobControl control;

  public ModelsViewModel(ModelInstaller installer, UiTasks tasks) {
    this.installer = installer;
    this.tasks = tasks;
  }

  /** Reads the model list and what of each is on disk (cheap: no checksums). */
  public void refresh() {
    tasks.run(() -> {
      List<ModelRow> list = new ArrayList<>();
      for (ModelManifest m : installer.manifests()) {
        ModelState s = installer.state(m.id());
        list.add(new ModelRow(m.id(), m.name(), m.family(), m.dimension(), s.totalBytes(), s.state(), m.isDefault()));
      }
      return list;
    }, list -> {
      rows.setAll(list);
      if (state.get() == State.LOADING) {
        state.set(State.IDLE);
      }
    }, failure -> {
      state.set(State.IDLE);
      message.set(Problems.message(failure));
    });
  }

  /** Downloads the model's missing files in the background. */
  public void download(String modelId) {
    if (state.get() == State.DOWNLOADING || modelId == null || modelId.isBlank()) {
      return;
    }
    JobControl mine = new JobControl();
    control = mine;
    state.set(State.DOWNLOADING);
    fraction.set(-1);
    message.set("");
    progressText.set("Starting the download of " + modelId + "…");
    tasks.runLong("model-download", () -> installer.download(modelId, listener(), mine), done -> {
      state.set(State.IDLE);
      fraction.set(done.state() == InstallState.READY ? 1 : 0);
      progressText.set("");
      message.set(done.state() == InstallState.READY
          ? modelId + " is ready. Save to use it." : modelId + " is " + done.state().id() + ".");
      refresh();
    }, failure -> {
      state.set(State.IDLE);
      fraction.set(0);
      progressText.set("");
      message.set(failure instanceof CancellationException
          ? "Download stopped; it resumes where it stopped next time." : Problems.message(failure));
      refresh();
    });
  }

  public void cancel() {
    if (control != null && state.get() == State.DOWNLOADING) {
      state.set(State.CANCELLING);
      control.cancel();
    }
  }

  private DownloadListener listener() {
    return new DownloadListener() {
      private long lastUpdate;

      @Override
      public void progress(DownloadProgress p) {
        long now = System.nanoTime();
        if (now - lastUpdate < 100_000_000L && p.bytesDone() < p.totalBytes()) {
          return; // at most ten updates a second reach the window
        }
        lastUpdate = now;
        String total = p.totalBytes() > 0 ? " / " + ByteSizes.format(p.totalBytes()) : "";
        String speed = p.bytesPerSecond() > 0 ? " · " + ByteSizes.format((long) p.bytesPerSecond()) + "/s" : "";
        String text = p.fileName() + ": " + ByteSizes.format(p.bytesDone()) + total + speed;
        double value = p.fraction();
        tasks.onUi(() -> {
          fraction.set(value);
          progressText.set(text);
        });
      }

      @Override
      public void verifying(String modelId, String fileName) {
        tasks.onUi(() -> progressText.set("Checking " + fileName + "…"));
      }

      @Override
      public void warning(String text) {
        tasks.onUi(() -> message.set(text));
      }
    };
  }

  public ObservableList<ModelRow> rows() {
    return rowsView;
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  /** 0..1, or -1 while the size is unknown. */
  public ReadOnlyDoubleProperty fractionProperty() {
    return fraction.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty progressTextProperty() {
    return progressText.getReadOnlyProperty();
  }

  /** The outcome of the last download, or why the list could not be read. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }
}
