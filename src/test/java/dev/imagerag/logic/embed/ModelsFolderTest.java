package dev.imagerag.logic.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelsFolderTest {
  private static final Path HOME = Path.of("/home/ann");

  @Test
  void anExplicitFolderWins() {
    assertThat(ModelsFolder.resolve(Path.of("/data/m"), Map.of("IMAGE_RAG_MODELS", "/env"), "Linux", HOME).root())
        .isEqualTo(Path.of("/data/m"));
  }

  @Test
  void theEnvironmentVariableComesNext() {
    assertThat(ModelsFolder.resolve(null, Map.of("IMAGE_RAG_MODELS", "/env/models"), "Linux", HOME).root())
        .isEqualTo(Path.of("/env/models"));
  }

  @Test
  void linuxUsesXdgCacheHome() {
    assertThat(ModelsFolder.resolve(null, Map.of("XDG_CACHE_HOME", "/xdg"), "Linux", HOME).root())
        .isEqualTo(Path.of("/xdg/image-rag/models"));
  }

  @Test
  void linuxFallsBackToDotCache() {
    assertThat(ModelsFolder.resolve(null, Map.of(), "Linux", HOME).root())
        .isEqualTo(HOME.resolve(".cache/image-rag/models"));
  }

  @Test
  void macOsUsesLibraryCaches() {
    assertThat(ModelsFolder.resolve(null, Map.of(), "Mac OS X", HOME).root())
        .isEqualTo(HOME.resolve("Library/Caches/Image RAG/models"));
  }

  @Test
  void windowsUsesLocalAppData() {
    assertThat(ModelsFolder.resolve(null, Map.of("LOCALAPPDATA", "/c/Users/ann/AppData/Local"), "Windows 11", HOME)
        .root()).isEqualTo(Path.of("/c/Users/ann/AppData/Local/Image RAG/models"));
  }

  @Test
  void aModelLivesInAFolderNamedAfterItsId() {
    assertThat(new ModelsFolder(Path.of("/m")).modelDir("clip-vit-b32")).isEqualTo(Path.of("/m/clip-vit-b32"));
  }
}
