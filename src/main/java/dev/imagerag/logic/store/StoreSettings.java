package dev.imagerag.logic.store;

import dev.imagerag.support.Checks;
import dev.imagerag.support.Sha256;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which index a library uses: the embedded one in the library folder, or a collection on a Qdrant
 * server (gRPC).
 *
 * @param kind embedded (Lucene, the default) or qdrant
 * @param url the Qdrant gRPC endpoint, {@code http://HOST:PORT} (plain text) or
 *     {@code https://HOST:PORT} (TLS); the port defaults to 6334, Qdrant's gRPC port (6333 is its
 *     REST port). Ignored for embedded.
 * @param apiKey Qdrant's API key, or null for none (or the {@code QDRANT_API_KEY} variable, which
 *     the application consults). A secret: masked by {@link #toString()}, never logged.
 * @param collection the collection holding this library's index, or null for
 *     {@link #defaultCollection(Path)}. Letters, digits, '-', '_' and '.'.
 * @param timeout for one request to the server
 */
public record StoreSettings(Kind kind, String url, String apiKey, String collection, Duration timeout) {
  public static final int DEFAULT_GRPC_PORT = 6334;
  public static final int REST_PORT = 6333;
  public static final String DEFAULT_URL = "http://localhost:" + DEFAULT_GRPC_PORT;
  public static final StoreSettings DEFAULTS =
      new StoreSettings(Kind.EMBEDDED, DEFAULT_URL, null, null, Duration.ofSeconds(30));

  private static final Pattern COLLECTION = Pattern.compile("[A-Za-z0-9_.-]{1,200}");

  /** Where the index lives. */
  public enum Kind {
    EMBEDDED("embedded"),
    QDRANT("qdrant");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    /** Parses "embedded" or "qdrant" (any case); the message lists both otherwise. */
    public static Kind fromId(String id) {
      for (Kind kind : values()) {
        if (kind.id.equalsIgnoreCase(String.valueOf(id).strip())) {
          return kind;
        }
      }
      throw new IllegalArgumentException("store must be embedded or qdrant, got '" + id + "'");
    }
  }

  public StoreSettings {
    Objects.requireNonNull(kind, "kind");
    Checks.requireNonBlank(url, "url");
    url = url.strip();
    endpoint(url);
    apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    collection = collection == null || collection.isBlank() ? null : collection.strip();
    if (collection != null && !COLLECTION.matcher(collection).matches()) {
      throw new IllegalArgumentException("collection must be 1 to 200 letters, digits, '-', '_' or '.', got '"
          + collection + "'");
    }
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
  }

  /** The embedded store with default settings for the rest. */
  public static StoreSettings embedded() {
    return DEFAULTS;
  }

  /** A Qdrant store at {@code url} with the default collection, no API key. */
  public static StoreSettings qdrant(String url) {
    return DEFAULTS.withKind(Kind.QDRANT).withUrl(url);
  }

  public boolean isQdrant() {
    return kind == Kind.QDRANT;
  }

  /** True for an {@code https://} URL: the connection uses TLS. */
  public boolean tls() {
    return url.regionMatches(true, 0, "https://", 0, 8);
  }

  public String host() {
    return endpoint(url).getHost();
  }

  /** The URL's port, else {@value #DEFAULT_GRPC_PORT}. */
  public int port() {
    int port = endpoint(url).getPort();
    return port < 0 ? DEFAULT_GRPC_PORT : port;
  }

  /** The server as a canonical URL, {@code http(s)://host:port}, for messages and comparisons. */
  public String endpoint() {
    return (tls() ? "https://" : "http://") + host() + ":" + port();
  }

  /** The collection to use for the library in {@code libraryRoot}: the configured one, else the default. */
  public String collectionFor(Path libraryRoot) {
    return collection != null ? collection : defaultCollection(libraryRoot);
  }

  /**
   * A collection name that tells libraries apart on a shared server: {@code image-rag-}, the
   * library folder's name (lower case, other characters as '-', at most 40) and 8 hex digits of
   * the SHA-256 of its absolute path. Moving the folder changes it; save it in the settings to keep
   * it.
   */
  public static String defaultCollection(Path libraryRoot) {
    Path root = libraryRoot.toAbsolutePath().normalize();
    String name = root.getFileName() == null ? "library" : root.getFileName().toString();
    String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (slug.isEmpty()) {
      slug = "library";
    }
    if (slug.length() > 40) {
      slug = slug.substring(0, 40);
    }
    byte[] digest = Sha256.of(root.toString().getBytes(StandardCharsets.UTF_8));
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      hex.append(String.format("%02x", digest[i]));
    }
    return "image-rag-" + slug + "-" + hex;
  }

  /**
   * These settings with what was given for one run (command-line options); null or blank values
   * keep the setting.
   *
   * @param newKind "embedded" or "qdrant"
   */
  public StoreSettings withOverrides(String newKind, String newUrl, String newApiKey, String newCollection) {
    StoreSettings result = this;
    if (newKind != null && !newKind.isBlank()) {
      result = result.withKind(Kind.fromId(newKind));
    }
    if (newUrl != null && !newUrl.isBlank()) {
      result = result.withUrl(newUrl);
    }
    if (newApiKey != null && !newApiKey.isBlank()) {
      result = result.withApiKey(newApiKey);
    }
    if (newCollection != null && !newCollection.isBlank()) {
      result = result.withCollection(newCollection);
    }
    return result;
  }

  public StoreSettings withKind(Kind newKind) {
    return new StoreSettings(newKind, url, apiKey, collection, timeout);
  }

  public StoreSettings withUrl(String newUrl) {
    return new StoreSettings(kind, newUrl, apiKey, collection, timeout);
  }

  public StoreSettings withApiKey(String newApiKey) {
    return new StoreSettings(kind, url, newApiKey, collection, timeout);
  }

  public StoreSettings withCollection(String newCollection) {
    return new StoreSettings(kind, url, apiKey, newCollection, timeout);
  }

  public StoreSettings withTimeout(Duration newTimeout) {
    return new StoreSettings(kind, url, apiKey, collection, newTimeout);
  }

  /** "embedded" or "qdrant http://host:6334 (collection NAME)"; never the key. */
  public String describe() {
    if (kind == Kind.EMBEDDED) {
      return "embedded";
    }
    return "qdrant " + url + (collection == null ? "" : " (collection " + collection + ")");
  }

  /** The key is masked: records print every field, and settings end up in logs and errors. */
  @Override
  public String toString() {
    return "StoreSettings[kind=" + kind.id() + ", url=" + url + ", apiKey=" + (apiKey == null ? "none" : "****")
        + ", collection=" + (collection == null ? "default" : collection) + ", timeout=" + timeout + "]";
  }

  /** Accepts {@code http://host[:port]}, {@code https://host[:port]} and {@code host[:port]} (plain text). */
  private static URI endpoint(String url) {
    String withScheme = url.contains("://") ? url : "http://" + url;
    URI uri;
    try {
      uri = new URI(withScheme);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("url is not a valid URL: '" + url + "'");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("url must start with http:// or https://, got '" + url + "'");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new IllegalArgumentException("url has no host: '" + url + "'");
    }
    if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
      throw new IllegalArgumentException("url must be only a scheme, host and port (gRPC has no path), got '"
          + url + "'");
    }
    return uri;
  }
}
