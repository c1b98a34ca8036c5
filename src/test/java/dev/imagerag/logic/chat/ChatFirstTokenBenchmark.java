package dev.imagerag.logic.chat;

import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.openai.Reply;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * How long our side takes before the first token: retrieval, decoding and encoding the images,
 * building and sending the request, against a local server that answers at once (so the model's
 * own time is excluded). Photo-like noisy JPEGs of 2 MP (1600×1200) and 12 MP (4000×3000), 3
 * and 8 images per question. "cold": a fresh service (every image decoded and encoded); "warm":
 * the same images again (encoded images come from the cache).
 *
 * <p>A benchmark, not a test: run {@code main} with the test classpath, e.g.
 * <pre>{@code
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp target/test-classes:target/classes:$(cat cp.txt) -Xmx1g -Dai.djl.offline=true \
 *     dev.imagerag.logic.chat.ChatFirstTokenBenchmark [ROUNDS]
 * }</pre>
 * Its generated library lives in a {@code chat-bench*} folder of the temporary directory,
 * deleted at the end.
 */
public final class ChatFirstTokenBenchmark {
  private ChatFirstTokenBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path dir = Files.createTempDirectory("chat-bench");
    try {
      run(dir, rounds);
    } finally {
      try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  private static void run(Path dir, int rounds) throws Exception {
    Map<String, Map<String, String>> texts = new HashMap<>();
    for (int i = 0; i < 8; i++) {
      photo(dir.resolve("in/two" + i + ".jpg"), 1600, 1200, i, texts, "quarterly twomp report page " + i);
      photo(dir.resolve("in/twelve" + i + ".jpg"), 4000, 3000, 100 + i, texts, "quarterly twelvemp report page " + i);
    }
    System.out.printf(Locale.ROOT, "JDK %s, %d cores, max heap %d MiB; files: 2 MP %d KB, 12 MP %d KB%n",
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, Files.size(dir.resolve("in/two0.jpg")) >> 10,
        Files.size(dir.resolve("in/twelve0.jpg")) >> 10);
    try (ChatFixture fixture = ChatFixture.of(dir, texts)) {
      fixture.server.otherwise(request -> Reply.content("Yes [Image 1]."));
      System.out.println("images  size   phase  retrieval  +images      first token  (ms from the question; "
          + "median of " + rounds + ", fastest in brackets)");
      for (String size : List.of("twomp", "twelvemp")) {
        for (int count : List.of(3, 8)) {
          measure(fixture, size, count, rounds);
        }
      }
      // CPU time per image, one thread: what the wall times above cost when cores are busy elsewhere.
      ChatModel model = new dev.imagerag.infra.openai.OpenAiChatModel(fixture.settings(), Map.of());
      for (String name : List.of("two0.jpg", "twelve0.jpg")) {
        cpuPerImage(fixture, model, fixture.file(name), rounds);
      }
    }
  }

  private static void measure(ChatFixture fixture, String size, int count, int rounds) {
    ChatSettings settings = fixture.settings().withMaxImages(count);
    List<ChatTimings> cold = new ArrayList<>();
    List<ChatTimings> warm = new ArrayList<>();
    ChatQuestion question = ChatQuestion.of("quarterly " + size + " report");
    for (int round = 0; round < rounds + 1; round++) {
      ChatService chat = fixture.service(settings);
      ChatAnswer first = chat.ask(question, ChatListener.NONE, StopSignal.never());
      ChatAnswer again = chat.ask(question, ChatListener.NONE, StopSignal.never());
      if (first.images().size() != count || first.status() != AnswerStatus.COMPLETE) {
        throw new IllegalStateException("expected " + count + " images and an answer, got " + first.images().size()
            + " and " + first.status());
      }
      if (round > 0) { // the first round warms the JIT up
        cold.add(first.timings());
        warm.add(again.timings());
      }
    }
    print(count, size, "cold", cold);
    print(count, size, "warm", warm);
  }

  private static void print(int count, String size, String phase, List<ChatTimings> timings) {
    System.out.printf(Locale.ROOT, "%6d  %-5s  %-5s  %9.1f  %7.1f  %7.1f (%5.1f)%n", count,
        size.equals("twomp") ? "2 MP" : "12 MP", phase, median(timings, ChatTimings::retrieval),
        median(timings, ChatTimings::images), median(timings, ChatTimings::firstToken),
        fastest(timings, ChatTimings::firstToken));
  }

  private static double median(List<ChatTimings> timings, Function<ChatTimings, Duration> phase) {
    double[] values = timings.stream().mapToDouble(t -> phase.apply(t).toNanos() / 1e6).sorted().toArray();
    return values[values.length / 2];
  }

  private static double fastest(List<ChatTimings> timings, Function<ChatTimings, Duration> phase) {
    return timings.stream().mapToDouble(t -> phase.apply(t).toNanos() / 1e6).min().orElse(Double.NaN);
  }

  private static void cpuPerImage(ChatFixture fixture, ChatModel model, Path file, int rounds) throws Exception {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    List<Double> decode = new ArrayList<>();
    List<Double> encode = new ArrayList<>();
    int maxSide = fixture.settings().imageMaxSide();
    for (int i = 0; i < rounds + 2; i++) {
      long t0 = threads.getCurrentThreadCpuTime();
      BufferedImage pixels = fixture.lib.decoder.decode(file, maxSide,
          dev.imagerag.support.Deadline.after(Duration.ofSeconds(30))).pixels();
      long t1 = threads.getCurrentThreadCpuTime();
      EncodedImage encoded = model.encode(pixels, maxSide);
      long t2 = threads.getCurrentThreadCpuTime();
      if (i >= 2) {
        decode.add((t1 - t0) / 1e6);
        encode.add((t2 - t1) / 1e6);
      }
      if (i == 0) {
        System.out.printf(Locale.ROOT, "%s: decoded at %dx%d, sent as %s %dx%d, %d KB%n", file.getFileName(),
            pixels.getWidth(), pixels.getHeight(), encoded.mediaType(), encoded.width(), encoded.height(),
            encoded.bytes().length >> 10);
      }
    }
    decode.sort(null);
    encode.sort(null);
    System.out.printf(Locale.ROOT, "  CPU per image (median of %d): decode %.1f ms, downscale + encode %.1f ms%n",
        rounds, decode.get(decode.size() / 2), encode.get(encode.size() / 2));
  }

  /** A photo-sized JPEG: a picture plus per-pixel noise, so it compresses like a camera file. */
  private static void photo(Path file, int width, int height, long seed, Map<String, Map<String, String>> texts,
      String ocr) throws IOException {
    BufferedImage image = TestImages.picture(width, height, seed);
    Random random = new Random(seed);
    int[] row = new int[width];
    for (int y = 0; y < height; y++) {
      image.getRGB(0, y, width, 1, row, 0, width);
      for (int x = 0; x < width; x++) {
        int n = random.nextInt(25) - 12;
        int r = clamp(((row[x] >> 16) & 0xff) + n);
        int g = clamp(((row[x] >> 8) & 0xff) + n);
        int b = clamp((row[x] & 0xff) + n);
        row[x] = (r << 16) | (g << 8) | b;
      }
      image.setRGB(0, y, width, 1, row, 0, width);
    }
    TestImages.write(image, "jpeg", file);
    texts.put(file.getFileName().toString(), Map.of("ocr", ocr));
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }
}
