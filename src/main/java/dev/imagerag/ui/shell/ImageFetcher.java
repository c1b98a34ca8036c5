package dev.imagerag.ui.shell;

import dev.imagerag.domain.ImageRagException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

/**
 * Saves images dropped from a web browser into the library's {@code tmp} folder so they can be
 * imported (or searched by) like any file: the bytes behind a dragged address, or pixels a
 * browser offered directly. Only the one address the user dropped is fetched; at most
 * {@link #MAX_BYTES}, within {@link #TIMEOUT}. Blocks: call it off the UI thread.
 */
final class ImageFetcher {
  static final long MAX_BYTES = 100L << 20;
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  // Made at the first download: building an HTTP client sets up TLS, which costs the window's
  // start a quarter of a second for something most sessions never use.
  private HttpClient client;

  private synchronized HttpClient client() {
    if (client == null) {
      client = HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10)).build();
    }
    return client;
  }

  /**
   * Downloads {@code url} into {@code folder}.
   *
   * @throws ImageRagException with a message naming the address and what went wrong
   */
  Path download(String url, Path folder) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new ImageRagException("Not a web address: " + url, e);
    }
    try {
      Files.createDirectories(folder);
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
          .header("Accept", "image/*,*/*;q=0.5").header("User-Agent", "ImageRAG/1.0").GET().build();
      HttpResponse<InputStream> response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() / 100 != 2) {
          throw new ImageRagException("Could not download the image from " + uri.getHost() + ": the server answered "
              + response.statusCode() + ". Save the image to a file and drop the file instead.");
        }
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !type.startsWith("image/") && !type.startsWith("application/octet-stream")) {
          throw new ImageRagException("The address " + shortened(url) + " is a web page (" + type.split(";")[0]
              + "), not an image. Drag the picture itself, or save it and drop the file.");
        }
        Path target = folder.resolve(fileName(uri, type));
        copyLimited(body, target);
        return target;
      }
    } catch (IOException e) {
      throw new ImageRagException("Could not download the image from " + uri.getHost() + ": " + e.getMessage()
          + ". Check the connection, or save the image and drop the file.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageRagException("The download of " + shortened(url) + " was interrupted.", e);
    }
  }

  /** Writes encoded image bytes (already PNG) into {@code folder}. */
  Path save(byte[] png, Path folder) {
    try {
      Files.createDirectories(folder);
      Path target = folder.resolve("dropped-" + UUID.randomUUID().toString().substring(0, 8) + ".png");
      Files.write(target, png);
      return target;
    } catch (IOException e) {
      throw new ImageRagException("Could not save the dropped image in " + folder + ": " + e.getMessage(), e);
    }
  }

  private static void copyLimited(InputStream in, Path target) throws IOException {
    long total = 0;
    byte[] buffer = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(target)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
        if (total > MAX_BYTES) {
          throw new IOException("the file is larger than " + (MAX_BYTES >> 20) + " MB");
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      Files.deleteIfExists(target);
      throw e;
    }
    if (total == 0) {
      Files.deleteIfExists(target);
      throw new IOException("the server sent an empty file");
    }
  }

  static String fileName(URI uri, String contentType) {
    String path = uri.getPath() == null ? "" : uri.getPath();
    String last = path.substring(path.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
    if (last.length() > 80) {
      last = last.substring(last.length() - 80);
    }
    String unique = UUID.randomUUID().toString().substring(0, 8);
    if (DropPlan.isImage(Path.of(last.isEmpty() ? "x" : last))) {
      return unique + "-" + last;
    }
    String ext = switch (contentType.split(";")[0].strip()) {
      case "image/png" -> ".png";
      case "image/gif" -> ".gif";
      case "image/webp" -> ".webp";
      case "image/bmp" -> ".bmp";
      case "image/tiff" -> ".tiff";
      default -> ".jpg";
    };
    return unique + "-" + (last.isEmpty() ? "download" : last) + ext;
  }

  private static String shortened(String url) {
    return url.length() > 80 ? url.substring(0, 77) + "…" : url;
  }
}
