package dev.imagerag.infra.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagerag.domain.ImageRagException;
import dev.imagerag.logic.embed.TileSettings;
import dev.imagerag.logic.settings.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tiling keys of the {@code models} section. */
class TileSettingsJsonTest {
  @TempDir Path dir;

  @Test
  void absentKeysMeanTheDefaults() throws Exception {
    Path file = dir.resolve("settings.json");
    Files.writeString(file, "{\"models\": {\"batchSize\": 4}}");

    assertThat(new JsonSettingsStore(file).load().embedding().tiles()).isEqualTo(TileSettings.DEFAULTS);
  }

  @Test
  void keysAreReadInMegapixelsAndWrittenBack() throws Exception {
    Path file = dir.resolve("settings.json");
    Files.writeString(file, "{\"models\": {\"tiles\": false, \"tileMinMegapixels\": 12,"
        + " \"tilePanoramaMinMegapixels\": 2.5}}");
    JsonSettingsStore store = new JsonSettingsStore(file);

    Settings loaded = store.load();
    store.save(loaded.withEmbedding(loaded.embedding().withTiles(loaded.embedding().tiles().withEnabled(true))));

    assertThat(loaded.embedding().tiles()).isEqualTo(new TileSettings(false, 12_000_000L, 2_500_000L));
    assertThat(store.load().embedding().tiles()).isEqualTo(new TileSettings(true, 12_000_000L, 2_500_000L));
  }

  @Test
  void aThresholdThatIsNotPositiveIsReportedWithItsKey() throws Exception {
    Path file = dir.resolve("settings.json");
    Files.writeString(file, "{\"models\": {\"tileMinMegapixels\": 0}}");

    assertThatThrownBy(() -> new JsonSettingsStore(file).load())
        .isInstanceOf(ImageRagException.class)
        .hasMessageContaining("tileMinMegapixels must be a positive number of megapixels, got 0.0")
        .hasMessageContaining(file.toString());
  }
}
