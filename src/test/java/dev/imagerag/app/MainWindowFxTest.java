package dev.imagerag.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.domain.ImageId;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.onnx.HandPlacedModel;
import dev.imagerag.ui.detail.DetailViewModel;
import dev.imagerag.ui.gallery.GalleryItem;
import dev.imagerag.ui.gallery.GalleryViewModel;
import dev.imagerag.ui.jobs.JobsViewModel;
import dev.imagerag.ui.search.QueryBarViewModel;
import dev.imagerag.ui.shell.ShellViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole user journey on the real window and real services (SQLite, Lucene, ONNX Runtime with a
 * tiny generated CLIP model placed by hand, Tesseract when installed), headless: an empty library,
 * files dropped on the window, thumbnails, a typed query with ranked hits, the detail view and a
 * walk through similar images, a setting changed and saved, the dark theme. Writes screenshots of
 * each step to target/screenshots/.
 */
class MainWindowFxTest {
  @TempDir Path dir;
  private WindowDriver window;

  @AfterEach
  void close() throws Exception {
    if (window != null) {
      window.close();
    }
  }

  @Test
  void dropSearchDetailSimilarSettingsAndTheme() throws Exception {
    Path library = dir.resolve("library");
    Path models = dir.resolve("models");
    HandPlacedModel.place(models, library);
    List<Path> files = List.of(
        TestImages.jpeg(dir.resolve("in/beach-sunset.jpg"), 320, 240, 1),
        TestImages.jpeg(dir.resolve("in/city-night.jpg"), 240, 320, 2),
        TestImages.png(dir.resolve("in/forest-path.png"), 200, 200, 3),
        TestImages.jpeg(dir.resolve("in/mountain-lake.jpg"), 300, 200, 4),
        TestImages.jpeg(dir.resolve("in/beach-sunset-copy.jpg"), 320, 240, 1),
        TestImages.write(TestImages.screenshot("Error: connection refused", 480, 160), "png",
            dir.resolve("in/screenshot-error.png")));
    window = WindowDriver.start(dir.resolve("home"), library, models);
    ShellViewModel shell = window.model();

    // 1. The empty library says what to do.
    window.waitFor(20, () -> shell.gallery().stateProperty().get() == GalleryViewModel.State.EMPTY_LIBRARY);
    assertThat(window.robot.lookup("#emptyTitle").queryAs(Label.class).getText()).isEqualTo("Drop folders here to start");
    assertThat(shell.modelsTextProperty().get()).isEqualTo("Visual: tiny-clip · cpu");
    WindowDriver.screenshot(window.scene(), "01-empty-library");

    // 2. Dragging files over the window shows what a drop will do; dropping imports them.
    Node gallery = window.robot.lookup("#gallery").query();
    var board = WindowDriver.files(files);
    WindowDriver.drag(gallery, board, DragEvent.DRAG_OVER);
    assertThat(shell.drop().acceptedProperty().get()).isTrue();
    assertThat(shell.drop().messageProperty().get()).isEqualTo("Drop to import 6 files");
    assertThat(window.robot.lookup(".drop-overlay").query().isVisible()).isTrue();
    WindowDriver.screenshot(window.scene(), "02-drop-overlay");
    WindowDriver.drag(gallery, board, DragEvent.DRAG_DROPPED);
    assertThat(window.robot.lookup(".drop-overlay").query().isVisible()).isFalse();

    // 3. Thumbnails appear; every stage finishes in the background.
    window.waitFor(60, () -> shell.gallery().items().size() == 5 && !shell.jobs().busy());
    window.waitFor(20, () -> loadedThumbnails() >= 5);
    assertThat(shell.imageCountProperty().get()).isEqualTo("5 images");
    window.waitFor(20, () -> "Index: embedded".equals(shell.index().textProperty().get()));
    assertThat(shell.jobs().lastSummaryProperty().get().duplicates()).isEqualTo(1);
    WindowDriver.screenshot(window.scene(), "03-gallery");

    // 4. Typing a query shows ranked hits with scores and why they matched.
    window.robot.clickOn("#search").write("beach");
    window.waitFor(20, () -> shell.queryBar().stateProperty().get() == QueryBarViewModel.State.RESULTS);
    List<GalleryItem> hits = WindowDriver.onFx(() -> List.copyOf(shell.gallery().items()));
    assertThat(hits).isNotEmpty();
    assertThat(hits.get(0).fileName()).startsWith("beach-sunset");
    assertThat(hits.get(0).why()).contains("keyword");
    assertThat(hits).extracting(GalleryItem::rank).isSorted();
    assertThat(shell.gallery().sortProperty().get()).isEqualTo(GalleryViewModel.Sort.RELEVANCE);
    window.waitFor(20, () -> loadedThumbnails() >= hits.size());
    WindowDriver.screenshot(window.scene(), "04-search-results");

    // 4b. An image dropped on the query bar is searched by: the same picture comes first.
    Node queryBar = window.robot.lookup("#queryBar").query();
    var one = WindowDriver.files(List.of(files.get(2)));
    WindowDriver.drag(queryBar, one, DragEvent.DRAG_OVER);
    assertThat(shell.drop().messageProperty().get()).isEqualTo("Drop image to search by it");
    WindowDriver.screenshot(window.scene(), "04b-drop-on-query-bar");
    WindowDriver.drag(queryBar, one, DragEvent.DRAG_DROPPED);
    window.waitFor(20, () -> shell.queryBar().imageProperty().get() != null
        && shell.queryBar().stateProperty().get() == QueryBarViewModel.State.RESULTS
        && shell.gallery().items().get(0).fileName().equals("forest-path.png"));
    assertThat(window.robot.lookup(".chip-image").queryAll()).hasSize(1);
    WindowDriver.runFx(() -> shell.queryBar().clear());
    window.robot.clickOn("#search").write("beach");
    window.waitFor(20, () -> shell.queryBar().stateProperty().get() == QueryBarViewModel.State.RESULTS
        && shell.gallery().items().get(0).fileName().startsWith("beach-sunset"));

    // 5. Enter opens the detail view of the focused hit; its similar images can be walked through.
    Node firstTile = window.robot.lookup(".gallery-cell").match(n -> ((javafx.scene.control.IndexedCell<?>) n)
        .getIndex() == 0).query();
    window.robot.clickOn(firstTile);
    window.robot.type(KeyCode.ENTER);
    DetailViewModel detail = shell.detail();
    window.waitFor(20, () -> detail.stateProperty().get() == DetailViewModel.State.SHOWN && !detail.similar().isEmpty());
    ImageId opened = detail.idProperty().get();
    assertThat(opened).isEqualTo(hits.get(0).id());
    assertThat(detail.facts()).anySatisfy(f -> assertThat(f.value()).contains("320 × 240"));
    assertThat(detail.paths()).hasSize(2); // the same bytes under two names are one image
    window.waitFor(20, () -> ((Pane) window.robot.lookup("#similarStrip").query()).getChildren().size()
        == detail.similar().size());
    WaitForAsyncUtils.sleep(300, java.util.concurrent.TimeUnit.MILLISECONDS); // the original decodes off the FX thread
    WindowDriver.screenshot(window.scene(), "05-detail");
    Button similar = (Button) ((Pane) window.robot.lookup("#similarStrip").query()).getChildren().get(0);
    ImageId next = (ImageId) similar.getUserData();
    window.robot.clickOn(similar);
    window.waitFor(20, () -> next.equals(detail.idProperty().get()) && detail.stateProperty().get()
        == DetailViewModel.State.SHOWN);
    assertThat(detail.canBackProperty().get()).isTrue();
    window.robot.press(KeyCode.ALT, KeyCode.LEFT).release(KeyCode.LEFT, KeyCode.ALT);
    window.waitFor(20, () -> opened.equals(detail.idProperty().get()));
    window.robot.type(KeyCode.ESCAPE);
    window.waitFor(10, () -> detail.stateProperty().get() == DetailViewModel.State.HIDDEN);

    // 6. Esc clears the search and the library comes back.
    window.robot.type(KeyCode.ESCAPE);
    window.waitFor(10, () -> shell.gallery().stateProperty().get() == GalleryViewModel.State.BROWSING);
    assertThat(window.robot.lookup("#search").queryAs(TextField.class).getText()).isEmpty();

    // 6b. Ctrl+B and Ctrl+J hide and show the side panel and the chat pane.
    boolean chatShown = shell.chatVisibleProperty().get();
    window.robot.press(KeyCode.CONTROL, KeyCode.B).release(KeyCode.B, KeyCode.CONTROL);
    window.waitFor(5, () -> !shell.sidePanelVisibleProperty().get());
    window.robot.press(KeyCode.CONTROL, KeyCode.B).release(KeyCode.B, KeyCode.CONTROL);
    window.waitFor(5, () -> shell.sidePanelVisibleProperty().get());
    window.robot.press(KeyCode.CONTROL, KeyCode.J).release(KeyCode.J, KeyCode.CONTROL);
    window.waitFor(5, () -> shell.chatVisibleProperty().get() != chatShown);
    window.robot.press(KeyCode.CONTROL, KeyCode.J).release(KeyCode.J, KeyCode.CONTROL);
    window.waitFor(5, () -> shell.chatVisibleProperty().get() == chatShown);

    // 7. Ctrl+, opens the settings; a changed value is saved and the library reopens with it.
    window.robot.press(KeyCode.CONTROL, KeyCode.COMMA).release(KeyCode.COMMA, KeyCode.CONTROL);
    window.waitFor(10, () -> window.app.view().settingsStage() != null && window.app.view().settingsStage().isShowing());
    Stage settings = window.app.view().settingsStage();
    window.waitFor(10, () -> !window.robot.lookup("#ocrLanguages").queryAs(TextField.class).getText().isEmpty());
    selectTab(settings, "chatTab");
    assertThat(window.robot.lookup("#chatKey").queryAs(Node.class)).isInstanceOf(javafx.scene.control.PasswordField.class);
    assertThat(window.robot.lookup("#chatUrl").queryAs(TextField.class).getPromptText())
        .isEqualTo("blank: use the caption endpoint");
    WindowDriver.screenshot(settings.getScene(), "06b-settings-chat");
    selectTab(settings, "indexTab");
    TextField collection = window.robot.lookup("#indexCollection").queryAs(TextField.class);
    assertThat(collection.getText()).isEmpty(); // blank: the library's own default collection
    assertThat(collection.getPromptText()).isEqualTo(
        dev.imagerag.logic.store.StoreSettings.defaultCollection(library) + " (this library's default)");
    WindowDriver.screenshot(settings.getScene(), "06a-settings-remote-index");
    selectTab(settings, "ocrTab");
    TextField languages = window.robot.lookup("#ocrLanguages").queryAs(TextField.class);
    window.robot.doubleClickOn(languages).eraseText(3).write("eng+deu");
    WindowDriver.screenshot(settings.getScene(), "06-settings");
    window.robot.clickOn("#save");
    window.waitFor(20, () -> Files.readString(library.resolve("settings.json")).contains("eng+deu"));
    window.waitFor(30, () -> shell.stateProperty().get() == ShellViewModel.State.READY
        && shell.gallery().items().size() == 5);
    assertThat(WindowDriver.onFx(() -> window.robot.lookup("#sort").queryComboBox().getValue()))
        .isEqualTo(GalleryViewModel.Sort.DATE_NEWEST); // the reopened library keeps the order shown
    WindowDriver.runFx(settings::close);

    // 8. The dark theme.
    WindowDriver.runFx(() -> shell.setTheme(ShellViewModel.Theme.DARK));
    window.waitFor(20, () -> loadedThumbnails() >= 5);
    WindowDriver.screenshot(window.scene(), "07-dark-theme");
    assertThat(shell.jobs().stateProperty().get()).isEqualTo(JobsViewModel.State.IDLE);
  }

  private static void selectTab(Stage settings, String id) throws Exception {
    WindowDriver.runFx(() -> {
      var tabs = (javafx.scene.control.TabPane) settings.getScene().lookup(".settings-tabs");
      tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst()
          .orElseThrow());
    });
  }

  private int loadedThumbnails() {
    return (int) window.robot.lookup(".gallery-cell").queryAll().stream()
        .map(n -> ((Node) n).lookup(".image-view"))
        .filter(v -> v instanceof javafx.scene.image.ImageView iv && iv.getImage() != null && iv.isVisible()
            && iv.getParent().getParent().isVisible())
        .count();
  }
}
