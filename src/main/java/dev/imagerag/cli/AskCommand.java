package dev.imagerag.cli;

import dev.imagerag.logic.chat.AnswerStatus;
import dev.imagerag.logic.chat.ChatAnswer;
import dev.imagerag.logic.chat.ChatListener;
import dev.imagerag.logic.chat.ChatOpener;
import dev.imagerag.logic.chat.ChatQuestion;
import dev.imagerag.logic.chat.ChatService;
import dev.imagerag.logic.chat.ChatSettings;
import dev.imagerag.logic.chat.SourceImage;
import dev.imagerag.logic.chat.StopSignal;
import dev.imagerag.logic.library.Library;
import dev.imagerag.logic.library.LibraryOpener;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ask QUESTION}: the answer streams to stdout as it arrives, then the images it cites. With
 * {@code --json}, one JSON line per piece of the answer and a last line with the whole answer.
 */
@Command(name = "ask", description = {
    "Ask a question about the library's images. The best-matching images go to the configured",
    "vision model (settings.json: chat, else captions), whose answer cites them as [Image n].",
    "Without a model the answer is retrieval-only: the best images and their matching text."})
final class AskCommand implements Callable<Integer> {
  @ParentCommand ImageRagCommand root;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "QUESTION", arity = "1..*", description = "The question.")
  List<String> words = new ArrayList<>();

  @Option(names = {"-k", "--k"}, paramLabel = "N",
      description = "Images to send with the question, 1 to " + ChatSettings.MAX_IMAGES
          + " (default: the library's chat.maxImages, normally 3).")
  Integer k;

  @Option(names = "--conversation", paramLabel = "ID",
      description = "Continue this conversation (its earlier turns go with the question).")
  Long conversation;

  @Option(names = "--filter", paramLabel = "KEY=VALUE",
      description = "Consider only matching images; as for search. Repeatable; all must hold.")
  List<String> filters = new ArrayList<>();

  @Override
  public Integer call() {
    String text = String.join(" ", words).strip();
    if (text.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "give a QUESTION to ask");
    }
    if (k != null && (k < 1 || k > ChatSettings.MAX_IMAGES)) {
      throw new ParameterException(spec.commandLine(),
          "--k must be between 1 and " + ChatSettings.MAX_IMAGES + ", got " + k);
    }
    if (!(root.context.opener() instanceof ChatOpener chats)) {
      throw new IllegalStateException("this build cannot answer questions (no chat wiring)");
    }
    ChatQuestion question = ChatQuestion.of(text).inConversation(conversation)
        .withFilter(FilterOption.parse(filters)).withMaxImages(k == null ? 0 : k);
    PrintWriter out = root.context.out();
    StopSignal stop = new StopSignal();
    // Ctrl+C: stop the answer (what streamed is kept and its citations printed), close cleanly.
    try (CancelOnInterrupt interrupt = new CancelOnInterrupt(stop::stop, 30);
        Library library = root.open(LibraryOpener.Access.READ); ChatService chat = chats.open(library)) {
      ChatAnswer answer = chat.ask(question, root.json ? jsonTokens(out) : textTokens(out), stop);
      if (root.json) {
        out.println(Json.line(toJson(answer)));
      } else {
        printText(answer, out);
      }
      out.flush();
      return report(chat, answer, root.context.err());
    }
  }

  private static ChatListener textTokens(PrintWriter out) {
    return new ChatListener() {
      @Override
      public void onToken(String piece) {
        out.print(piece);
        out.flush();
      }
    };
  }

  private static ChatListener jsonTokens(PrintWriter out) {
    return new ChatListener() {
      @Override
      public void onToken(String piece) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "token");
        line.put("text", piece);
        out.println(Json.line(line));
        out.flush();
      }
    };
  }

  private static void printText(ChatAnswer answer, PrintWriter out) {
    out.println();
    if (answer.images().isEmpty()) {
      return;
    }
    boolean citesAny = answer.images().stream().anyMatch(i -> cited(answer, i));
    out.println();
    out.println(citesAny ? "Cited images:" : "Images shown (none cited):");
    for (SourceImage image : answer.images()) {
      if (!citesAny || cited(answer, image)) {
        out.printf(Locale.ROOT, "  [Image %d]  %8.4f  %s%n", image.number(), image.score(), image.path());
      }
    }
  }

  private static boolean cited(ChatAnswer answer, SourceImage image) {
    return answer.citations().stream().anyMatch(c -> c.number() == image.number());
  }

  /**
   * Notices go to stderr; the exit code is 1 when the model failed, or when a configured model
   * could not be reached and the answer fell back to retrieval only.
   */
  private static int report(ChatService chat, ChatAnswer answer, PrintWriter err) {
    answer.notices().forEach(n -> err.println("note: " + n));
    boolean fellBack = chat.generates() && answer.status() == AnswerStatus.RETRIEVAL_ONLY
        && !answer.images().isEmpty();
    if (answer.status() == AnswerStatus.FAILED) {
      err.println("error: " + answer.error());
      return Cli.FAILURE;
    }
    if (fellBack) {
      err.println("error: could not reach the chat model (" + chat.describe() + "); the answer above is "
          + "retrieval-only.");
      return Cli.FAILURE;
    }
    return Cli.OK;
  }

  static Map<String, Object> toJson(ChatAnswer answer) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("type", "answer");
    line.put("text", answer.text());
    line.put("generated", answer.generated());
    line.put("status", answer.status().id());
    line.put("conversation", answer.conversationId());
    line.put("model", answer.turn().model());
    line.put("error", answer.error());
    List<Map<String, Object>> citations = new ArrayList<>();
    List<Map<String, Object>> images = new ArrayList<>();
    for (SourceImage image : answer.images()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("number", image.number());
      entry.put("id", image.id().hex());
      entry.put("path", image.path());
      entry.put("score", image.score());
      if (cited(answer, image)) {
        citations.add(entry);
      }
      Map<String, Object> shown = new LinkedHashMap<>(entry);
      shown.put("cited", cited(answer, image));
      images.add(shown);
    }
    line.put("citations", citations);
    line.put("images", images);
    line.put("unknownCitations", answer.unknownCitations());
    line.put("notices", answer.notices());
    return line;
  }
}
