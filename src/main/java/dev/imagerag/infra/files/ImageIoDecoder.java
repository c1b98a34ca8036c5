package dev.imagerag.infra.files;

import dev.imagerag.domain.ImageFormat;
import dev.imagerag.domain.SkipReason;
import dev.imagerag.logic.ingest.DecodeException;
import dev.imagerag.logic.ingest.DecodedImage;
import dev.imagerag.logic.ingest.ImageDecoder;
import dev.imagerag.logic.ingest.ImageHeader;
import dev.imagerag.support.Deadline;
import dev.imagerag.support.NamedThreadFactory;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes with Java ImageIO plus the TwelveMonkeys plugins (CMYK JPEG, WebP, TIFF variants) and
 * reads EXIF with metadata-extractor. Decoding is subsampled while reading, so a large photo never
 * exists at full size in memory, and a watchdog aborts a reader that outlives its deadline.
 */
public final class ImageIoDecoder implements ImageDecoder {
  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("decode-watchdog"));

  static {
    ImageIO.scanForPlugins();
    // No temporary cache files: streams are read from disk directly.
    ImageIO.setUseCache(false);
  }

  @Override
  public ImageHeader probe(Path file, Deadline deadline) throws DecodeException {
    return withReader(file, reader -> new ImageHeader(formatOf(reader), reader.getWidth(0), reader.getHeight(0)));
  }

  @Override
  public DecodedImage decode(Path file, int minLongSide, Deadline deadline) throws DecodeException {
    ExifInfo exif = ExifInfo.read(file);
    return withReader(file, reader -> {
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      int step = Math.max(1, Math.max(width, height) / Math.max(1, minLongSide * 2));
      return decoded(reader, width, height, step, exif, deadline, true);
    });
  }

  @Override
  public DecodedImage decodeWithin(Path file, long pixelBudget, Deadline deadline) throws DecodeException {
    ExifInfo exif = ExifInfo.read(file);
    return withReader(file, reader -> {
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      int step = 1;
      while ((long) (width / step) * (height / step) > pixelBudget) {
        step++;
      }
      return decoded(reader, width, height, step, exif, deadline, false);
    });
  }

  /**
   * @param convert whether to convert to 8-bit RGB (compositing transparency over white); model
   *     inputs skip it: their preprocessing reads any layout, and the copy costs as much as the
   *     resize
   */
  private static DecodedImage decoded(
      ImageReader reader, int width, int height, int step, ExifInfo exif, Deadline deadline, boolean convert)
      throws IOException, DecodeException {
    ImageReadParam param = reader.getDefaultReadParam();
    param.setSourceSubsampling(step, step, 0, 0);
    BufferedImage pixels = readGuarded(reader, param, deadline);
    BufferedImage upright = Orientation.apply(convert ? toRgb(pixels) : pixels, exif.orientation());
    boolean swap = Orientation.swapsAxes(exif.orientation());
    return new DecodedImage(upright, swap ? height : width, swap ? width : height, exif.capturedAt());
  }

  private interface ReaderWork<T> {
    T apply(ImageReader reader) throws IOException, DecodeException;
  }

  private static <T> T withReader(Path file, ReaderWork<T> work) throws DecodeException {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) {
        throw new DecodeException(SkipReason.IO_ERROR, "the file cannot be opened");
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new DecodeException(SkipReason.CORRUPT, "no decoder accepts the data (damaged header?)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        return work.apply(reader);
      } finally {
        reader.dispose();
      }
    } catch (DecodeException e) {
      throw e;
    } catch (EOFException e) {
      throw new DecodeException(SkipReason.CORRUPT, "the file ends early (truncated)", e);
    } catch (IIOException e) {
      throw new DecodeException(SkipReason.CORRUPT, describe(e), e);
    } catch (IOException e) {
      throw new DecodeException(SkipReason.IO_ERROR, String.valueOf(e.getMessage()), e);
    } catch (RuntimeException e) {
      // Decoders throw all kinds of unchecked exceptions on malformed data.
      throw new DecodeException(SkipReason.CORRUPT, "the decoder rejected the data: " + e, e);
    }
  }

  private static BufferedImage readGuarded(ImageReader reader, ImageReadParam param, Deadline deadline)
      throws IOException, DecodeException {
    // read() clears earlier abort requests, so a watchdog that fires before reading starts is lost
    // and the whole image would be decoded: check a passed deadline here and again at imageStarted.
    if (deadline.expired()) {
      throw timedOut(deadline);
    }
    AtomicBoolean aborted = new AtomicBoolean();
    AtomicReference<String> truncation = new AtomicReference<>();
    reader.addIIOReadProgressListener(new AbortListener(aborted, deadline));
    reader.addIIOReadWarningListener((source, warning) -> {
      String lower = warning.toLowerCase(Locale.ROOT);
      if (lower.contains("premature end") || lower.contains("truncat") || lower.contains("end of file")) {
        truncation.compareAndSet(null, warning);
      }
    });
    ScheduledFuture<?> timer = WATCHDOG.schedule(reader::abort, deadline.remainingMillis(), TimeUnit.MILLISECONDS);
    BufferedImage image;
    try {
      image = reader.read(0, param);
    } finally {
      timer.cancel(false);
    }
    if (aborted.get() || deadline.expired()) {
      throw timedOut(deadline);
    }
    if (truncation.get() != null) {
      throw new DecodeException(SkipReason.CORRUPT, "the image data is truncated (" + truncation.get() + ")");
    }
    if (image == null) {
      throw new DecodeException(SkipReason.CORRUPT, "the decoder returned no pixels");
    }
    return image;
  }

  private static DecodeException timedOut(Deadline deadline) {
    return new DecodeException(SkipReason.TIMED_OUT, "decoding took longer than " + deadline.describeBudget());
  }

  /** 8-bit RGB; transparent areas become white (thumbnails are JPEG). */
  private static BufferedImage toRgb(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_INT_RGB) {
      return image;
    }
    BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return rgb;
  }

  private static ImageFormat formatOf(ImageReader reader) throws IOException, DecodeException {
    String name = reader.getFormatName().toLowerCase(Locale.ROOT);
    return switch (name) {
      case "jpeg", "jpg" -> ImageFormat.JPEG;
      case "png" -> ImageFormat.PNG;
      case "gif" -> ImageFormat.GIF;
      case "bmp", "wbmp" -> ImageFormat.BMP;
      case "webp" -> ImageFormat.WEBP;
      case "tif", "tiff" -> ImageFormat.TIFF;
      default -> throw new DecodeException(SkipReason.UNSUPPORTED_FORMAT, name + " images are not supported");
    };
  }

  private static String describe(IIOException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof EOFException) {
      return "the file ends early (truncated)";
    }
    String message = e.getMessage() == null ? "unreadable image data" : e.getMessage();
    return root == e ? message : message + " (" + root.getMessage() + ")";
  }

  private static final class AbortListener implements IIOReadProgressListener {
    private final AtomicBoolean aborted;
    private final Deadline deadline;

    AbortListener(AtomicBoolean aborted, Deadline deadline) {
      this.aborted = aborted;
      this.deadline = deadline;
    }

    @Override
    public void readAborted(ImageReader source) {
      aborted.set(true);
    }

    @Override
    public void sequenceStarted(ImageReader source, int minIndex) {}

    @Override
    public void sequenceComplete(ImageReader source) {}

    @Override
    public void imageStarted(ImageReader source, int imageIndex) {
      // Readers report this after clearing abort requests: a watchdog abort may have come too early.
      if (deadline.expired()) {
        source.abort();
      }
    }

    @Override
    public void imageProgress(ImageReader source, float percentageDone) {}

    @Override
    public void imageComplete(ImageReader source) {}

    @Override
    public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {}

    @Override
    public void thumbnailProgress(ImageReader source, float percentageDone) {}

    @Override
    public void thumbnailComplete(ImageReader source) {}
  }
}
