package dev.imagerag.ui.settings;

import dev.imagerag.logic.embed.Device;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.value.ChangeListener;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;

/**
 * The settings dialog's content ({@code SettingsView.fxml}): binds the form both ways, forwards
 * the buttons, shows refusals and progress. The key fields are password fields: keys are never
 * shown.
 */
public final class SettingsView {
  @FXML private BorderPane root;
  @FXML private TabPane tabs;
  @FXML private Tab modelsTab;
  @FXML private TextField libraryFolder;
  @FXML private Button chooseLibrary;
  @FXML private ListView<ModelsViewModel.ModelRow> modelList;
  @FXML private Button download;
  @FXML private Button cancelDownload;
  @FXML private ProgressBar downloadProgress;
  @FXML private Label downloadText;
  @FXML private Label modelMessage;
  @FXML private ChoiceBox<Device> device;
  @FXML private Label activeDevice;
  @FXML private CheckBox ocrEnabled;
  @FXML private TextField ocrLanguages;
  @FXML private CheckBox captionsEnabled;
  @FXML private TextField captionUrl;
  @FXML private TextField captionModel;
  @FXML private PasswordField captionKey;
  @FXML private Button testCaptions;
  @FXML private Label captionTest;
  @FXML private TextField chatUrl;
  @FXML private TextField chatModel;
  @FXML private PasswordField chatKey;
  @FXML private Spinner<Integer> chatImages;
  @FXML private ChoiceBox<String> chatDetail;
  @FXML private Button testChat;
  @FXML private Label chatTest;
  @FXML private CheckBox indexEnabled;
  @FXML private TextField indexUrl;
  @FXML private PasswordField indexKey;
  @FXML private TextField indexCollection;
  @FXML private Button testIndex;
  @FXML private Label indexTest;
  @FXML private RadioButton lightTheme;
  @FXML private RadioButton darkTheme;
  @FXML private Label error;
  @FXML private Label status;
  @FXML private Button cancel;
  @FXML private Button save;

  private final SettingsViewModel model;

