package dev.imagerag.infra.tesseract;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limits OpenMP inside libtesseract to one thread. Debian's and Ubuntu's Tesseract are built with
 * OpenMP, and on a 2-core machine its worker threads make each page 4 to 5 times slower (measured:
 * 700 ms instead of 140 ms for a small screenshot, most of it system time), while we already read
 * one image per OCR worker. OpenMP reads {@code OMP_THREAD_LIMIT} once, when libgomp is loaded, so
 * it is set in this process's environment before libtesseract is first loaded; a value the user set
 * is kept. Tesseract's FAQ gives the same advice for running several instances.
 */
final class OpenMpThreads {
  private static final Logger LOG = LoggerFactory.getLogger(OpenMpThreads.class);
  private static boolean done;

  private interface C extends Library {
    int setenv(String name, String value, int overwrite);
  }

  private OpenMpThreads() {}

  /** Call before the first use of {@code TessAPI.INSTANCE}; later calls do nothing. */
  static synchronized void limitToOne() {
    if (done) {
      return;
    }
    done = true;
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.startsWith("windows") || System.getenv("OMP_THREAD_LIMIT") != null) {
      return;
    }
    if (libgompLoaded()) {
      LOG.info("OpenMP is already loaded in this process; OCR may run slower than it could. "
          + "Start Image RAG with OMP_THREAD_LIMIT=1 to avoid that.");
      return;
    }
    try {
      Native.load("c", C.class).setenv("OMP_THREAD_LIMIT", "1", 0);
    } catch (LinkageError e) {
      LOG.debug("Could not set OMP_THREAD_LIMIT for Tesseract", e);
    }
  }

  private static boolean libgompLoaded() {
    Path maps = Path.of("/proc/self/maps");
    try {
      return Files.isReadable(maps) && Files.readString(maps).contains("libgomp");
    } catch (IOException e) {
      return false;
    }
  }
}
