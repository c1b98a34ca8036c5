package dev.imagerag.ui.shell;

import dev.imagerag.ui.settings.SettingsView;
import dev.imagerag.ui.settings.SettingsViewModel;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The settings dialog's window (Ctrl+,): one at a time, over the main window, Esc closes it. */
final class SettingsWindow {
  private final ShellViewModel model;
  private Stage stage;

  SettingsWindow(ShellViewModel model) {
    this.model = model;
  }

  void show(Window owner) {
    if (stage != null && stage.isShowing()) {
      stage.toFront();
      return;
    }
    SettingsViewModel settings = model.newSettings();
    Stage dialog = new Stage();
    dialog.initOwner(owner);
    dialog.initModality(Modality.WINDOW_MODAL);
    dialog.setTitle("Settings — Image RAG");
    ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper(model.themeProperty().get() == ShellViewModel.Theme.DARK);
    SettingsView view = new SettingsView(settings, dark.getReadOnlyProperty(),
        on -> model.setTheme(on ? ShellViewModel.Theme.DARK : ShellViewModel.Theme.LIGHT), dialog::close);
    settings.stateProperty().addListener((o, was, now) -> {
      if (now == SettingsViewModel.State.SAVED) {
        model.notices().success("Settings saved", "");
      }
    });
    Scene scene = new Scene(view.root());
    scene.getStylesheets().add(SettingsWindow.class.getResource(ShellView.STYLESHEET).toExternalForm());
    scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
      if (e.getCode() == KeyCode.ESCAPE) {
        dialog.close();
      }
    });
    dialog.setScene(scene);
    settings.load();
    dialog.show();
    stage = dialog;
  }

  /** The settings window, or null before it was first opened. */
  Stage stage() {
    return stage;
  }
}
