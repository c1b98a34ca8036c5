package dev.imagerag.infra.files;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two EXIF facts the importer needs, read with metadata-extractor. Damaged or absent metadata
 * gives orientation 1 and no capture time: metadata never stops an import.
 *
 * @param capturedAt DateTimeOriginal interpreted in the machine's time zone (EXIF stores local
 *     time without a zone), or null
 */
record ExifInfo(int orientation, Instant capturedAt) {
  private static final Logger LOG = LoggerFactory.getLogger(ExifInfo.class);
  static final ExifInfo NONE = new ExifInfo(1, null);

  static ExifInfo read(Path file) {
    try {
      Metadata metadata = ImageMetadataReader.readMetadata(file.toFile());
      int orientation = 1;
      ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
      if (ifd0 != null && ifd0.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
        orientation = ifd0.getInt(ExifIFD0Directory.TAG_ORIENTATION);
      }
      Instant captured = null;
      ExifSubIFDDirectory sub = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
      if (sub != null) {
        Date date = sub.getDateOriginal(TimeZone.getDefault());
        if (date != null && date.getTime() > 0) {
          captured = date.toInstant();
        }
      }
      return new ExifInfo(orientation < 1 || orientation > 8 ? 1 : orientation, captured);
    } catch (Exception | StackOverflowError e) {
      // Hostile or damaged metadata: the pixels may still be fine.
      LOG.debug("No usable EXIF in {}: {}", file, e.toString());
      return NONE;
    }
  }
}
