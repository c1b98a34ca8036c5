package dev.imagerag.app;

import dev.imagerag.logic.library.LibraryPaths;
import javafx.application.Application;

/** Starts the JavaFX application on a library; returns when the window closes. */
final class GuiLauncher {
  /**
   * JavaFX warns on stderr when it runs from the class path instead of modules, which is how the
   * jar runs; the warning says nothing a user can act on. Held here so the setting is not lost.
   */
  private static final java.util.logging.Logger JAVAFX_PLATFORM =
      java.util.logging.Logger.getLogger("com.sun.javafx.application.PlatformImpl");

  private GuiLauncher() {}

  static void launch(LibraryPaths library) {
    JAVAFX_PLATFORM.setLevel(java.util.logging.Level.SEVERE);
    try {
      Application.launch(DesktopApp.class, "--library=" + library.root());
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      // No display, or JavaFX's native libraries cannot load (GTK 3 / OpenGL missing), or a bug.
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      org.slf4j.LoggerFactory.getLogger(GuiLauncher.class).error("The window could not start", e);
      System.err.println("Could not open the window: " + e.getMessage()
          + (root != e ? " (" + root + ")" : "") + ".");
      System.err.println("The desktop window needs a graphical session and GTK 3 "
          + "(Debian/Ubuntu: sh packaging/linux/install-runtime-deps.sh, or apt-get install libgtk-3-0 libgl1).");
      System.err.println("The command line works without them: java -jar image-rag.jar --help");
      System.exit(1);
    }
  }
}
