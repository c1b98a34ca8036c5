package dev.imagerag.logic.ingest;

import dev.imagerag.domain.ImageFormat;
import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.ImageRecord;
import dev.imagerag.domain.Skip;
import dev.imagerag.domain.SkipReason;
import dev.imagerag.logic.catalog.Catalog;
import dev.imagerag.logic.catalog.PathEntry;
import dev.imagerag.logic.catalog.SkippedFile;
import dev.imagerag.support.ByteSizes;
import dev.imagerag.support.Deadline;
import dev.imagerag.support.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one file into the catalog, cheapest checks first: known and unchanged (size + mtime) →
 * size limits → leading bytes → header dimensions → SHA-256 → already known bytes → decode,
 * thumbnail, record. Every way a file can be bad ends in a {@link Skip} with a specific reason.
 * Thread-safe; one instance serves all import workers.
 */
final class FileImporter {
  private static final Logger LOG = LoggerFactory.getLogger(FileImporter.class);

  private final Catalog catalog;
  private final ImageDecoder decoder;
  private final ThumbnailStore thumbnails;
  private final ImportSettings settings;
  private final Collection<String> pendingStages;
  private final String thumbnailVersion;

  FileImporter(
      Catalog catalog, ImageDecoder decoder, ThumbnailStore thumbnails, ImportSettings settings,
      Collection<String> pendingStages, String thumbnailVersion) {
    this.catalog = catalog;
    this.decoder = decoder;
    this.thumbnails = thumbnails;
    this.settings = settings;
    this.pendingStages = List.copyOf(pendingStages);
    this.thumbnailVersion = thumbnailVersion;
  }

  ImportOutcome importFile(Path file, BasicFileAttributes attrs) {
    String path = file.toString();
    long size = attrs.size();
    long modified = attrs.lastModifiedTime().toMillis();
    if (!attrs.isRegularFile()) {
      return skip(path, size, modified, Skip.of(SkipReason.NOT_A_REGULAR_FILE,
          "it is a device, pipe or socket, not a file"));
    }
    Optional<PathEntry> known = catalog.findPath(path);
    if (known.isPresent() && known.get().sameFile(size, modified) && catalog.hasImage(known.get().imageId())) {
      return ImportOutcome.unchanged(path, known.get().imageId());
    }
    Optional<SkippedFile> skippedBefore = catalog.findSkipped(path);
    if (skippedBefore.isPresent() && skippedBefore.get().sameFile(size, modified)
        && !skippedBefore.get().skip().reason().transientCondition()) {
      return ImportOutcome.skipped(path, skippedBefore.get().skip());
    }
    Deadline deadline = Deadline.after(settings.perFileTimeout());
    try {
      return examine(file, path, size, modified, known, deadline);
    } catch (DecodeException e) {
      return skip(path, size, modified, e.skip());
    } catch (AccessDeniedException e) {
      return skip(path, size, modified, Skip.of(SkipReason.UNREADABLE, "permission denied"));
    } catch (NoSuchFileException e) {
      return skip(path, size, modified, Skip.of(SkipReason.IO_ERROR, "the file disappeared while it was read"));
    } catch (IOException e) {
      return skip(path, size, modified, Skip.of(SkipReason.IO_ERROR, describe(e)));
    } catch (TimeoutException e) {
      return skip(path, size, modified, Skip.of(SkipReason.TIMED_OUT, e.getMessage()));
    } catch (OutOfMemoryError e) {
      // A decoder's large allocation failed; that allocation is gone, the import can go on.
      return skip(path, size, modified, Skip.of(SkipReason.TOO_LITTLE_MEMORY,
          "decoding needs more memory than is free; raise the heap (-Xmx) or lower import.maxMegapixels"));
    }
  }

