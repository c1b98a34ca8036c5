package dev.imagerag.app;

import dev.imagerag.domain.ImageFormat;
import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.ImageRecord;
import dev.imagerag.infra.catalog.SqliteCatalog;
import dev.imagerag.infra.files.FileThumbnailStore;
import dev.imagerag.logic.catalog.PathEntry;
import dev.imagerag.logic.library.LibraryPaths;
import dev.imagerag.support.Sha256;
import dev.imagerag.testing.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A library of many images for measurements, made in seconds: catalog rows written directly
 * (fake files, no stage rows, so opening it starts no work) and thumbnails that are hard links to a
 * handful of real JPEG thumbnails.
 */
final class LargeLibrary {
  private LargeLibrary() {}

  /** Creates {@code count} images in {@code root} unless it already holds them; returns the root. */
  static Path create(Path root, int count) throws IOException {
    LibraryPaths paths = new LibraryPaths(root);
    Path done = root.resolve(".bench-" + count);
    if (Files.exists(done)) {
      return root;
    }
    Files.createDirectories(paths.thumbnailsDir());
    FileThumbnailStore thumbnails = new FileThumbnailStore(paths.thumbnailsDir(), 320);
    Path[] originals = new Path[24];
    for (int i = 0; i < originals.length; i++) {
      ImageId id = id(-1 - i);
      thumbnails.write(id, TestImages.picture(320, 240, i));
      originals[i] = thumbnails.path(id);
    }
    long start = System.nanoTime();
    try (SqliteCatalog catalog = SqliteCatalog.open(paths.catalogFile())) {
      for (int i = 0; i < count; i++) {
        ImageId id = id(i);
        Instant date = Instant.parse("2015-01-01T00:00:00Z").plusSeconds(i * 3_600L);
        String path = "/photos/" + (2015 + i / 10_000) + "/IMG_" + String.format("%05d", i) + ".jpg";
        catalog.recordImport(new ImageRecord(id, 2_500_000, 4000, 3000, ImageFormat.JPEG, date, date, date),
            new PathEntry(path, id, 2_500_000, date.toEpochMilli()), List.of(), Map.of());
        Path link = thumbnails.path(id);
        Files.createDirectories(link.getParent());
        Files.deleteIfExists(link);
        Files.createLink(link, originals[i % originals.length]);
      }
      catalog.addRoot("/photos");
    }
    System.out.printf("Created %,d images in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
    Files.writeString(done, "ok");
    return root;
  }

  private static ImageId id(int i) {
    return ImageId.fromDigest(Sha256.of(("image " + i).getBytes(StandardCharsets.UTF_8)));
  }
}
