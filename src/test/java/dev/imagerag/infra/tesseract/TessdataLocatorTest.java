package dev.imagerag.infra.tesseract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TessdataLocatorTest {
  @TempDir Path dir;

  private Path folderWith(String name, String... languages) throws Exception {
    Path folder = Files.createDirectories(dir.resolve(name));
    for (String language : languages) {
      Files.writeString(folder.resolve(language + ".traineddata"), "data");
    }
    return folder;
  }

  @Test
  void theConfiguredFolderIsTheOnlyPlaceLookedAt() {
    assertThat(TessdataLocator.candidates("/opt/td", Map.of("TESSDATA_PREFIX", "/x"), "Linux"))
        .containsExactly(Path.of("/opt/td"));
  }

  @Test
  void tessdataPrefixComesBeforeTheUsualFoldersInBothOfItsMeanings() {
    List<Path> candidates = TessdataLocator.candidates(null, Map.of("TESSDATA_PREFIX", "/x/share"), "Linux");

    assertThat(candidates).startsWith(Path.of("/x/share"), Path.of("/x/share/tessdata"));
    assertThat(candidates).contains(Path.of("/usr/share/tesseract-ocr/5/tessdata"),
        Path.of("/usr/share/tesseract/tessdata"), Path.of("/opt/homebrew/share/tessdata"));
  }

  @Test
  void windowsLooksWhereTheInstallerPutsTheData() {
    assertThat(TessdataLocator.candidates(null, Map.of(), "Windows 11"))
        .contains(Path.of("C:\\Program Files\\Tesseract-OCR\\tessdata"));
  }

  @Test
  void theFirstFolderHoldingEveryLanguageWins() throws Exception {
    Path partial = folderWith("partial", "eng");
    Path full = folderWith("full", "eng", "fra");

    var found = TessdataLocator.locate(List.of(dir.resolve("absent"), partial, full), List.of("eng", "fra"));

    assertThat(found).hasValueSatisfying(f -> {
      assertThat(f.folder()).isEqualTo(full);
      assertThat(f.missing()).isEmpty();
    });
  }

  @Test
  void withoutAFullFolderTheFirstWithAnyDataIsReportedWithWhatItLacks() throws Exception {
    Path partial = folderWith("partial", "eng");

    var found = TessdataLocator.locate(List.of(partial), List.of("eng", "fra"));

    assertThat(found).hasValueSatisfying(f -> assertThat(f.missing()).containsExactly("fra"));
  }

  @Test
  void noFolderAtAllIsNothingFound() {
    assertThat(TessdataLocator.locate(List.of(dir.resolve("a"), dir.resolve("b")), List.of("eng"))).isEmpty();
  }
}
