package dev.imagerag.infra.tesseract;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import net.sourceforge.tess4j.util.LoadLibs;

/**
 * The few Tesseract C API functions that take a progress monitor ({@code ETEXT_DESC}), bound with an
 * opaque pointer. tess4j maps {@code ETEXT_DESC} as a JNA structure with Tesseract 3's layout; JNA
 * writes a structure argument's Java fields into native memory before every call, which would
 * overwrite the callbacks of Tesseract 5's larger monitor. Here the monitor is only ever a pointer
 * that Tesseract itself created. Loaded from the same library as {@code TessAPI}.
 */
interface TesseractMonitorApi extends Library {

  static TesseractMonitorApi load() {
    return Native.load(LoadLibs.getTesseractLibName(), TesseractMonitorApi.class);
  }

  Pointer TessMonitorCreate();

  void TessMonitorDelete(Pointer monitor);

  /** Recognition stops when this many milliseconds have passed from now. */
  void TessMonitorSetDeadlineMSecs(Pointer monitor, int deadline);

  /** 0 on success, -1 on failure, including a passed deadline. */
  int TessBaseAPIRecognize(Pointer handle, Pointer monitor);
}
