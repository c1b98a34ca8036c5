package dev.imagerag.infra.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.imagerag.domain.ImageFormat;
import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.ingest.FormatSniffer;
import dev.imagerag.testing.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The thumbnail folder on disk: sizes, layout, atomic replacement and the orphan sweep. */
class FileThumbnailStoreTest {
  private static final int SIZE = 256;
  private static final ImageId FIRST = id("ab", '1');
  private static final ImageId SECOND = id("ab", '2');
  private static final ImageId OTHER_SHARD = id("cd", '3');

  @TempDir Path dir;

  private FileThumbnailStore store() {
    return new FileThumbnailStore(dir.resolve("thumbnails"), SIZE);
  }

  @ParameterizedTest(name = "{0}×{1}")
  @CsvSource({"1000, 500", "300, 900", "1000, 600", "257, 100", "4000, 3000"})
  void writeScalesTheLongSideToTheSizeAndKeepsTheAspect(int width, int height) throws IOException {
    FileThumbnailStore store = store();

    store.write(FIRST, TestImages.picture(width, height, 1));

    BufferedImage thumbnail = read(store.path(FIRST));
    int longSide = Math.max(thumbnail.getWidth(), thumbnail.getHeight());
    int shortSide = Math.min(thumbnail.getWidth(), thumbnail.getHeight());
    double expectedShort = (double) SIZE * Math.min(width, height) / Math.max(width, height);
    assertThat(longSide).isEqualTo(SIZE);
    assertThat((double) shortSide).isCloseTo(expectedShort, within(1.0));
    assertThat(thumbnail.getWidth() >= thumbnail.getHeight()).isEqualTo(width >= height);
  }

  @Test
  void writeDoesNotUpscaleASmallImage() throws IOException {
    FileThumbnailStore store = store();

    store.write(FIRST, TestImages.picture(100, 50, 1));

    BufferedImage thumbnail = read(store.path(FIRST));
    assertThat(thumbnail.getWidth()).isEqualTo(100);
    assertThat(thumbnail.getHeight()).isEqualTo(50);
  }

  @Test
  void writeStoresAJpeg() throws IOException {
    FileThumbnailStore store = store();

    store.write(FIRST, TestImages.picture(600, 400, 1));

    byte[] bytes = Files.readAllBytes(store.path(FIRST));
    assertThat(FormatSniffer.sniff(bytes)).contains(ImageFormat.JPEG);
  }

  @Test
  void writeKeepsTheColours() throws IOException {
    FileThumbnailStore store = store();

    store.write(FIRST, TestImages.filled(1000, 500, Color.RED));

    Color centre = new Color(read(store.path(FIRST)).getRGB(128, 64));
    assertThat(centre.getRed()).isGreaterThan(230);
    assertThat(Math.max(centre.getGreen(), centre.getBlue())).isLessThan(25);
  }

  @Test
  void pathIsTheFirstTwoHexDigitsThenTheIdAsJpeg() {
    FileThumbnailStore store = store();

    assertThat(store.path(FIRST)).isEqualTo(dir.resolve("thumbnails").resolve("ab").resolve(FIRST.hex() + ".jpg"));
  }

  @Test
  void writeCreatesTheShardFolderAndNothingElse() throws IOException {
    FileThumbnailStore store = store();

    store.write(FIRST, TestImages.picture(300, 200, 1));
    store.write(OTHER_SHARD, TestImages.picture(300, 200, 2));

    assertThat(filesUnder(dir)).containsExactlyInAnyOrder(store.path(FIRST), store.path(OTHER_SHARD));
    assertThat(store.exists(FIRST)).isTrue();
    assertThat(store.exists(SECOND)).isFalse();
  }

  @Test
  void overwritingReplacesTheThumbnailAndLeavesNoTemporaryFiles() throws IOException {
    FileThumbnailStore store = store();
    store.write(FIRST, TestImages.filled(600, 300, Color.RED));

    store.write(FIRST, TestImages.filled(300, 600, Color.BLUE));

    BufferedImage thumbnail = read(store.path(FIRST));
    assertThat(thumbnail.getHeight()).isEqualTo(SIZE);
    assertThat(new Color(thumbnail.getRGB(64, 128)).getBlue()).isGreaterThan(230);
    assertThat(filesUnder(dir)).containsExactly(store.path(FIRST));
  }

