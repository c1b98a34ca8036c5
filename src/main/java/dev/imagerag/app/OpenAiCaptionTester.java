package dev.imagerag.app;

import dev.imagerag.infra.openai.OpenAiCaptioner;
import dev.imagerag.logic.caption.Caption;
import dev.imagerag.logic.caption.CaptionSettings;
import dev.imagerag.ui.settings.CaptionTester;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The settings dialog's Test button: one caption request for a 64-pixel picture of a red circle,
 * with no retries and a short timeout, through the same client the caption stage uses.
 */
final class OpenAiCaptionTester implements CaptionTester {
  private final Map<String, String> environment;

  OpenAiCaptionTester(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public String test(CaptionSettings settings) {
    CaptionSettings probe = new CaptionSettings(true, settings.baseUrl(), settings.model(), settings.apiKey(), 1,
        Duration.ofSeconds(30), 0, 64, "low", settings.inputPricePerMillion(), settings.outputPricePerMillion());
    long start = System.nanoTime();
    try (OpenAiCaptioner captioner = new OpenAiCaptioner(probe, environment)) {
      Caption caption = captioner.caption(redCircle());
      double seconds = (System.nanoTime() - start) / 1e9;
      String said = caption.description().isBlank() ? "(an empty description)" : "“" + abbreviate(caption.description()) + "”";
      return String.format(Locale.ROOT, "It works: %s answered in %.1f s: %s", caption.model(), seconds, said);
    }
  }

  private static String abbreviate(String text) {
    String one = text.replaceAll("\\s+", " ").strip();
    return one.length() > 120 ? one.substring(0, 117) + "…" : one;
  }

  static BufferedImage redCircle() {
    BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, 64, 64);
      g.setColor(new Color(220, 30, 30));
      g.fillOval(12, 12, 40, 40);
    } finally {
      g.dispose();
    }
    return image;
  }
}
