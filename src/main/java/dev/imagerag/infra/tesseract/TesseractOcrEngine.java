package dev.imagerag.infra.tesseract;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.imagerag.logic.ocr.GrayImage;
import dev.imagerag.logic.ocr.OcrEngine;
import dev.imagerag.logic.ocr.OcrException;
import dev.imagerag.logic.ocr.OcrImageException;
import dev.imagerag.logic.ocr.OcrResult;
import dev.imagerag.logic.ocr.OcrTimeoutException;
import dev.imagerag.logic.ocr.OcrWord;
import dev.imagerag.support.Deadline;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import net.sourceforge.tess4j.ITessAPI.TessBaseAPI;
import net.sourceforge.tess4j.ITessAPI.TessOcrEngineMode;
import net.sourceforge.tess4j.ITessAPI.TessPageIterator;
import net.sourceforge.tess4j.ITessAPI.TessPageIteratorLevel;
import net.sourceforge.tess4j.ITessAPI.TessPageSegMode;
import net.sourceforge.tess4j.ITessAPI.TessResultIterator;
import net.sourceforge.tess4j.TessAPI;

/**
 * One Tesseract engine: a {@code TessBaseAPI} handle initialised once with the languages, plus a
 * second one with the orientation data when that is installed. Pixels go in as a raw 8-bit gray
 * buffer through {@code TessAPI.INSTANCE}: tess4j's {@code doOCR(File|BufferedImage)} needs
 * Leptonica 1.83+ and fails on Debian 12, and {@code TessAPI1} fails at class initialisation there.
 * Words, boxes and confidences come from the result iterator (RIL_WORD). The time budget is
 * Tesseract's own monitor deadline (see {@link TesseractMonitorApi}), so a slow page stops inside
 * recognition rather than after it; Tesseract checks it between words only, not during page layout
 * analysis, which is why the OCR stage also watches each call from outside
 * ({@code logic.ocr.WatchedOcrEngine}). Page segmentation is automatic (PSM 3) for every image, and
 * Tesseract's chatter on stderr goes to /dev/null. Not thread-safe.
 */
final class TesseractOcrEngine implements OcrEngine {
  /** Tesseract is tuned for print at about 300 dpi; preparation enlarges text to match. */
  static final String DPI = "300";
  /**
   * OSD's confidence is the margin between the best and second-best orientation; below this it is
   * a guess (measured on prepared images: three lines of turned text 5.2 to 5.6, two upright lines
   * 1.9, a noisy photo without text 0.04 for a wrong 180°).
   */
  static final float MIN_ORIENTATION_CONFIDENCE = 1.5f;
  private static final String NO_OUTPUT = File.separatorChar == '\\' ? "NUL" : "/dev/null";

  private final TessAPI api;
  private final TesseractMonitorApi monitors;
  private final TessBaseAPI handle;
  private final TessBaseAPI osd;
  private final Pointer monitor;
  private ByteBuffer buffer = ByteBuffer.allocateDirect(0);
  private boolean closed;

  /**
   * @throws OcrException when libtesseract is missing or the data does not load
   */
  TesseractOcrEngine(Path tessdata, String languages, boolean withOsd, InstallHints hints) {
    try {
      OpenMpThreads.limitToOne();
      this.api = TessAPI.INSTANCE;
      this.monitors = TesseractMonitorApi.load();
    } catch (LinkageError e) {
      throw new OcrException("Tesseract is not installed: " + hints.tesseract(languages), e);
    }
    this.handle = start(tessdata, languages, TessOcrEngineMode.OEM_DEFAULT, hints);
    TessBaseAPI osdHandle = null;
    if (withOsd) {
      try {
        osdHandle = start(tessdata, "osd", TessOcrEngineMode.OEM_TESSERACT_ONLY, hints);
      } catch (OcrException e) {
        end(handle);
        throw e;
      }
    }
    this.osd = osdHandle;
    this.monitor = monitors.TessMonitorCreate();
  }

  private TessBaseAPI start(Path tessdata, String language, int mode, InstallHints hints) {
    TessBaseAPI created = api.TessBaseAPICreate();
    // Tesseract prints warnings ("Estimating resolution as ...") to stderr unless told otherwise.
    api.TessBaseAPISetVariable(created, "debug_file", NO_OUTPUT);
    if (api.TessBaseAPIInit2(created, tessdata.toString(), language, mode) != 0) {
      end(created);
      throw new OcrException("Tesseract could not load " + language + " from " + tessdata
          + "; the data may be damaged or made for another Tesseract version: "
          + hints.reinstall(InstallHints.codes(language)));
    }
    api.TessBaseAPISetVariable(created, "user_defined_dpi", DPI);
    // Automatic page segmentation for every image: see OcrPreparation for why not sparse text.
    api.TessBaseAPISetPageSegMode(created, TessPageSegMode.PSM_AUTO);
    return created;
  }