  @Test
  void readersNeverSeeAHalfWrittenThumbnail() throws Exception {
    FileThumbnailStore store = store();
    store.write(FIRST, TestImages.picture(800, 600, 0));
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      Future<?> writes = writer.submit(() -> {
        for (int i = 1; i <= 25; i++) {
          store.write(FIRST, TestImages.picture(800, 600, i));
        }
        return null;
      });
      int reads = 0;
      while (!writes.isDone()) {
        byte[] bytes = Files.readAllBytes(store.path(FIRST));
        // Complete JPEG: starts with SOI, ends with EOI.
        assertThat(bytes).startsWith((byte) 0xFF, (byte) 0xD8).endsWith((byte) 0xFF, (byte) 0xD9);
        reads++;
      }
      writes.get();
      assertThat(reads).isPositive();
    } finally {
      writer.shutdownNow();
    }
  }

  @Test
  void deleteRemovesTheThumbnail() throws IOException {
    FileThumbnailStore store = store();
    store.write(FIRST, TestImages.picture(300, 200, 1));

    store.delete(FIRST);

    assertThat(store.exists(FIRST)).isFalse();
    assertThat(store.path(FIRST)).doesNotExist();
  }

  @Test
  void deleteOfAMissingThumbnailDoesNothing() throws IOException {
    FileThumbnailStore store = store();

    store.delete(FIRST);

    assertThat(store.exists(FIRST)).isFalse();
  }

  @Test
  void removeOrphansDeletesTemporaryFilesAndRejectedThumbnailsOnly() throws IOException {
    FileThumbnailStore store = store();
    store.write(FIRST, TestImages.picture(300, 200, 1));
    store.write(SECOND, TestImages.picture(300, 200, 2));
    store.write(OTHER_SHARD, TestImages.picture(300, 200, 3));
    // What a crash during write leaves behind: Files.createTempFile(shard, hex, ".tmp-jpg").
    Path leftover = Files.writeString(store.path(FIRST).resolveSibling(FIRST.hex() + "8231.tmp-jpg"), "half");

    int removed = store.removeOrphans(Set.of(FIRST, OTHER_SHARD)::contains);

    assertThat(removed).isEqualTo(2);
    assertThat(leftover).doesNotExist();
    assertThat(filesUnder(dir)).containsExactlyInAnyOrder(store.path(FIRST), store.path(OTHER_SHARD));
  }

  @Test
  void removeOrphansLeavesFilesItDoesNotKnow() throws IOException {
    FileThumbnailStore store = store();
    store.write(FIRST, TestImages.picture(300, 200, 1));
    Path notes = Files.writeString(store.path(FIRST).resolveSibling("notes.txt"), "mine");
    Path top = Files.writeString(dir.resolve("thumbnails").resolve(SECOND.hex() + ".jpg"), "not in a shard");

    int removed = store.removeOrphans(id -> false);

    assertThat(removed).isEqualTo(1);
    assertThat(filesUnder(dir)).containsExactlyInAnyOrder(notes, top);
  }

  @Test
  void removeOrphansOfAMissingFolderRemovesNothing() throws IOException {
    assertThat(store().removeOrphans(id -> false)).isZero();
  }

  @Test
  void aSizeOutsideTheRangeIsRejectedWithTheValue() {
    assertThatThrownBy(() -> new FileThumbnailStore(dir, 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("thumbnail size")
        .hasMessageContaining("8");
  }

  // ---- helpers --------------------------------------------------------------------------

  private static ImageId id(String shard, char fill) {
    return new ImageId(shard + String.valueOf(fill).repeat(62));
  }

  private static BufferedImage read(Path file) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image).as("readable image at %s", file).isNotNull();
    return image;
  }

  private static List<Path> filesUnder(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }
}
