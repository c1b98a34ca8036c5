package dev.imagerag.infra.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.logic.caption.Caption;
import dev.imagerag.logic.caption.CaptionSettings;
import dev.imagerag.logic.caption.CaptionStage;
import dev.imagerag.logic.caption.Captioner;
import dev.imagerag.logic.caption.CostMeter;
import dev.imagerag.logic.eval.Latencies;
import dev.imagerag.logic.ingest.ImportRequest;
import dev.imagerag.logic.ingest.ImportSettings;
import dev.imagerag.logic.ingest.ImportSummary;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.TestLibrary;
import dev.imagerag.testing.openai.OpenAiTestServer;
import dev.imagerag.testing.openai.Reply;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Caption throughput of the caption stage with {@link OpenAiCaptioner} at concurrency 1, 2, 4 and 8
 * ({@code captions.maxConcurrency}, which is also the stage's worker count), against the local
 * OpenAI-compatible server answering every request after a fixed delay that stands in for the
 * model's time. Each image goes the whole way: decoded from a 2 MP JPEG, downscaled to 768 px,
 * encoded as a data URL, sent, its JSON answer parsed and stored in the catalog. Prints requests/s,
 * the ideal (concurrency / delay) and p50/p95 of one caption call. A manual benchmark, not a timed
 * test:
 *
 * <pre>mvn -B test -Dtest=CaptionThroughputBenchmarkTest -Dimagerag.benchmark=true
 *     [-Dimagerag.benchmark.captions=48] [-Dimagerag.benchmark.captionDelayMs=300]</pre>
 *
 * prints a table and writes it to {@code target/caption-benchmark.txt}. The smoke test runs the
 * same code on a few images with no delay so the harness keeps working; its numbers mean nothing.
 */
@Tag("benchmark")
class CaptionThroughputBenchmarkTest {
  private static final String ANSWER = """
      {"description": "A harbour with fishing boats at dusk.", "elements": ["boats", "pier", "lighthouse"],
       "text": "", "tags": ["harbour", "boats", "dusk"], "category": "photo"}""";

  @TempDir Path dir;

  @Test
  @EnabledIfSystemProperty(named = "imagerag.benchmark", matches = "true",
      disabledReason = "benchmark: run with -Dimagerag.benchmark=true")
  void captionRequestsPerSecondAtEachConcurrency() throws Exception {
    int images = Integer.getInteger("imagerag.benchmark.captions", 48);
    Duration delay = Duration.ofMillis(Integer.getInteger("imagerag.benchmark.captionDelayMs", 300));
    Path folder = photos(images);
    List<String> rows = new ArrayList<>();
    rows.add(String.format(Locale.ROOT, "%d images (2 MP JPEG), server delay %d ms, JDK %s, %d cores", images,
        delay.toMillis(), System.getProperty("java.version"), Runtime.getRuntime().availableProcessors()));
    rows.add("concurrency  requests/s  ideal  p50 ms  p95 ms  max in flight");
    for (int concurrency : List.of(1, 2, 4, 8)) {
      rows.add(measure(folder, concurrency, delay, images).row());
    }
    rows.forEach(System.out::println);
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target", "caption-benchmark.txt"), rows);
  }

  @Test
  void theHarnessRunsAgainstTheLocalServer() throws Exception {
    Measurement smoke = measure(photos(4), 2, Duration.ZERO, 4);

    assertThat(smoke.requests()).isEqualTo(4);
    assertThat(smoke.latencies().count()).isEqualTo(4);
    assertThat(smoke.maxInFlight()).isBetween(1, 2);
    assertThat(smoke.requestsPerSecond()).isPositive();
  }

  private Path photos(int count) {
    Path folder = dir.resolve("photos");
    for (int i = 0; i < count; i++) {
      TestImages.jpeg(folder.resolve("photo" + i + ".jpg"), 1600, 1200, i);
    }
    return folder;
  }

  /** What one concurrency level measured. */
  private record Measurement(
      int concurrency, Duration delay, long requests, double seconds, Latencies latencies, int maxInFlight) {
    double requestsPerSecond() {
      return requests / seconds;
    }

    String row() {
      double ideal = delay.isZero() ? Double.NaN : concurrency * 1000.0 / delay.toMillis();
      return String.format(Locale.ROOT, "%11d  %10.2f  %5.1f  %6.0f  %6.0f  %d", concurrency, requestsPerSecond(),
          ideal, latencies.p50(), latencies.p95(), maxInFlight);
    }
  }

  /**
   * Imports the folder into a fresh library with only the caption stage, then times the stage
   * over all its images.
   */
  private Measurement measure(Path folder, int concurrency, Duration delay, int images) throws Exception {
    try (OpenAiTestServer server = OpenAiTestServer.start();
        OpenAiCaptioner captioner = new OpenAiCaptioner(settings(server, concurrency), Map.of())) {
      CaptionSettings settings = settings(server, concurrency);
      server.otherwise(request -> Reply.content(ANSWER).withDelay(delay));
      TimedCaptioner timed = new TimedCaptioner(captioner);
      try (TestLibrary library = TestLibrary.open(dir.resolve("library-" + concurrency), ImportSettings.DEFAULTS,
          lib -> List.of(new CaptionStage(lib.catalog, lib.decoder, timed, settings, ImportSettings.DEFAULTS,
              CostMeter.of(settings))))) {
        library.run(new ImportRequest(List.of(folder), false, false, Set.of()));
        long start = System.nanoTime();
        ImportSummary summary = library.run(ImportRequest.stagesOnly(Set.of(CaptionStage.NAME)));
        double seconds = (System.nanoTime() - start) / 1e9;
        long done = summary.stages().get(CaptionStage.NAME).done();
        if (done != images || !summary.errors().isEmpty()) {
          throw new IllegalStateException("expected " + images + " captions, got " + done + " " + summary.errors());
        }
        return new Measurement(concurrency, delay, server.requests().size(), seconds, timed.latencies(),
            server.maxInFlight());
      }
    }
  }

  /** Captions as configured by default (768 px, detail low) but at {@code concurrency}, without retries. */
  private static CaptionSettings settings(OpenAiTestServer server, int concurrency) {
    return new CaptionSettings(true, server.baseUrl(), "vision-bench", null, concurrency, Duration.ofSeconds(30), 0,
        768, "low", 0.15, 0.60);
  }

  /** Times each call of the real captioner: downscale, encode, send, wait, parse. */
  private static final class TimedCaptioner implements Captioner {
    private final Captioner captioner;
    private final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();

    TimedCaptioner(Captioner captioner) {
      this.captioner = captioner;
    }

    @Override
    public String model() {
      return captioner.model();
    }

    @Override
    public String promptVersion() {
      return captioner.promptVersion();
    }

    @Override
    public Caption caption(BufferedImage image) {
      long start = System.nanoTime();
      Caption caption = captioner.caption(image);
      nanos.add(System.nanoTime() - start);
      return caption;
    }

    Latencies latencies() {
      return Latencies.ofNanos(nanos.stream().mapToLong(Long::longValue).toArray());
    }
  }
}
