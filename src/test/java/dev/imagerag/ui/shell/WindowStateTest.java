package dev.imagerag.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WindowStateTest {
  private final Preferences node = Preferences.userRoot().node("dev/imagerag/test/" + UUID.randomUUID());

  @AfterEach
  void remove() throws Exception {
    node.removeNode();
  }

  @Test
  void aFreshUserGetsTheDefaults() {
    assertThat(WindowState.load(node)).isEqualTo(WindowState.DEFAULTS);
  }

  @Test
  void whatWasSavedComesBack() {
    WindowState state = new WindowState(10, 20, 1400, 900, true, 0.22, 0.7, "dark", 224, "NAME", "VISUAL",
        "/home/me/Pictures", false, true);

    state.save(node);

    assertThat(WindowState.load(node)).isEqualTo(state);
  }

  @Test
  void nonsenseIsClampedToSaneValues() {
    node.putDouble("width", 5);
    node.putDouble("sideDivider", 0.99);
    node.putInt("thumbnailSize", 10_000);

    WindowState state = WindowState.load(node);

    assertThat(state.width()).isEqualTo(640);
    assertThat(state.sideDivider()).isEqualTo(0.5);
    assertThat(state.thumbnailSize()).isEqualTo(320);
  }
}
