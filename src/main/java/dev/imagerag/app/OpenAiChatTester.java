package dev.imagerag.app;

import dev.imagerag.infra.openai.OpenAiChatModel;
import dev.imagerag.logic.chat.ChatPart;
import dev.imagerag.logic.chat.ChatPrompt;
import dev.imagerag.logic.chat.ChatReply;
import dev.imagerag.logic.chat.ChatSettings;
import dev.imagerag.logic.chat.StopSignal;
import dev.imagerag.ui.settings.ChatTester;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The settings dialog's chat Test button: one short question about a 64-pixel picture of a red
 * circle, with no retries and a short timeout, through the same client the chat pane uses.
 */
public final class OpenAiChatTester implements ChatTester {
  private final Map<String, String> environment;

  /** @param environment the process environment (for {@code OPENAI_API_KEY}) */
  public OpenAiChatTester(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public String test(ChatSettings settings) {
    ChatSettings probe = new ChatSettings(true, settings.baseUrl(), settings.model(), settings.apiKey(), 1,
        settings.detail(), 64, true, 200, 0, 64, Duration.ofSeconds(30), 0);
    long start = System.nanoTime();
    try (OpenAiChatModel model = new OpenAiChatModel(probe, environment)) {
      ChatPrompt prompt = new ChatPrompt("Answer in a few words.", List.of(), List.of(
          new ChatPart.Text("What shape and colour is in this picture?"),
          new ChatPart.Image(model.encode(OpenAiCaptionTester.redCircle(), 64), settings.detail())), 64);
      ChatReply reply = model.stream(prompt, piece -> { }, new StopSignal());
      double seconds = (System.nanoTime() - start) / 1e9;
      String one = reply.text().replaceAll("\\s+", " ").strip();
      String said = one.isEmpty() ? "(an empty answer)" : "“" + (one.length() > 120 ? one.substring(0, 117) + "…" : one) + "”";
      return String.format(Locale.ROOT, "It works: %s answered in %.1f s: %s",
          reply.model() == null || reply.model().isBlank() ? settings.model() : reply.model(), seconds, said);
    }
  }
}
