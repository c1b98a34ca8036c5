package dev.imagerag.ui.common;

import java.nio.file.Path;

/**
 * What the window asks of the desktop: opening files in their application, showing them in the
 * file manager, the clipboard. The window implements it with JavaFX; tests record the calls.
 */
public interface DesktopActions {

  /** Opens the file with the desktop's default application. */
  void open(Path file);

  /** Shows the folder that holds the file in the file manager. */
  void showInFolder(Path file);

  /** Puts plain text on the clipboard. */
  void copyText(String text);
}
