package dev.imagerag.cli;

import dev.imagerag.domain.ImageRagException;
import dev.imagerag.logic.embed.ImagePreprocessor;
import dev.imagerag.logic.embed.ModelManifest;
import dev.imagerag.logic.ingest.DecodeException;
import dev.imagerag.logic.ingest.DecodedImage;
import dev.imagerag.support.Deadline;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code models preprocess}: writes the exact input tensor a model's vision tower gets for an
 * image, to compare with other implementations (e.g. Hugging Face's processor in Python).
 */
@Command(name = "preprocess", mixinStandardHelpOptions = true, description = {
    "Write the vision tower's input for one image: little-endian float32, NCHW with N = 1, shape",
    "[1, 3, size, size]. The image is decoded as for indexing (EXIF orientation applied)."})
final class PreprocessCommand implements Callable<Integer> {
  /** The same pixel budget the visual stage decodes with. */
  private static final long PIXEL_BUDGET = 24_000_000L;

  @ParentCommand ModelsCommand models;

  @Option(names = "--model", paramLabel = "ID", required = true, description = "The model whose preprocessing to apply.")
  String modelId;

  @Option(names = "--image", paramLabel = "FILE", required = true, description = "The image to preprocess.")
  Path image;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where to write the tensor.")
  Path out;

  @Override
  public Integer call() throws IOException {
    ImageRagCommand root = models.root;
    ModelManifest manifest = models.installer().manifest(modelId);
    if (root.context.decoder() == null) {
      throw new ImageRagException("Images cannot be read from this program.");
    }
    DecodedImage decoded;
    try {
      decoded = root.context.decoder().decodeWithin(image, PIXEL_BUDGET, Deadline.after(Duration.ofSeconds(60)));
    } catch (DecodeException e) {
      throw new ImageRagException("Cannot read " + image + ": " + e.skip(), e);
    }
    float[] tensor = ImagePreprocessor.toTensor(decoded.pixels(), manifest.image());
    write(tensor, out);
    int size = manifest.image().size();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("model", manifest.id());
    result.put("image", image.toString());
    result.put("out", out.toString());
    result.put("shape", List.of(1, 3, size, size));
    result.put("dtype", "float32");
    result.put("byteOrder", "little-endian");
    result.put("resize", manifest.image().resize().name().toLowerCase(Locale.ROOT));
    if (root.json) {
      root.context.out().println(Json.line(result));
    } else {
      root.context.out().printf("Wrote %s: float32 little-endian [1, 3, %d, %d] for %s (%s).%n",
          out, size, size, manifest.id(), image);
    }
    return Cli.OK;
  }

  private static void write(float[] tensor, Path file) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(tensor.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(tensor);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream stream = Files.newOutputStream(file)) {
      stream.write(bytes.array());
    }
  }
}
