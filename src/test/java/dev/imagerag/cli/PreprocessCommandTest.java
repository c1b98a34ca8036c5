package dev.imagerag.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.imagerag.app.AppLibraryOpener;
import dev.imagerag.testing.CliRun;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code models preprocess} writes exactly the tensor the reference processors compute: checked
 * against values made with Pillow + numpy (see src/test/resources/preprocess/make_golden.py).
 */
class PreprocessCommandTest {
  @TempDir Path dir;

  private CliRun run(String... args) {
    return CliRunner.run(new AppLibraryOpener(), Map.of(), dir.resolve("home"), args);
  }

  private Path resource(String name) throws IOException {
    Path file = dir.resolve(name.substring(name.lastIndexOf('/') + 1));
    try (InputStream in = getClass().getResourceAsStream("/preprocess/" + name)) {
      assertThat(in).as(name).isNotNull();
      Files.copy(in, file);
    }
    return file;
  }

  @Test
  void theTensorOfTheDefaultClipModelMatchesTheReference() throws IOException {
    Path image = resource("inputs/photo_1000x700.png");
    Path out = dir.resolve("tensor.bin");

    CliRun run = run("models", "preprocess", "--models", dir.resolve("models").toString(), "--model", "clip-vit-b32",
        "--image", image.toString(), "--out", out.toString(), "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.json().get("shape").toString()).isEqualTo("[1,3,224,224]");
    float[] tensor = read(out);
    assertThat(tensor).hasSize(3 * 224 * 224);
    String golden = new String(getClass().getResourceAsStream("/preprocess/tensors/photo_1000x700_clip_224.txt")
        .readAllBytes(), StandardCharsets.UTF_8);
    int compared = 0;
    for (String line : golden.split("\\R")) {
      String[] parts = line.strip().split("\\s+");
      if (line.startsWith("#") || parts.length != 2 || !parts[0].matches("\\d+")) {
        continue;
      }
      assertThat(tensor[Integer.parseInt(parts[0])]).as("element %s", parts[0])
          .isCloseTo(Float.parseFloat(parts[1]), within(1e-6f));
      compared++;
    }
    assertThat(compared).isGreaterThan(100);
  }

  @Test
  void anUnknownModelIsAClearError() throws IOException {
    Path image = resource("inputs/noise_50x30.png");

    CliRun run = run("models", "preprocess", "--models", dir.resolve("models").toString(), "--model", "nope",
        "--image", image.toString(), "--out", dir.resolve("t.bin").toString());

    assertThat(run.exitCode()).isEqualTo(Cli.FAILURE);
    assertThat(run.err()).contains("nope").contains("clip-vit-b32");
  }

  private static float[] read(Path file) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    float[] values = new float[bytes.remaining() / Float.BYTES];
    bytes.asFloatBuffer().get(values);
    return values;
  }
}
