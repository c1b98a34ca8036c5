package dev.imagerag.infra.files;

import dev.imagerag.domain.ImageId;
import dev.imagerag.logic.ingest.ThumbnailStore;
import dev.imagerag.support.Checks;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import net.coobird.thumbnailator.Thumbnails;

/**
 * JPEG thumbnails in {@code thumbnails/<first two hex digits>/<id>.jpg}, scaled with Thumbnailator
 * and written through a temporary file plus an atomic rename.
 */
public final class FileThumbnailStore implements ThumbnailStore {
  private static final String TEMP_MARKER = ".tmp-";
  private static final Pattern THUMBNAIL = Pattern.compile("[0-9a-f]{64}\\.jpg");
  private static final float QUALITY = 0.85f;

  private final Path dir;
  private final int size;

  public FileThumbnailStore(Path dir, int size) {
    this.dir = dir;
    this.size = Checks.requireInRange(size, 16, 4096, "thumbnail size");
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Path path(ImageId id) {
    return dir.resolve(id.hex().substring(0, 2)).resolve(id.hex() + ".jpg");
  }

  @Override
  public boolean exists(ImageId id) {
    return Files.isRegularFile(path(id));
  }

  @Override
  public void write(ImageId id, BufferedImage image) throws IOException {
    BufferedImage scaled = Math.max(image.getWidth(), image.getHeight()) > size
        ? Thumbnails.of(image).size(size, size).asBufferedImage()
        : image;
    Path target = path(id);
    Files.createDirectories(target.getParent());
    Path temp = Files.createTempFile(target.getParent(), id.hex(), TEMP_MARKER + "jpg");
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
        writeJpeg(scaled, out);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void writeJpeg(BufferedImage image, OutputStream out) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(QUALITY);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
  }

  @Override
  public void delete(ImageId id) throws IOException {
    Files.deleteIfExists(path(id));
  }

  @Override
  public int removeOrphans(Predicate<ImageId> keep) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int removed = 0;
    try (DirectoryStream<Path> shards = Files.newDirectoryStream(dir)) {
      for (Path shard : shards) {
        if (!Files.isDirectory(shard)) {
          continue;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(shard)) {
          for (Path file : files) {
            String name = file.getFileName().toString();
            boolean orphan = name.contains(TEMP_MARKER)
                || (THUMBNAIL.matcher(name).matches() && !keep.test(new ImageId(name.substring(0, 64))));
            if (orphan && Files.deleteIfExists(file)) {
              removed++;
            }
          }
        }
      }
    }
    return removed;
  }
}
