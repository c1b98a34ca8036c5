package dev.imagerag.app;

import dev.imagerag.logic.library.LibraryPaths;
import javafx.application.Application;

/** Starts the JavaFX application on a library; returns when the window closes. */
final class GuiLauncher {
  private GuiLauncher() {}

  static void launch(LibraryPaths library) {
    Application.launch(DesktopApp.class, "--library=" + library.root());
  }
}