  private ImportOutcome examine(
      Path file, String path, long size, long modified, Optional<PathEntry> known, Deadline deadline)
      throws IOException, TimeoutException, DecodeException {
    if (size == 0) {
      return skip(path, size, modified, Skip.of(SkipReason.EMPTY_FILE, "the file is empty (0 bytes)"));
    }
    if (size > settings.maxFileBytes()) {
      return skip(path, size, modified, Skip.of(SkipReason.FILE_TOO_LARGE,
          ByteSizes.format(size) + " exceeds the limit of " + ByteSizes.format(settings.maxFileBytes())));
    }
    byte[] head = readHead(file);
    Optional<ImageFormat> format = FormatSniffer.sniff(head);
    if (format.isEmpty()) {
      return skip(path, size, modified, Skip.of(SkipReason.NOT_AN_IMAGE, describeContent(file, head)));
    }
    if (!format.get().supported()) {
      return skip(path, size, modified, Skip.of(SkipReason.UNSUPPORTED_FORMAT,
          format.get().name() + " images are not supported; convert it to JPEG or PNG to add it"));
    }
    ImageHeader header = decoder.probe(file, deadline);
    if (header.pixels() > settings.maxPixels()) {
      return skip(path, size, modified, Skip.of(SkipReason.TOO_MANY_PIXELS, String.format(Locale.ROOT,
          "%d×%d is %s megapixels, above the limit of %s (possible decompression bomb)",
          header.width(), header.height(), megapixels(header.pixels()), megapixels(settings.maxPixels()))));
    }
    ImageId id = ImageId.fromDigest(Sha256.of(file, deadline));
    PathEntry entry = new PathEntry(path, id, size, modified);
    if (known.isPresent() && known.get().imageId().equals(id)) {
      catalog.linkPath(entry);
      return ImportOutcome.unchanged(path, id);
    }
    if (catalog.hasImage(id)) {
      List<String> others = catalog.paths(id);
      if (catalog.linkPath(entry)) {
        return ImportOutcome.duplicate(path, id, others.isEmpty() ? "" : others.get(0));
      }
    }
    DecodedImage decoded = decoder.decode(file, settings.thumbnailSize(), deadline);
    boolean thumbnailWritten = writeThumbnail(id, decoded, path);
    ImageRecord record = new ImageRecord(
        id, size, decoded.width(), decoded.height(), header.format(), Instant.ofEpochMilli(modified),
        decoded.capturedAt(), Instant.now());
    List<String> pending = thumbnailWritten
        ? pendingStages.stream().filter(s -> !s.equals(ThumbnailStage.NAME)).toList()
        : List.copyOf(pendingStages);
    Map<String, String> done = thumbnailWritten ? Map.of(ThumbnailStage.NAME, thumbnailVersion) : Map.of();
    boolean isNew = catalog.recordImport(record, entry, pending, done);
    if (!isNew) {
      List<String> others = catalog.paths(id).stream().filter(p -> !p.equals(path)).toList();
      return ImportOutcome.duplicate(path, id, others.isEmpty() ? "" : others.get(0));
    }
    return ImportOutcome.added(path, id, known.isPresent());
  }

  private boolean writeThumbnail(ImageId id, DecodedImage decoded, String path) {
    try {
      thumbnails.write(id, decoded.pixels());
      return true;
    } catch (IOException e) {
      // The image is still recorded; the thumbnail stage stays pending and is retried.
      LOG.warn("Could not write the thumbnail of {}: {}", path, e.toString());
      return false;
    }
  }

  private ImportOutcome skip(String path, long size, long modified, Skip skip) {
    catalog.recordSkipped(Catalog.skippedNow(path, size, modified, skip));
    return ImportOutcome.skipped(path, skip);
  }

  private static byte[] readHead(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(FormatSniffer.HEADER_BYTES);
    }
  }

  private static String describeContent(Path file, byte[] head) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    boolean claimsImage = ImageFormat.byExtension(name).isPresent();
    String content;
    if (FormatSniffer.allZero(head)) {
      content = "the file holds only zero bytes";
    } else if (FormatSniffer.looksLikeText(head)) {
      content = "the file holds text";
    } else {
      content = "the content matches no known image format";
    }
    return claimsImage ? content + " although its name ends like an image" : content;
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static String megapixels(long pixels) {
    return String.format(Locale.ROOT, "%.1f", pixels / 1_000_000.0);
  }
}
