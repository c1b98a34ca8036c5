package dev.imagerag.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.imagerag.testing.TestImages;
import dev.imagerag.ui.common.ImmediateUiTasks;
import dev.imagerag.ui.common.NotificationsViewModel;
import dev.imagerag.ui.common.RecordingDesktop;
import dev.imagerag.ui.common.UiTestLibrary;
import dev.imagerag.ui.gallery.GalleryViewModel;
import dev.imagerag.ui.jobs.JobsViewModel;
import dev.imagerag.ui.search.QueryBarViewModel;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drops on the window: files, an image dragged out of a browser (its address or its pixels). */
class DropViewModelTest {
  @TempDir Path dir;
  private UiTestLibrary lib;
  private HttpServer server;
  private final ImmediateUiTasks tasks = new ImmediateUiTasks();
  private NotificationsViewModel notices;
  private QueryBarViewModel queryBar;
  private DropViewModel drop;

  @BeforeEach
  void open() throws Exception {
    lib = UiTestLibrary.open(dir);
    notices = new NotificationsViewModel(tasks);
    JobsViewModel jobs = new JobsViewModel(lib.session, tasks, notices);
    GalleryViewModel gallery = new GalleryViewModel(lib.session, tasks, jobs, notices, new RecordingDesktop());
    queryBar = new QueryBarViewModel(lib.session, tasks, gallery, ZoneOffset.UTC);
    drop = new DropViewModel(lib.session, tasks, jobs, queryBar, notices);
    byte[] png = TestImages.encode(TestImages.picture(64, 48, 7), "png");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/cat.png", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "image/png");
      exchange.sendResponseHeaders(200, png.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(png);
      }
    });
    server.createContext("/page", exchange -> {
      byte[] html = "<html>not an image</html>".getBytes();
      exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, html.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(html);
      }
    });
    server.start();
  }

  @AfterEach
  void close() {
    server.stop(0);
    lib.close();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Test
  void hoveringShowsWhatADropWillDo() {
    TestImages.jpeg(dir.resolve("in/a.jpg"), 40, 40, 1);

    DropPlan plan = drop.hover(new DropPlan.Dragged(List.of(dir.resolve("in")), null, false), false);

    assertThat(plan.action()).isEqualTo(DropPlan.Action.IMPORT_FILES);
    assertThat(drop.showingProperty().get()).isTrue();
    assertThat(drop.acceptedProperty().get()).isTrue();
    assertThat(drop.messageProperty().get()).isEqualTo("Drop to import 1 folder (with everything in them)");
    drop.exit();
    assertThat(drop.showingProperty().get()).isFalse();
  }

  @Test
  void droppedFilesAreImported() {
    TestImages.jpeg(dir.resolve("in/a.jpg"), 40, 40, 1);
    TestImages.png(dir.resolve("in/b.png"), 40, 40, 2);

    boolean taken = drop.drop(new DropPlan.Dragged(List.of(dir.resolve("in/a.jpg"), dir.resolve("in/b.png")), null,
        false), false, () -> null);

    assertThat(taken).isTrue();
    assertThat(lib.library().catalog().imageCount()).isEqualTo(2);
  }

  @Test
  void anImageAddressIsDownloadedIntoTheLibraryAndImported() {
    boolean taken = drop.drop(new DropPlan.Dragged(List.of(), url("/cat.png"), false), false, () -> null);

    assertThat(taken).isTrue();
    assertThat(lib.library().catalog().imageCount()).isEqualTo(1);
    String path = lib.library().catalog().listImages(dev.imagerag.logic.catalog.ImageSort.NAME, null, 0, 1).get(0).path();
    assertThat(Path.of(path)).startsWith(lib.root.resolve("tmp")).hasFileName(Path.of(path).getFileName().toString());
    assertThat(path).endsWith("-cat.png");
  }

  @Test
  void aWebPageAddressIsRefusedWithAClearMessage() {
    drop.drop(new DropPlan.Dragged(List.of(), url("/page"), false), false, () -> null);

    assertThat(lib.library().catalog().imageCount()).isZero();
    assertThat(notices.visible()).anySatisfy(n -> {
      assertThat(n.level()).isEqualTo(NotificationsViewModel.Level.ERROR);
      assertThat(n.details()).contains("is a web page (text/html), not an image");
    });
  }

  @Test
  void anUnreachableAddressSaysSo() {
    drop.drop(new DropPlan.Dragged(List.of(), "http://127.0.0.1:9/x.jpg", false), false, () -> null);

    assertThat(notices.visible()).anySatisfy(n -> assertThat(n.details()).contains("Could not download the image"));
  }

  @Test
  void pixelsFromABrowserAreSavedThenImported() throws Exception {
    byte[] png = TestImages.encode(TestImages.picture(30, 20, 3), "png");

    drop.drop(new DropPlan.Dragged(List.of(), null, true), false, () -> png);

    assertThat(lib.library().catalog().imageCount()).isEqualTo(1);
    try (var files = Files.list(lib.root.resolve("tmp/dropped"))) {
      assertThat(files.toList()).singleElement().satisfies(f -> assertThat(f.toString()).endsWith(".png"));
    }
  }

  @Test
  void anImageDroppedOnTheQueryBarIsSearchedByNotImported() {
    Path file = TestImages.jpeg(dir.resolve("in/query.jpg"), 40, 40, 1);

    drop.drop(new DropPlan.Dragged(List.of(file), null, false), true, () -> null);

    assertThat(queryBar.imageProperty().get()).isEqualTo(file);
    assertThat(lib.library().catalog().imageCount()).isZero();
  }
}