  /**
   * @param dark whether the dark theme is on now; {@code setDark} switches it (applies at once)
   * @param close closes the dialog
   */
  public SettingsView(SettingsViewModel model, ReadOnlyBooleanProperty dark, Consumer<Boolean> setDark,
      Runnable close) {
    this.model = model;
    FXMLLoader loader = new FXMLLoader(SettingsView.class.getResource("/dev/imagerag/ui/settings/SettingsView.fxml"));
    loader.setController(this);
    try {
      loader.load();
    } catch (IOException e) {
      throw new UncheckedIOException("the settings dialog's layout is missing from the application", e);
    }
    root.setId("settings");
    bindForm(model.form());
    bindModels(model.models());
    ToggleGroup themes = new ToggleGroup();
    lightTheme.setToggleGroup(themes);
    darkTheme.setToggleGroup(themes);
    (dark.get() ? darkTheme : lightTheme).setSelected(true);
    darkTheme.selectedProperty().addListener((o, was, now) -> setDark.accept(now));

    activeDevice.textProperty().bind(model.activeDeviceProperty());
    captionTest.textProperty().bind(model.captionTestProperty());
    testCaptions.disableProperty().bind(model.testingProperty());
    testCaptions.setOnAction(e -> model.testCaptions());
    chatTest.textProperty().bind(model.chatTestProperty());
    testChat.disableProperty().bind(model.testingChatProperty());
    testChat.setOnAction(e -> model.testChat());
    indexTest.textProperty().bind(model.indexTestProperty());
    testIndex.disableProperty().bind(model.testingIndexProperty());
    testIndex.setOnAction(e -> model.testIndex());
    error.textProperty().bind(model.errorProperty());
    status.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
        () -> model.stateProperty().get() == SettingsViewModel.State.MIGRATING ? model.copyingProperty().get()
            : statusText(model.stateProperty().get().name()), model.stateProperty(), model.copyingProperty()));
    save.disableProperty().bind(model.readOnlyProperty().or(model.stateProperty().isEqualTo(SettingsViewModel.State.SAVING))
        .or(model.stateProperty().isEqualTo(SettingsViewModel.State.LOADING))
        .or(model.stateProperty().isEqualTo(SettingsViewModel.State.MIGRATING)));
    save.setOnAction(e -> model.save());
    cancel.setOnAction(e -> close.run());
    chooseLibrary.setOnAction(e -> {
      DirectoryChooser chooser = new DirectoryChooser();
      chooser.setTitle("Choose the library folder");
      File current = new File(libraryFolder.getText());
      if (current.isDirectory()) {
        chooser.setInitialDirectory(current);
      }
      File chosen = chooser.showDialog(root.getScene().getWindow());
      if (chosen != null) {
        libraryFolder.setText(chosen.getAbsolutePath());
      }
    });
  }

  private static String statusText(String state) {
    return switch (state) {
      case "LOADING" -> "Loading…";
      case "MIGRATING" -> "Copying the index…";
      case "SAVING" -> "Saving…";
      case "SAVED" -> "Saved";
      default -> "";
    };
  }

  private void bindForm(SettingsForm form) {
    libraryFolder.textProperty().bindBidirectional(form.libraryFolderProperty());
    device.getItems().setAll(Device.values());
    device.setConverter(new StringConverter<>() {
      @Override
      public String toString(Device d) {
        return d == null ? "" : switch (d) {
          case AUTO -> "Automatic";
          case CPU -> "CPU";
          case GPU -> "GPU (CUDA)";
        };
      }

      @Override
      public Device fromString(String s) {
        return null;
      }
    });
    device.valueProperty().bindBidirectional(form.deviceProperty());
    ocrEnabled.selectedProperty().bindBidirectional(form.ocrEnabledProperty());
    ocrLanguages.textProperty().bindBidirectional(form.ocrLanguagesProperty());
    captionsEnabled.selectedProperty().bindBidirectional(form.captionsEnabledProperty());
    captionUrl.textProperty().bindBidirectional(form.captionUrlProperty());
    captionModel.textProperty().bindBidirectional(form.captionModelProperty());
    captionKey.textProperty().bindBidirectional(form.captionKeyProperty());
    bindChat(form);
    indexEnabled.selectedProperty().bindBidirectional(form.indexEnabledProperty());
    indexUrl.textProperty().bindBidirectional(form.indexUrlProperty());
    indexKey.textProperty().bindBidirectional(form.indexKeyProperty());
    indexCollection.textProperty().bindBidirectional(form.indexCollectionProperty());
    indexCollection.promptTextProperty().bind(form.defaultCollectionProperty().map(name -> name + " (this library's default)"));
    ChangeListener<Object> edited = (o, was, now) -> model.edited();
    for (var field : new javafx.beans.value.ObservableValue<?>[] {libraryFolder.textProperty(),
        ocrLanguages.textProperty(), captionUrl.textProperty(), captionModel.textProperty(), captionKey.textProperty(),
        indexUrl.textProperty(), indexCollection.textProperty(), device.valueProperty(), chatUrl.textProperty(),
        chatModel.textProperty(), chatKey.textProperty(), form.chatImagesProperty(), chatDetail.valueProperty()}) {
      field.addListener(edited);
    }
  }

  private void bindChat(SettingsForm form) {
    chatUrl.textProperty().bindBidirectional(form.chatUrlProperty());
    chatModel.textProperty().bindBidirectional(form.chatModelProperty());
    chatKey.textProperty().bindBidirectional(form.chatKeyProperty());
    chatDetail.getItems().setAll("low", "high");
    chatDetail.valueProperty().bindBidirectional(form.chatDetailProperty());
    // The spinner offers only 1..8; the form keeps text, checked again when saved.
    chatImages.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1,
        dev.imagerag.logic.chat.ChatSettings.MAX_IMAGES, 3));
    Runnable fromForm = () -> {
      try {
        chatImages.getValueFactory().setValue(Integer.parseInt(form.chatImagesProperty().get().strip()));
      } catch (NumberFormatException | NullPointerException notANumber) {
        // keep the spinner's value; saving reports the form's text
      }
    };
    fromForm.run();
    form.chatImagesProperty().addListener((o, was, now) -> fromForm.run());
    chatImages.valueProperty().addListener((o, was, now) -> form.chatImagesProperty().set(String.valueOf(now)));
  }

  private void bindModels(ModelsViewModel models) {
    modelList.setItems(models.rows());
    modelList.setCellFactory(list -> new ListCell<>() {
      @Override
      protected void updateItem(ModelsViewModel.ModelRow row, boolean empty) {
        super.updateItem(row, empty);
        setText(empty || row == null ? null : row.label());
      }
    });
    modelList.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
      if (now != null) {
        model.form().visualModelProperty().set(now.id());
        model.edited();
      }
    });
    Runnable select = () -> models.rows().stream()
        .filter(r -> r.id().equals(model.form().visualModelProperty().get())).findFirst()
        .ifPresent(r -> modelList.getSelectionModel().select(r));
    models.rows().addListener((javafx.collections.ListChangeListener<ModelsViewModel.ModelRow>) c -> select.run());
    model.form().visualModelProperty().addListener((o, was, now) -> select.run());
    download.setOnAction(e -> models.download(model.form().visualModelProperty().get()));
    download.disableProperty().bind(models.stateProperty().isNotEqualTo(ModelsViewModel.State.IDLE));
    cancelDownload.setOnAction(e -> models.cancel());
    cancelDownload.disableProperty().bind(models.stateProperty().isNotEqualTo(ModelsViewModel.State.DOWNLOADING));
    downloadProgress.progressProperty().bind(models.fractionProperty());
    downloadProgress.visibleProperty().bind(models.stateProperty().isEqualTo(ModelsViewModel.State.DOWNLOADING)
        .or(models.stateProperty().isEqualTo(ModelsViewModel.State.CANCELLING)));
    downloadText.textProperty().bind(models.progressTextProperty());
    modelMessage.textProperty().bind(models.messageProperty());
  }

  /** Shows the models page (from "download it in Settings"). */
  public void showModels() {
    tabs.getSelectionModel().select(modelsTab);
  }

  public Parent root() {
    return root;
  }
}
