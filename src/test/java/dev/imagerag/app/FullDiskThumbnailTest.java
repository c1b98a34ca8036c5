package dev.imagerag.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerag.domain.ImageId;
import dev.imagerag.domain.StageState;
import dev.imagerag.logic.ingest.ImportRequest;
import dev.imagerag.logic.ingest.ImportSettings;
import dev.imagerag.logic.ingest.ImportSummary;
import dev.imagerag.logic.ingest.ThumbnailStage;
import dev.imagerag.logic.ingest.ThumbnailStore;
import dev.imagerag.testing.TestImages;
import dev.imagerag.testing.TestLibrary;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full-disk promise where no small file system can be mounted: thumbnail writes fail with the
 * operating system's "No space left on device"; images are still recorded, the thumbnail stage
 * stays unfinished with the reason, and a later run with space completes it.
 */
class FullDiskThumbnailTest {
  @TempDir Path dir;

  /** A thumbnail store whose disk is full while {@link #full} is set. */
  private static final class FillingDisk implements ThumbnailStore {
    final ThumbnailStore real;
    final AtomicBoolean full = new AtomicBoolean(true);

    FillingDisk(ThumbnailStore real) {
      this.real = real;
    }

    @Override
    public int size() {
      return real.size();
    }

    @Override
    public Path path(ImageId id) {
      return real.path(id);
    }

    @Override
    public boolean exists(ImageId id) {
      return real.exists(id);
    }

    @Override
    public void write(ImageId id, BufferedImage image) throws IOException {
      if (full.get()) {
        throw new IOException("No space left on device");
      }
      real.write(id, image);
    }

    @Override
    public void delete(ImageId id) throws IOException {
      real.delete(id);
    }

    @Override
    public int removeOrphans(Predicate<ImageId> keep) throws IOException {
      return real.removeOrphans(keep);
    }
  }

  @Test
  void imagesAreKeptAndThumbnailsCatchUpOnceThereIsSpace() throws Exception {
    for (int i = 0; i < 3; i++) {
      TestImages.jpeg(dir.resolve("in/p" + i + ".jpg"), 200, 100, i);
    }
    FillingDisk[] disk = new FillingDisk[1];
    try (TestLibrary lib = TestLibrary.openWithThumbnails(dir.resolve("library"), ImportSettings.DEFAULTS,
        real -> disk[0] = new FillingDisk(real))) {
      ImportSummary full = lib.importFrom(dir.resolve("in"));

      assertThat(full.added()).isEqualTo(3);
      assertThat(lib.catalog.count(ThumbnailStage.NAME, StageState.FAILED)).isEqualTo(3);
      assertThat(lib.catalog.stages(lib.catalog.findPath(dir.resolve("in/p0.jpg").toString()).orElseThrow().imageId()))
          .anySatisfy(s -> assertThat(s.reason()).contains("No space left on device"));
      assertThat(lib.store.count()).isEqualTo(3);

      disk[0].full.set(false);
      lib.run(new ImportRequest(java.util.List.of(), true, true, java.util.Set.of()));

      assertThat(lib.catalog.count(ThumbnailStage.NAME, StageState.DONE)).isEqualTo(3);
      lib.catalog.forEachImageId(id -> assertThat(disk[0].real.exists(id)).isTrue());
    }
  }

}
