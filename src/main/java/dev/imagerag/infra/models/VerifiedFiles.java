package dev.imagerag.infra.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sidecar {@code <model folder>/.verified.json}: checksums already computed, so that
 * {@code state()} needs only file sizes and a 350 MB file is hashed once, not on every start.
 *
 * <pre>{@code
 * {
 *   "files":         { "<name>": { "size": 351685709, "mtime": 1732540000000, "sha256": "fd6e…" } },
 *   "firstDownload": { "<name>": { "size": 2398744, "sha256": "4a17…", "url": "https://…" } }
 * }
 * }</pre>
 *
 * {@code files} says "the file of this size and modification time (ms) had this SHA-256" — right or
 * wrong; the caller compares it with what is expected. {@code firstDownload} holds, for files
 * whose manifest publishes no checksum, the checksum trusted on their first download; later
 * verifications compare against it. A missing or unreadable sidecar only costs a re-hash.
 * Not thread-safe: the installer serialises access.
 */
final class VerifiedFiles {
  static final String FILE_NAME = ".verified.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** A checksum computed for one version (size + modification time) of a file. */
  record Observed(long size, long mtimeMillis, String sha256) { }

  /** A checksum trusted on first download for a file whose manifest publishes none. */
  record Trusted(long size, String sha256, String url) { }

  private final Path file;
  private final Map<String, Observed> observed = new LinkedHashMap<>();
  private final Map<String, Trusted> trusted = new LinkedHashMap<>();

  private VerifiedFiles(Path file) {
    this.file = file;
  }

  /** Loads the sidecar of a model folder; an absent or damaged one reads as empty. */
  static VerifiedFiles load(Path modelFolder) {
    VerifiedFiles result = new VerifiedFiles(modelFolder.resolve(FILE_NAME));
    if (!Files.isRegularFile(result.file)) {
      return result;
    }
    try {
      JsonNode root = JSON.readTree(result.file.toFile());
      for (Iterator<Map.Entry<String, JsonNode>> it = root.path("files").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        result.observed.put(e.getKey(), new Observed(v.path("size").asLong(-1), v.path("mtime").asLong(-1),
            v.path("sha256").asText("")));
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = root.path("firstDownload").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        result.trusted.put(e.getKey(), new Trusted(v.path("size").asLong(-1), v.path("sha256").asText(""),
            v.path("url").asText("")));
      }
    } catch (IOException e) {
      // A damaged sidecar is only a cache of checksums: forget it, files get hashed again.
      result.observed.clear();
      result.trusted.clear();
    }
    return result;
  }

  /** The checksum recorded for this exact version of the file, if any. */
  Optional<String> observedSha256(String name, long size, long mtimeMillis) {
    Observed o = observed.get(name);
    return o != null && o.size() == size && o.mtimeMillis() == mtimeMillis && !o.sha256().isEmpty()
        ? Optional.of(o.sha256()) : Optional.empty();
  }

  Optional<Trusted> trusted(String name) {
    Trusted t = trusted.get(name);
    return t == null || t.sha256().isEmpty() ? Optional.empty() : Optional.of(t);
  }

  void recordObserved(String name, long size, long mtimeMillis, String sha256) {
    observed.put(name, new Observed(size, mtimeMillis, sha256));
  }

  void recordTrusted(String name, long size, String sha256, String url) {
    trusted.put(name, new Trusted(size, sha256, url));
  }

  void forget(String name) {
    observed.remove(name);
  }

  /** Writes the sidecar atomically (temporary file, then rename). */
  void save() throws IOException {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode files = root.putObject("files");
    observed.forEach((name, o) -> files.putObject(name).put("size", o.size()).put("mtime", o.mtimeMillis())
        .put("sha256", o.sha256()));
    ObjectNode first = root.putObject("firstDownload");
    trusted.forEach((name, t) -> first.putObject(name).put("size", t.size()).put("sha256", t.sha256())
        .put("url", t.url()));
    Files.createDirectories(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), ".verified", ".tmp");
    try {
      JSON.writeValue(temp.toFile(), root);
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
