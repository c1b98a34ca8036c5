package dev.imagerag.testing;

import dev.imagerag.logic.embed.ModelManifest;
import dev.imagerag.logic.embed.ModelManifest.ImageSpec;
import dev.imagerag.logic.embed.ModelManifest.ModelFile;
import dev.imagerag.logic.embed.ModelManifest.Padding;
import dev.imagerag.logic.embed.ModelManifest.ResizeRule;
import dev.imagerag.logic.embed.ModelManifest.TextSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A small fake model (random bytes under the three file names of a real one) served by a
 * {@link ModelFileServer}, with its manifest as a record or as a user's {@code <id>.json}.
 */
public final class TestModel {
  public static final String VISION = ModelManifest.VISION_FILE;
  public static final String TEXT = ModelManifest.TEXT_FILE;
  public static final String TOKENIZER = ModelManifest.TOKENIZER_FILE;

  private final String id;
  private final ModelFileServer server;
  private final Map<String, byte[]> files = new LinkedHashMap<>();

  private TestModel(String id, ModelFileServer server) {
    this.id = id;
    this.server = server;
  }

  /** Serves a model of about 3.3 MiB: vision 3 MiB, text 256 KiB, tokenizer 20 KiB. */
  public static TestModel serve(ModelFileServer server, String id) {
    TestModel model = new TestModel(id, server);
    model.files.put(VISION, server.add(model.path(VISION), 3 << 20, 1));
    model.files.put(TEXT, server.add(model.path(TEXT), 256 << 10, 2));
    model.files.put(TOKENIZER, server.add(model.path(TOKENIZER), 20 << 10, 3));
    return model;
  }

  public String id() {
    return id;
  }

  /** The server path of a file: {@code /<id>/<name>}. */
  public String path(String name) {
    return "/" + id + "/" + name;
  }

  public byte[] bytes(String name) {
    return files.get(name);
  }

  public long totalBytes() {
    return files.values().stream().mapToLong(b -> b.length).sum();
  }

  /** Every file pinned to its size and SHA-256. */
  public ModelManifest manifest() {
    return manifest(List.of());
  }

  /** Files named in {@code unpinned} have no size and no SHA-256 (like an unpinned upstream). */
  public ModelManifest manifest(List<String> unpinned) {
    List<ModelFile> list = files.keySet().stream().map(name -> unpinned.contains(name)
        ? new ModelFile(name, server.url(path(name)), -1, null)
        : new ModelFile(name, server.url(path(name)), files.get(name).length, sha256(files.get(name)))).toList();
    return new ModelManifest(id, "Test model " + id, "clip", 4, "test", image(), text(), list, "MIT",
        "served by the test", false);
  }

  /** The same manifest with another URL or checksum for one file (to simulate a bad server). */
  public ModelManifest manifestWith(String name, String url, String sha256) {
    ModelManifest m = manifest();
    List<ModelFile> list = m.files().stream().map(f -> f.name().equals(name)
        ? new ModelFile(name, url == null ? f.url() : url, f.size(), sha256 == null ? f.sha256() : sha256) : f)
        .toList();
    return new ModelManifest(id, m.name(), m.family(), m.dimension(), m.revision(), m.image(), m.text(), list,
        m.license(), m.description(), false);
  }

  /** Writes the pinned manifest as {@code <folder>/<id>.json}, in the models/README.md format. */
  public Path writeUserManifest(Path folder) {
    String fileEntries = files.entrySet().stream().map(e -> String.format(Locale.ROOT,
        "    {\"name\": \"%s\", \"url\": \"%s\", \"size\": %d, \"sha256\": \"%s\"}",
        e.getKey(), server.url(path(e.getKey())), e.getValue().length, sha256(e.getValue())))
        .collect(Collectors.joining(",\n"));
    String json = """
        {
          "id": "%s",
          "name": "Test model %s",
          "family": "clip",
          "dimension": 4,
          "revision": "test",
          "image": {"size": 32, "resize": "SHORTEST_SIDE_THEN_CENTER_CROP", "mean": [0.5, 0.5, 0.5],
                    "std": [0.5, 0.5, 0.5], "inputName": "pixel_values", "outputName": "image_embeds"},
          "text": {"maxTokens": 16, "padding": "MAX_LENGTH", "inputIdsName": "input_ids",
                   "attentionMaskName": "attention_mask", "outputName": "text_embeds"},
          "files": [
        %s
          ]
        }
        """.formatted(id, id, fileEntries);
    try {
      Files.createDirectories(folder);
      return Files.writeString(folder.resolve(id + ".json"), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ImageSpec image() {
    return new ImageSpec(32, ResizeRule.SHORTEST_SIDE_THEN_CENTER_CROP, new float[] {0.5f, 0.5f, 0.5f},
        new float[] {0.5f, 0.5f, 0.5f}, "pixel_values", "image_embeds");
  }

  private static TextSpec text() {
    return new TextSpec(16, Padding.MAX_LENGTH, "input_ids", "attention_mask", "text_embeds");
  }
}
