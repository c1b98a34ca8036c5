package dev.imagerag.logic.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagerag.logic.caption.CaptionSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChatSettingsTest {
  private static final CaptionSettings CAPTIONS = new CaptionSettings(true, "http://localhost:11434/v1", "llava",
      "sk-cap", 2, Duration.ofSeconds(60), 3, 768, "low", 0, 0);

  @Test
  void theDefaultsFollowTheCaptionEndpoint() {
    ChatSettings resolved = ChatSettings.DEFAULTS.resolve(CAPTIONS);

    assertThat(resolved.enabled()).isTrue();
    assertThat(resolved.baseUrl()).isEqualTo("http://localhost:11434/v1");
    assertThat(resolved.model()).isEqualTo("llava");
    assertThat(resolved.apiKey()).isEqualTo("sk-cap");
    assertThat(resolved.generates()).isTrue();
    assertThat(ChatSettings.DEFAULTS.resolve(CaptionSettings.DEFAULTS).generates()).isFalse();
  }

  @Test
  void ownValuesWinOverTheCaptionOnes() {
    ChatSettings own = new ChatSettings(false, "https://api.openai.com/v1", "gpt-4o", "sk-chat", 8, "high", 1024, false,
        100, 10, 50, Duration.ofSeconds(5), 1);

    ChatSettings resolved = own.resolve(CAPTIONS);

    assertThat(resolved).isEqualTo(own);
    assertThat(resolved.generates()).isFalse();
  }

  @Test
  void anEndpointOfItsOwnTurnsChatOnWhileCaptionsStayOff() {
    ChatSettings own = new ChatSettings(null, "http://127.0.0.1:8000/v1", "qwen-vl", null, 3, "low", 768, true,
        100, 10, 50, Duration.ofSeconds(5), 1);

    ChatSettings resolved = own.resolve(CaptionSettings.DEFAULTS);

    assertThat(resolved.generates()).isTrue();
    assertThat(resolved.baseUrl()).isEqualTo("http://127.0.0.1:8000/v1");
    assertThat(resolved.model()).isEqualTo("qwen-vl");
    assertThat(resolved.apiKey()).isNull();
  }

  @Test
  void badValuesAreRefusedWithTheValue() {
    assertThatThrownBy(() -> ChatSettings.DEFAULTS.withMaxImages(9)).hasMessageContaining("maxImages")
        .hasMessageContaining("9");
    assertThatThrownBy(() -> new ChatSettings(null, "ftp://x", null, null, 3, "low", 768, true, 10, 10, 50,
        Duration.ofSeconds(5), 1)).hasMessageContaining("ftp://x");
  }

  @Test
  void theKeyIsNeverPrinted() {
    assertThat(ChatSettings.DEFAULTS.resolve(CAPTIONS).toString()).doesNotContain("sk-cap").contains("apiKey=****");
  }
}
