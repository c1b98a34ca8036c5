package dev.imagerag.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DropPlanTest {
  @TempDir Path dir;

  private Path file(String name) throws Exception {
    return Files.writeString(dir.resolve(name), "x");
  }

  @Test
  void filesSayHowManyWillBeImported() throws Exception {
    List<Path> files = List.of(file("a.jpg"), file("b.png"), file("notes.txt"));

    DropPlan plan = DropPlan.of(new DropPlan.Dragged(files, null, false), false, false);

    assertThat(plan.action()).isEqualTo(DropPlan.Action.IMPORT_FILES);
    assertThat(plan.message()).isEqualTo("Drop to import 2 files");
    assertThat(plan.files()).hasSize(2);
  }

  @Test
  void foldersAreImportedWithEverythingInThem() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("Pictures"));

    assertThat(DropPlan.of(new DropPlan.Dragged(List.of(folder), null, false), false, false).message())
        .isEqualTo("Drop to import 1 folder (with everything in them)");
    assertThat(DropPlan.of(new DropPlan.Dragged(List.of(folder, file("a.jpg")), null, false), false, false).message())
        .isEqualTo("Drop to import 1 folder and 1 file");
  }

  @Test
  void oneImageOverTheQueryBarSearchesByIt() throws Exception {
    DropPlan plan = DropPlan.of(new DropPlan.Dragged(List.of(file("cat.jpg")), null, false), true, false);

    assertThat(plan.action()).isEqualTo(DropPlan.Action.SEARCH_BY_FILE);
    assertThat(plan.message()).isEqualTo("Drop image to search by it");
  }

  @Test
  void webImagesAreImportedOrSearched() {
    String url = "https://example.org/images/cat.jpg";

    assertThat(DropPlan.of(new DropPlan.Dragged(List.of(), url, false), false, false).message())
        .isEqualTo("Drop to import the image from example.org");
    assertThat(DropPlan.of(new DropPlan.Dragged(List.of(), "A cat\n" + url, false), true, false).action())
        .isEqualTo(DropPlan.Action.SEARCH_BY_URL);
    assertThat(DropPlan.of(new DropPlan.Dragged(List.of(), null, true), false, false).action())
        .isEqualTo(DropPlan.Action.IMPORT_IMAGE_DATA);
  }

  @Test
  void nothingUsableIsRefusedWithAReason() throws Exception {
    assertThat(DropPlan.of(new DropPlan.Dragged(List.of(file("notes.txt")), null, false), false, false))
        .satisfies(p -> {
          assertThat(p.action()).isEqualTo(DropPlan.Action.NONE);
          assertThat(p.message()).contains("not an image");
        });
    assertThat(DropPlan.of(new DropPlan.Dragged(List.of(), "just some words", false), false, false).action())
        .isEqualTo(DropPlan.Action.NONE);
  }

  @Test
  void aReadOnlyLibraryStillSearchesButDoesNotImport() throws Exception {
    assertThat(DropPlan.of(new DropPlan.Dragged(List.of(file("a.jpg"), file("b.jpg")), null, false), false, true)
        .message()).contains("read-only");
    assertThat(DropPlan.of(new DropPlan.Dragged(List.of(file("c.jpg")), null, false), true, true).action())
        .isEqualTo(DropPlan.Action.SEARCH_BY_FILE);
  }

  @Test
  void fetchedFilesKeepAnImageName() {
    assertThat(ImageFetcher.fileName(java.net.URI.create("https://x.org/a/b/photo.png?size=2"), "image/png"))
        .endsWith("-photo.png");
    assertThat(ImageFetcher.fileName(java.net.URI.create("https://x.org/render"), "image/webp; q=1"))
        .endsWith("-render.webp");
  }
}
