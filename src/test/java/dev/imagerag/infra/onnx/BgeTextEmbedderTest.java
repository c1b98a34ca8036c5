package dev.imagerag.infra.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.imagerag.logic.embed.Vectors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real bge-small-en-v1.5 model shipped in the Maven artifact, through DJL + ONNX Runtime. */
class BgeTextEmbedderTest {
  private static BgeTextEmbedder bge;

  @BeforeAll
  static void load() {
    bge = new BgeTextEmbedder(2, Duration.ofMinutes(5));
  }

  @AfterAll
  static void unload() {
    bge.close();
  }

  @Test
  void similarSentencesAreCloserThanUnrelatedOnes() {
    List<float[]> v = bge.embedTexts(List.of("a cat sitting on a sofa", "a kitten on a couch", "stock market crash"));

    double close = Vectors.dot(v.get(0), v.get(1));
    double far = Vectors.dot(v.get(0), v.get(2));
    assertThat(close).isGreaterThan(far + 0.3);
    assertThat(close).isCloseTo(0.847, within(0.02));
  }

  @Test
  void vectorsAreUnitLengthAnd384Wide() {
    float[] v = bge.embedTexts(List.of("connection refused on port 5432")).get(0);

    assertThat(v).hasSize(384);
    assertThat(Vectors.dot(v, v)).isCloseTo(1.0, within(1e-5));
  }

  @Test
  void aTextsVectorDoesNotDependOnTheOtherTextsInTheCall() {
    List<String> texts = List.of("short", "a somewhat longer sentence about payroll exports failing", "x");

    List<float[]> batch = bge.embedTexts(texts);
    List<float[]> single = new ArrayList<>();
    for (String t : texts) {
      single.add(bge.embedTexts(List.of(t)).get(0));
    }

    for (int i = 0; i < texts.size(); i++) {
      assertThat(Vectors.dot(batch.get(i), single.get(i))).as("text %d", i).isCloseTo(1.0, within(1e-6));
    }
  }

  @Test
  void textsLongerThanTheWindowAreTruncatedNotRejected() {
    String longText = String.join(" ", Collections.nCopies(2000, "error"));

    float[] v = bge.embedTexts(List.of(longText)).get(0);

    assertThat(v).hasSize(384);
  }

  @Test
  void emptyInputGivesNoVectors() {
    assertThat(bge.embedTexts(List.of())).isEmpty();
  }
}