  @Override
  public OcrResult recognise(GrayImage image, Deadline deadline) throws OcrImageException {
    ensureOpen();
    long remaining = deadline.remainingMillis();
    if (remaining <= 0) {
      throw new OcrTimeoutException(deadline);
    }
    try {
      api.TessBaseAPISetImage(handle, pixels(image), image.width(), image.height(), 1, image.width());
      monitors.TessMonitorSetDeadlineMSecs(monitor, (int) Math.min(Integer.MAX_VALUE, remaining));
      int status = monitors.TessBaseAPIRecognize(handle.getPointer(), monitor);
      if (deadline.expired()) {
        throw new OcrTimeoutException(deadline);
      }
      if (status != 0) {
        // Seen for pages wider or taller than 32767 pixels (tiling keeps them smaller): the image's
        // problem, so it fails alone instead of stopping the stage.
        throw new OcrImageException("Tesseract could not read this " + image.width() + "×" + image.height()
            + " image (status " + status + ")");
      }
      List<OcrWord> words = words();
      return OcrResult.of(text(), words);
    } finally {
      api.TessBaseAPIClear(handle);
    }
  }

  private List<OcrWord> words() {
    List<OcrWord> words = new ArrayList<>();
    TessResultIterator iterator = api.TessBaseAPIGetIterator(handle);
    if (iterator == null) {
      return words;
    }
    try {
      TessPageIterator page = api.TessResultIteratorGetPageIterator(iterator);
      IntBuffer left = IntBuffer.allocate(1);
      IntBuffer top = IntBuffer.allocate(1);
      IntBuffer right = IntBuffer.allocate(1);
      IntBuffer bottom = IntBuffer.allocate(1);
      int level = TessPageIteratorLevel.RIL_WORD;
      do {
        String text = utf8(api.TessResultIteratorGetUTF8Text(iterator, level));
        if (text.isBlank() || api.TessPageIteratorBoundingBox(page, level, left, top, right, bottom) == 0) {
          continue;
        }
        float confidence = api.TessResultIteratorConfidence(iterator, level);
        words.add(new OcrWord(text.strip(), left.get(0), top.get(0), Math.max(1, right.get(0) - left.get(0)),
            Math.max(1, bottom.get(0) - top.get(0)), Math.max(0, Math.min(100, confidence)) / 100.0));
      } while (api.TessResultIteratorNext(iterator, level) != 0);
    } finally {
      api.TessResultIteratorDelete(iterator);
    }
    return words;
  }

  /** Tesseract's own text, which keeps its line and block structure; trailing blank lines removed. */
  private String text() {
    return utf8(api.TessBaseAPIGetUTF8Text(handle)).stripTrailing();
  }

  private String utf8(Pointer text) {
    if (text == null) {
      return "";
    }
    try {
      return text.getString(0, StandardCharsets.UTF_8.name());
    } finally {
      api.TessDeleteText(text);
    }
  }

  @Override
  public boolean detectsOrientation() {
    return osd != null;
  }

  @Override
  public OptionalInt detectRotation(GrayImage image, Deadline deadline) throws OcrTimeoutException {
    ensureOpen();
    if (osd == null) {
      return OptionalInt.empty();
    }
    if (deadline.expired()) {
      throw new OcrTimeoutException(deadline);
    }
    try {
      api.TessBaseAPISetImage(osd, pixels(image), image.width(), image.height(), 1, image.width());
      IntBuffer degrees = IntBuffer.allocate(1);
      FloatBuffer confidence = FloatBuffer.allocate(1);
      FloatBuffer scriptConfidence = FloatBuffer.allocate(1);
      PointerByReference script = new PointerByReference();
      // Returns false when the page has too little text to tell.
      boolean found = api.TessBaseAPIDetectOrientationScript(osd, degrees, confidence, script, scriptConfidence) != 0;
      if (!found || confidence.get(0) < MIN_ORIENTATION_CONFIDENCE) {
        return OptionalInt.empty();
      }
      return OptionalInt.of(Math.floorMod(degrees.get(0), 360));
    } finally {
      api.TessBaseAPIClear(osd);
    }
  }

  /** The image in a direct buffer, reused between calls (Tesseract copies it in SetImage). */
  private ByteBuffer pixels(GrayImage image) {
    byte[] data = image.pixels();
    if (buffer.capacity() < data.length) {
      buffer = ByteBuffer.allocateDirect(data.length);
    }
    buffer.clear();
    buffer.put(data).flip();
    return buffer;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("this OCR engine is closed");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    monitors.TessMonitorDelete(monitor);
    end(handle);
    if (osd != null) {
      end(osd);
    }
    buffer = ByteBuffer.allocateDirect(0);
  }

  private void end(TessBaseAPI target) {
    api.TessBaseAPIEnd(target);
    api.TessBaseAPIDelete(target);
  }
}
